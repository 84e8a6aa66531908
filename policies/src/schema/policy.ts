import { z } from 'zod';
import { CATEGORY_IDS, NOTE_IDS, SCRIPT_STAGE_IDS, SIGNAL_IDS, STATUS_IDS } from '../ids';
import { calendar, ianaZone } from './calendar';
import { checkReferences } from './check-references';
import { classification } from './classification';
import { key, locale, localized, localizedTemplate, minutes, priorityId, severityId, statusId, tag, text } from './common';
import { escalation } from './escalation';
import { evidence } from './evidence';
import { explanations } from './explanations';
import { remedies } from './remedies';

const category = z.strictObject({ label: localized(80), description: text(300).optional(), defaultSeverity: severityId });

const severity = z.strictObject({
  label: localized(80),
  respondWithinMinutes: minutes,
  resolveWithinMinutes: minutes,
  /** First acknowledgement on online channels (see `sla.onlineChannels`). */
  firstAcknowledgeWithinMinutes: minutes,
  /** Group key (see `groups`) the ticket is dispatched to. */
  group: key,
  /** Calendar key (see `calendars`) its clocks run on. */
  calendar: key,
  priority: z.strictObject({ zendesk: priorityId, freshdesk: z.number().int().min(1).max(4) }),
});

const signal = z.strictObject({ label: localized(80), forcesSeverity: severityId.nullable() });

const group = z.strictObject({
  label: localized(80),
  /** The host's numeric group id, when this group exists there (null = leave the group alone). */
  zendeskGroupId: z.number().int().positive().nullable(),
  freshdeskGroupId: z.number().int().positive().nullable(),
});

/** When a script's variant wording applies: the ticket's category is one of `categories` and (if given) it has one of `signals`. */
const scriptWhen = z
  .strictObject({
    categories: z.array(z.enum(CATEGORY_IDS)).min(1).max(CATEGORY_IDS.length).optional(),
    signals: z.array(z.enum(SIGNAL_IDS)).min(1).max(SIGNAL_IDS.length).optional(),
  })
  .refine((w) => w.categories || w.signals, {
    message: 'a variant needs "categories" or "signals"',
    params: { hint: 'e.g. {"categories": ["billing"]}: the wording for refund and payment complaints' },
  });

const script = z.strictObject({
  label: localized(80),
  /** Ticket stages in which the sidebar suggests this script. */
  stages: z.array(z.enum(['new', 'working', 'remedy', 'solved', 'suspect'])).min(1),
  /** The general wording, used when no variant fits the ticket. */
  template: localizedTemplate(1000),
  /** Wording for particular cases, tried in order; the first whose `when` fits the ticket replaces `template`. */
  variants: z
    .array(z.strictObject({ when: scriptWhen, template: localizedTemplate(1000) }))
    .max(20)
    .optional(),
});

const intakeField = z.strictObject({
  label: localized(80),
  /** How a script asks the customer for this field (`{{missing_details}}`), in customer wording; default: the label. */
  ask: localized(120).optional(),
  /** Where the value is found on a ticket: a built-in property or a custom field key. */
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('requester_name') }),
    z.strictObject({ kind: z.literal('requester_contact') }),
    z.strictObject({ kind: z.literal('channel') }),
    z.strictObject({ kind: z.literal('received_at') }),
    z.strictObject({ kind: z.literal('category') }),
    z.strictObject({ kind: z.literal('description'), minLength: z.number().int().min(1).max(1000) }),
    z.strictObject({ kind: z.literal('field'), field: key }),
  ]),
});

