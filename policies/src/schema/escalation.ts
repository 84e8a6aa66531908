import { z } from 'zod';
import { key, localized, priorityId, severityId, signalId, tag, text, tierId } from './common';

export const escalationTrigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('signal'), anyOf: z.array(signalId).min(1) }),
  z.strictObject({ type: z.literal('severity'), anyOf: z.array(severityId).min(1) }),
  z.strictObject({
    type: z.literal('sla'),
    clock: z.enum(['acknowledge', 'respond', 'resolve', 'any']),
    state: z.enum(['warning', 'breached']),
  }),
  z.strictObject({
    type: z.literal('repeat_requester'),
    count: z.number().int().min(2).max(1000),
    withinDays: z.number().int().min(1).max(3650),
  }),
  z.strictObject({ type: z.literal('vip') }),
  z.strictObject({ type: z.literal('remedy_rejected'), count: z.number().int().min(1).max(100) }),
]);

export const escalationRule = z.strictObject({
  id: key,
  /** Why the rule exists, as agents and notes read it: one text, or one per locale (preferred: notes are localised). */
  description: z.union([text(300), localized(300)]).optional(),
  when: escalationTrigger,
  then: z.strictObject({
    tier: tierId,
    group: key.optional(),
    priority: priorityId.optional(),
    addTags: z.array(tag).max(20).default([]),
    /** Write the `escalation` internal note when this rule first fires. */
    note: z.boolean().default(true),
    notifySupervisor: z.boolean().default(false),
  }),
});

export const escalation = z
  .strictObject({
    tiers: z.strictObject({
      front_line: z.strictObject({ label: localized(80), group: key }),
      specialist: z.strictObject({ label: localized(80), group: key }),
      supervisor: z.strictObject({ label: localized(80), group: key }),
    }),
    /**
     * How `notifySupervisor` reaches people: the connector adds this tag in the same ticket update, and a
     * host trigger/automation (docs/zendesk.md, docs/freshdesk.md) emails the supervisors when it appears. Absent = only recorded.
     */
    supervisorNotification: z.strictObject({ tag }).optional(),
    /** Requester or organisation tags that mark a VIP. */
    vipTags: z.array(tag).max(50).default([]),
    rules: z.array(escalationRule).max(200),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<string>();
    e.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id "${r.id}"`,
          params: { hint: 'give every escalation rule its own id: notes and reports refer to rules by id' },
        });
      seen.add(r.id);
    });
  });
