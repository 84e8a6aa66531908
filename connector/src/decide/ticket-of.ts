/** The host-neutral `Ticket` (engine input) a projection stands for (no comments: the snapshot keeps none). */
import type { Ticket } from '../../../policies/src/types';
import type { TicketProjection } from './ticket-projection';

export function ticketOf(p: TicketProjection): Ticket {
  return {
    host: p.host,
    id: p.id,
    subject: p.subject,
    description: p.snapshot.description ?? '',
    requester: p.snapshot.requester,
    channel: p.channel ?? undefined,
    createdAt: p.createdAt,
    status: p.status,
    tags: p.tags,
    fields: { ...p.fields },
    locale: p.snapshot.locale,
  };
}
