import { z } from 'zod';
import { CATEGORY_IDS, REMEDY_KINDS, REMEDY_RANKS, SEVERITY_IDS, WARRANTY_STATES } from '../ids';
import { categoryId, key, localized, severityId, tierId } from './common';

const money = z.number().nonnegative().max(1e9);

export const remedyOption = z.strictObject({
  rank: z.enum(REMEDY_RANKS),
  kind: z.enum(REMEDY_KINDS),
  label: localized(200),
  /** Most money this option may cost (in `currency`); null = no money involved. */
  capAmount: money.nullable(),
  /** Most this option may cost as % of the order value (over 100 = a refund plus extra); null = no % cap. */
  capPercent: z.number().min(0).max(300).nullable(),
  /** Whether the cap includes the refund (a refund option, or a refund plus a coupon) or comes on top of it. */
  includesRefund: z.boolean().default(false),
});

export const remedyEntry = z.strictObject({
  id: key,
  categories: z.array(categoryId).min(1),
  severities: z.array(severityId).min(1),
  warranty: z.array(z.enum(WARRANTY_STATES)).min(1),
  options: z
    .array(remedyOption)
    .length(3, 'give exactly three options: first, second, bottom')
    .superRefine((opts, ctx) => {
      opts.forEach((o, i) => {
        if (o.rank !== REMEDY_RANKS[i])
          ctx.addIssue({
            code: 'custom',
            path: [i, 'rank'],
            message: `option ${i + 1} must have rank "${REMEDY_RANKS[i]}"`,
            params: { hint: 'order the three options first, second, bottom' },
          });
      });
    }),
});

export const remedies = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY, USD, TWD'),
    /** Days after delivery in which a return needs no reason. */
    noReasonReturnDays: z.number().int().min(0).max(365),
    /** Warranty length after purchase, in months. */
    warrantyMonths: z.number().int().min(0).max(240),
    /** Intake field keys the remedy rules read (warranty, no-reason return window, % caps); absent = unknown. */
    inputFields: z.strictObject({ purchaseDate: key.optional(), deliveredAt: key.optional(), orderAmount: key.optional() }).optional(),
    /** How notes name an approver's decision on a pending remedy (`{{decision}}` in the remedy_decision note). */
    decisionLabels: z.strictObject({ approved: localized(80), declined: localized(80) }),
    /**
     * Agent roles and how far each may go without approval; `rank` orders them (higher approves lower).
     * `escalateTo`: the escalation tier a ticket moves to when a remedy waits for this role's approval.
     */
    roles: z.record(
      key,
      z.strictObject({
        rank: z.number().int().min(0).max(100),
        label: localized(80),
        maxAmount: money.nullable(),
        maxPercent: z.number().min(0).max(300).nullable(),
        escalateTo: tierId,
      }),
    ),
    /** First matching entry wins: list specific entries before general ones. */
    matrix: z.array(remedyEntry).min(1).max(500),
  })
  .superRefine((r, ctx) => {
    if (Object.keys(r.roles).length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['roles'],
        message: 'no roles defined',
        params: { hint: 'define at least one role (e.g. agent, supervisor) with its rank and limits' },
      });
    for (const c of CATEGORY_IDS)
      for (const s of SEVERITY_IDS)
        for (const w of WARRANTY_STATES) {
          if (!r.matrix.some((e) => e.categories.includes(c) && e.severities.includes(s) && e.warranty.includes(w))) {
            ctx.addIssue({
              code: 'custom',
              path: ['matrix'],
              message: `no entry covers category "${c}", severity "${s}", warranty "${w}"`,
              params: {
                hint: `add a remedies.matrix entry whose categories include "${c}", severities include "${s}" and warranty includes "${w}", or widen an existing entry`,
              },
            });
          }
        }
  });