export const policySchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.\-_+]{0,39}$/, 'a version such as "2026.11.1"'),
    company: text(80),
    defaultLocale: locale,
    categories: z.strictObject({
      quality: category,
      logistics: category,
      usage: category,
      service: category,
      billing: category,
      other: category,
    }),
    severities: z.strictObject({ L1: severity, L2: severity, L3: severity }),
    signals: z.strictObject(Object.fromEntries(SIGNAL_IDS.map((s) => [s, signal])) as Record<(typeof SIGNAL_IDS)[number], typeof signal>),
    groups: z.record(key, group),
    calendars: z.record(key, calendar),
    /**
     * One time zone per reader (IANA names). `agents`: deadlines in the sidebar, the sandbox and the dashboard when
     * the host gives no zone for the agent; `customers`: `{{deadline}}`, `{{respond_by}}`, `{{resolve_by}}` in
     * scripts; `notes`: the same in internal notes. Each left out: the zone of the calendar the ticket's severity
     * runs on (the first calendar's where there is no ticket).
     */
    timeZones: z.strictObject({ agents: ianaZone.optional(), customers: ianaZone.optional(), notes: ianaZone.optional() }).default({}),
    sla: z.strictObject({
      /** Percent of a clock's budget after which it is in "warning". */
      warnAtPercent: z.number().int().min(1).max(99),
      /** Statuses that pause the resolve clock. */
      pauseStatuses: z.array(statusId).max(STATUS_IDS.length),
      /** Statuses that stop the clocks (solved). */
      stopStatuses: z.array(statusId).min(1),
      /** Channels where the first-acknowledgement clock applies. */
      onlineChannels: z.array(key).max(30),
      /** How notes and the sidebar name each clock (`{{rule}}` in the sla_warning / sla_breach notes). */
      clockLabels: z.strictObject({ acknowledge: localized(80), respond: localized(80), resolve: localized(80) }),
    }),
    classification,
    explanations,
    escalation,
    /**
     * Wording a script uses when a variable is unknown on a ticket (`{{product}}` with no product model…):
     * variable → text per locale (may be empty). Every script variable the connector cannot always fill needs one.
     */
    templateFallbacks: z
      .record(key, z.strictObject({ en: z.string().max(200), 'zh-CN': z.string().max(200), 'zh-TW': z.string().max(200) }))
      .default({}),
    scripts: z.strictObject(
      Object.fromEntries(SCRIPT_STAGE_IDS.map((s) => [s, script])) as Record<(typeof SCRIPT_STAGE_IDS)[number], typeof script>,
    ),
    notes: z.strictObject(
      Object.fromEntries(NOTE_IDS.map((n) => [n, localizedTemplate(2000)])) as Record<
        (typeof NOTE_IDS)[number],
        ReturnType<typeof localizedTemplate>
      >,
    ),
    remedies,
    evidence,
    followUp: z.strictObject({
      daysAfterSolve: z.number().int().min(3, 'follow up 3 to 7 days after solve').max(7, 'follow up 3 to 7 days after solve'),
      /** Subject of the follow-up task created on the host (ticket variables, e.g. `{{ticket_id}}`). */
      subject: localizedTemplate(200),
      /** Asked in the follow-up; `{{csat_min}}` / `{{csat_max}}` are the ends of `csatScale`. */
      csatQuestion: localizedTemplate(300),
      /** The answer scale: whole numbers from `min` (least satisfied) to `max` (most satisfied). */
      csatScale: z
        .strictObject({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(100) })
        .refine((s) => s.max > s.min, {
          message: 'max must be greater than min',
          path: ['max'],
          params: { hint: 'e.g. {"min": 1, "max": 5}' },
        }),
      group: key.nullable(),
      tag,
    }),
    /** The requester's complaint history shown in the sidebar: complaints of the last `windowDays` days. */
    history: z.strictObject({ windowDays: z.number().int().min(1).max(3650) }),
    batches: z.strictObject({
      /** Intake field key holding the product batch / lot. */
      field: key,
      clusterThreshold: z.number().int().min(2).max(1000),
      windowDays: z.number().int().min(1).max(365),
      tag,
      problemSubject: localizedTemplate(200),
    }),
    intake: z.strictObject({
      fields: z.record(key, intakeField),
      required: z.array(key).min(1),
      /** Intake field (a custom `field` source) holding the product model: `{{product}}` in scripts and notes. */
      productField: key.optional(),
    }),
    /** Custom-field mapping per host: intake field key → Zendesk field id / Freshdesk `cf_` name. */
    hostFields: z.strictObject({
      zendesk: z.record(key, z.number().int().positive()),
      freshdesk: z.record(key, z.string().regex(/^cf_[a-z0-9_]+$/, 'a Freshdesk custom field name such as "cf_product_batch"')),
    }),
    tags: z.strictObject({
      categoryPrefix: tag,
      severityPrefix: tag,
      signalPrefix: tag,
      tierPrefix: tag,
      slaWarning: tag,
      slaBreached: tag,
    }),
  })
  .superRefine(checkReferences);

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
