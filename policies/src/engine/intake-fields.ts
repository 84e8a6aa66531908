/**
 * Values of policy-named intake fields on a ticket (`intake.productField`, `remedies.inputFields`), and the
 * engine's `RemedyInput` built from them. No field key is known to the code: the policy names them.
 * Pure and browser-safe: the connector and the sidebar's offline view both use it.
 */
import type { CategoryId, Policy, RemedyInput, SeverityId, Ticket } from '../types';

type Fields = Ticket['fields'];

/** The value of an intake field (by intake key) on a ticket: its `field` source read from the ticket's fields. */
export function intakeFieldValue(policy: Policy, fields: Fields, intakeKey: string | undefined): string | number | boolean | null {
  if (!intakeKey || !Object.hasOwn(policy.intake.fields, intakeKey)) return null;
  const source = policy.intake.fields[intakeKey].source;
  if (source.kind !== 'field') return null;
  const v = fields?.[source.field];
  return v === undefined || v === null || v === '' ? null : v;
}

const text = (v: unknown): string | null => (v === null ? null : String(v));

/** A number from a field value: numbers as they are, strings like "1,299.00" or "¥1299" read leniently; else null. */
export function amountOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const cleaned = v.replace(/[,\s]/g, '').replace(/^[^\d.-]+/, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** The product model (`intake.productField`) as text, or undefined when the policy names none or it is empty. */
export function productOf(policy: Policy, fields: Fields): string | undefined {
  const v = intakeFieldValue(policy, fields, policy.intake.productField);
  return v === null ? undefined : String(v);
}

/** The engine's remedy input for a classified ticket, reading `remedies.inputFields` from its fields. */
export function remedyInputFrom(category: CategoryId, severity: SeverityId, fields: Fields, policy: Policy): RemedyInput {
  const f = policy.remedies.inputFields ?? {};
  return {
    category,
    severity,
    purchaseDate: text(intakeFieldValue(policy, fields, f.purchaseDate)),
    deliveredAt: text(intakeFieldValue(policy, fields, f.deliveredAt)),
    orderAmount: amountOf(intakeFieldValue(policy, fields, f.orderAmount)),
  };
}
