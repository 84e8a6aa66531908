/** The fields classify() reads, in its order: subject, description, each customer comment. Pure and browser-safe. */
import type { MatchField, Ticket } from '../types';

export function ticketFields(ticket: Ticket): [MatchField, string][] {
  const fields: [MatchField, string][] = [
    ['subject', ticket.subject ?? ''],
    ['description', ticket.description ?? ''],
  ];
  for (const cm of ticket.comments ?? []) if (cm.author === 'customer') fields.push([`comment:${cm.id}`, cm.body ?? '']);
  return fields;
}
