import { z } from 'zod';
import { key, localized, signalId, tag } from './common';

export const evidenceRequirement = z.discriminatedUnion('type', [
  /** At least `min` contacts from the customer on record (comments/calls). */
  z.strictObject({ id: key, type: z.literal('customer_contacts'), min: z.number().int().min(1).max(100), label: localized(200) }),
  /** At least `min` recorded items of any of `kinds`. */
  z.strictObject({
    id: key,
    type: z.literal('items'),
    kinds: z.array(key).min(1),
    min: z.number().int().min(1).max(100),
    label: localized(200),
  }),
  /** A review recorded by someone with this role or higher. */
  z.strictObject({ id: key, type: z.literal('review'), role: key, label: localized(200) }),
]);

export const evidence = z
  .strictObject({
    /** The tag (Zendesk) / tag (Freshdesk) that labels a complaint malicious. */
    maliciousTag: tag,
    /** Signals that make a complaint "suspected malicious" (the sidebar opens the evidence panel). */
    suspectSignals: z.array(signalId).max(6),
    /** Group that reviews a frozen evidence record. */
    reviewGroup: key,
    /** Kinds of evidence items agents can add, with their labels. */
    itemKinds: z.record(key, z.strictObject({ label: localized(80) })),
    requirements: z.array(evidenceRequirement).min(1).max(50),
  })
  .superRefine((e, ctx) => {
    e.requirements.forEach((r, i) => {
      if (r.type === 'items')
        r.kinds.forEach((k, j) => {
          if (!Object.hasOwn(e.itemKinds, k))
            ctx.addIssue({
              code: 'custom',
              path: ['requirements', i, 'kinds', j],
              message: `unknown item kind "${k}"`,
              params: { hint: `use a kind defined in evidence.itemKinds (${Object.keys(e.itemKinds).join(', ')}) or add "${k}" there` },
            });
        });
    });
  });
