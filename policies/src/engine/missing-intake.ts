/**
 * Which required intake fields (policy.intake.required) a ticket still lacks, so the agent can ask
 * for them once instead of making the customer repeat themselves.
 */
import type { CategoryId, Locale } from '../ids';
import type { IntakeGap, Policy, Ticket } from '../types';

type Source = Policy['intake']['fields'][string]['source'];

const filled = (v: unknown): boolean => v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '');

function present(source: Source, ticket: Ticket, category: CategoryId | null): boolean {
  switch (source.kind) {
    case 'requester_name':
      return filled(ticket.requester?.name);
    case 'requester_contact':
      return filled(ticket.requester?.email) || filled(ticket.requester?.phone);
    case 'channel':
      return filled(ticket.channel);
    case 'received_at':
      return filled(ticket.createdAt);
    case 'category':
      return category !== null;
    case 'description':
      return [...(ticket.description ?? '').trim()].length >= source.minLength;
    case 'field':
      return filled(ticket.fields?.[source.field]);
  }
}

export function missingIntake(ticket: Ticket, category: CategoryId | null, policy: Policy, locale: Locale): IntakeGap[] {
  const gaps: IntakeGap[] = [];
  for (const key of policy.intake.required) {
    const field = policy.intake.fields[key];
    if (!field) continue; // validation guarantees it exists
    if (!present(field.source, ticket, category))
      gaps.push({
        field: key,
        label: field.label[locale] ?? field.label[policy.defaultLocale],
        ask: field.ask?.[locale] ?? field.label[locale] ?? field.label[policy.defaultLocale],
      });
  }
  return gaps;
}
