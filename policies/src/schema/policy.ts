import { z } from 'zod';
import { ALWAYS_FILLED_VARIABLES, CATEGORY_IDS, LOCALES, NOTE_IDS, SCRIPT_STAGE_IDS, SCRIPT_VARIABLES, SIGNAL_IDS, STATUS_IDS, TEMPLATE_VARIABLES } from '../ids';
import { calendar, ianaZone } from './calendar';
import { classification } from './classification';
import { key, locale, localized, localizedTemplate, minutes, priorityId, severityId, statusId, tag, templateVariables, text } from './common';
import { escalation } from './escalation';
import { closest } from './hints';
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
const scriptWhen = z.strictObject({
  categories: z.array(z.enum(CATEGORY_IDS)).min(1).max(CATEGORY_IDS.length).optional(),
  signals: z.array(z.enum(SIGNAL_IDS)).min(1).max(SIGNAL_IDS.length).optional(),
}).refine((w) => w.categories || w.signals, { message: 'a variant needs "categories" or "signals"', params: { hint: 'e.g. {"categories": ["billing"]}: the wording for refund and payment complaints' } });

const script = z.strictObject({
  label: localized(80),
  /** Ticket stages in which the sidebar suggests this script. */
  stages: z.array(z.enum(['new', 'working', 'remedy', 'solved', 'suspect'])).min(1),
  /** The general wording, used when no variant fits the ticket. */
  template: localizedTemplate(1000),
  /** Wording for particular cases, tried in order; the first whose `when` fits the ticket replaces `template`. */
  variants: z.array(z.strictObject({ when: scriptWhen, template: localizedTemplate(1000) })).max(20).optional(),
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

export const policySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.\-_+]{0,39}$/, 'a version such as "2026.11.1"'),
  company: text(80),
  defaultLocale: locale,
  categories: z.strictObject({ quality: category, logistics: category, usage: category, service: category, billing: category, other: category }),
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
  templateFallbacks: z.record(key, z.strictObject({ en: z.string().max(200), 'zh-CN': z.string().max(200), 'zh-TW': z.string().max(200) })).default({}),
  scripts: z.strictObject(Object.fromEntries(SCRIPT_STAGE_IDS.map((s) => [s, script])) as Record<(typeof SCRIPT_STAGE_IDS)[number], typeof script>),
  notes: z.strictObject(Object.fromEntries(NOTE_IDS.map((n) => [n, localizedTemplate(2000)])) as Record<(typeof NOTE_IDS)[number], ReturnType<typeof localizedTemplate>>),
  remedies,
  evidence,
  followUp: z.strictObject({
    daysAfterSolve: z.number().int().min(3, 'follow up 3 to 7 days after solve').max(7, 'follow up 3 to 7 days after solve'),
    /** Subject of the follow-up task created on the host (ticket variables, e.g. `{{ticket_id}}`). */
    subject: localizedTemplate(200),
    /** Asked in the follow-up; `{{csat_min}}` / `{{csat_max}}` are the ends of `csatScale`. */
    csatQuestion: localizedTemplate(300),
    /** The answer scale: whole numbers from `min` (least satisfied) to `max` (most satisfied). */
    csatScale: z.strictObject({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(100) })
      .refine((s) => s.max > s.min, { message: 'max must be greater than min', path: ['max'], params: { hint: 'e.g. {"min": 1, "max": 5}' } }),
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
}).superRefine((p, ctx) => {
  const group = (k: string, path: (string | number)[]) => {
    if (!Object.hasOwn(p.groups, k)) {
      const known = Object.keys(p.groups);
      const guess = closest(k, known);
      ctx.addIssue({ code: 'custom', path, message: `unknown group "${k}"`, params: { hint: `${guess ? `did you mean "${guess}"? ` : ''}use a group defined under groups (${known.join(', ') || 'none yet'}) or add "${k}" there` } });
    }
  };
  for (const [id, s] of Object.entries(p.severities)) {
    group(s.group, ['severities', id, 'group']);
    if (!Object.hasOwn(p.calendars, s.calendar)) ctx.addIssue({ code: 'custom', path: ['severities', id, 'calendar'], message: `unknown calendar "${s.calendar}"`, params: { hint: `use a calendar defined under calendars (${Object.keys(p.calendars).join(', ') || 'none yet'}) or add "${s.calendar}" there` } });
  }
  for (const [id, t] of Object.entries(p.escalation.tiers)) group(t.group, ['escalation', 'tiers', id, 'group']);
  p.escalation.rules.forEach((r, i) => { if (r.then.group) group(r.then.group, ['escalation', 'rules', i, 'then', 'group']); });
  group(p.evidence.reviewGroup, ['evidence', 'reviewGroup']);
  if (p.followUp.group) group(p.followUp.group, ['followUp', 'group']);
  if (p.signals.safety.forcesSeverity !== 'L1') ctx.addIssue({ code: 'custom', path: ['signals', 'safety', 'forcesSeverity'], message: 'a safety signal must force "L1"', params: { hint: 'set it to "L1": any personal-safety hazard is urgent, whatever else the complaint says' } });
  p.intake.required.forEach((f, i) => {
    if (!Object.hasOwn(p.intake.fields, f)) ctx.addIssue({ code: 'custom', path: ['intake', 'required', i], message: `unknown intake field "${f}"`, params: { hint: `define "${f}" under intake.fields, or list only defined fields (${Object.keys(p.intake.fields).join(', ')})` } });
  });
  const fieldRef = (k: string, path: (string | number)[], what: string) => {
    const f = Object.hasOwn(p.intake.fields, k) ? p.intake.fields[k] : undefined;
    if (!f) {
      const guess = closest(k, Object.keys(p.intake.fields));
      ctx.addIssue({ code: 'custom', path, message: `unknown intake field "${k}"`, params: { hint: `${guess ? `did you mean "${guess}"? ` : ''}name the intake field (intake.fields) that holds ${what}, or define "${k}" there with a "field" source` } });
    } else if (f.source.kind !== 'field') {
      ctx.addIssue({ code: 'custom', path, message: `intake field "${k}" has source "${f.source.kind}", not a ticket field`, params: { hint: `point to an intake field whose source is {"kind": "field", "field": …} (it holds ${what})` } });
    }
  };
  if (p.intake.productField) fieldRef(p.intake.productField, ['intake', 'productField'], 'the product model');
  for (const [name, k] of Object.entries(p.remedies.inputFields ?? {})) {
    if (k) fieldRef(k, ['remedies', 'inputFields', name], { purchaseDate: 'the purchase date', deliveredAt: 'the delivery date', orderAmount: 'the order value' }[name] ?? name);
  }
  if (!Object.hasOwn(p.intake.fields, p.batches.field)) ctx.addIssue({ code: 'custom', path: ['batches', 'field'], message: `unknown intake field "${p.batches.field}"`, params: { hint: 'name the intake field (intake.fields) that holds the product batch / lot number' } });
  p.evidence.requirements.forEach((r, i) => {
    if (r.type === 'review' && !Object.hasOwn(p.remedies.roles, r.role)) ctx.addIssue({ code: 'custom', path: ['evidence', 'requirements', i, 'role'], message: `unknown role "${r.role}"`, params: { hint: `use a role defined under remedies.roles (${Object.keys(p.remedies.roles).join(', ')})` } });
  });
  for (const [id, sc] of Object.entries(p.scripts)) {
    const wordings: [(string | number)[], typeof sc.template][] = [[['scripts', id, 'template'], sc.template], ...(sc.variants ?? []).map((v, i): [(string | number)[], typeof sc.template] => [['scripts', id, 'variants', i, 'template'], v.template])];
    for (const [at, template] of wordings) for (const loc of LOCALES) {
      for (const name of new Set(templateVariables(template[loc]))) {
        const path = [...at, loc];
        if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) continue; // reported as an unknown variable
        if (!(SCRIPT_VARIABLES as readonly string[]).includes(name)) {
          ctx.addIssue({ code: 'custom', path, message: `{{${name}}} would show the customer an internal label or id`, params: { hint: `scripts may use ${SCRIPT_VARIABLES.map((v) => `{{${v}}}`).join(', ')}; ask for missing intake with {{missing_details}} (intake.fields.*.ask)` } });
        } else if (!(ALWAYS_FILLED_VARIABLES as readonly string[]).includes(name) && !Object.hasOwn(p.templateFallbacks, name)) {
          ctx.addIssue({ code: 'custom', path, message: `{{${name}}} can be unknown on a ticket and has no fallback wording, so the customer could read "[${name}]"`, params: { hint: `add templateFallbacks.${name} with the words to use when it is unknown (per locale; may be empty)` } });
        }
      }
    }
  }
  const rv = p.classification.review;
  if (rv && !Object.hasOwn(p.remedies.roles, rv.downgradeRole)) ctx.addIssue({ code: 'custom', path: ['classification', 'review', 'downgradeRole'], message: `unknown role "${rv.downgradeRole}"`, params: { hint: `use a role defined under remedies.roles (${Object.keys(p.remedies.roles).join(', ')})` } });
  for (const host of ['zendesk', 'freshdesk'] as const) {
    for (const f of Object.keys(p.hostFields[host])) {
      if (!Object.hasOwn(p.intake.fields, f) && !['category', 'severity'].includes(f)) ctx.addIssue({ code: 'custom', path: ['hostFields', host, f], message: `"${f}" is neither an intake field nor category/severity`, params: { hint: 'map only keys of intake.fields (or category, severity) to host custom fields' } });
    }
  }
});

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
