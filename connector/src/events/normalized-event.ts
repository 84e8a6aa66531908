/**
 * What every host webhook (Zendesk event subscription, Zendesk trigger, Freshdesk automation)
 * and every sandbox change becomes before it enters the inbox. Processing only sees these.
 */
import type { Comment, HostId, PriorityId, StatusId, Ticket } from '../../../policies/src/types';

export type NormalizedEvent =
  /** A new ticket; `ticket` has at least id, subject, description (full snapshot when the host sent one). */
  | { kind: 'ticket.created'; ticket: Ticket }
  /** A comment; `author` is 'agent' for staff, 'customer' for the requester (or other end users). */
  | { kind: 'comment.added'; comment: Comment }
  | { kind: 'status.changed'; status: StatusId; previous?: StatusId | null }
  /** `tags` is the full tag list after the change when the host sent it. */
  | { kind: 'tags.changed'; added: string[]; removed: string[]; tags?: string[] }
  | { kind: 'priority.changed'; priority: PriorityId; previous?: PriorityId | null }
  /** A snapshot from a trigger/automation with whatever fields it carried. */
  | { kind: 'ticket.updated'; ticket: Partial<Ticket> & { id: string } }
  /** Internal: a durable timer fired (SLA warning/breach, follow-up, cluster check). */
  | { kind: 'timer.fired'; timer: string; dueAt: string };

export interface InboxEvent {
  host: HostId;
  /** Host event id (Zendesk event id / invocation id; Freshdesk: derived) used for dedupe. */
  eventId: string;
  ticketId: string;
  /** When the host says it happened (ISO). */
  occurredAt: string;
  receivedAt: string;
  event: NormalizedEvent;
}
