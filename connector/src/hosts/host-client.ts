/**
 * The one interface every helpdesk implements: Zendesk and Freshdesk (REST, through a rate-limited
 * queue) and the sandbox host (our own tables). Processing talks only to this.
 */
import type { HostId, PriorityId, StatusId, Ticket } from '../../../policies/src/types';

export interface InternalNote {
  body: string;
  /** Idempotency marker embedded invisibly in the note so a retry never posts it twice. */
  marker: string;
}

/** Everything one processing step wants to change on a ticket; applied in as few host calls as the host allows. */
export interface TicketChange {
  addTags?: string[];
  removeTags?: string[];
  priority?: PriorityId;
  /** Policy group key; the adapter maps it to the host's group id (policy.groups). Null ids are left alone. */
  group?: string;
  status?: StatusId;
  /** Intake field key → value; the adapter maps keys via policy.hostFields (unmapped keys are skipped). */
  fields?: Record<string, string | number | null>;
  note?: InternalNote;
  /** Make this ticket an incident of that problem ticket. */
  problemId?: string;
}

export interface NewTicket {
  kind: 'follow_up' | 'problem';
  subject: string;
  /** First comment (internal for follow-up tasks and problems). */
  body: string;
  requesterId?: string;
  group?: string;
  tags: string[];
  /** Ticket this one is about (linked in the body / fields / parent). */
  relatedTicketId?: string;
  /** ISO due date for tasks. */
  dueAt?: string;
  priority?: PriorityId;
}

export interface HostClient {
  readonly host: HostId;
  /** Full snapshot: subject, description, requester, status, tags, fields, comments. */
  getTicket(id: string): Promise<Ticket>;
  applyChange(id: string, change: TicketChange): Promise<void>;
  createTicket(input: NewTicket): Promise<{ id: string }>;
}

/** Errors from host calls carry a code so the outbox can decide: retry, or park as permanent. */
export class HostError extends Error {
  constructor(
    readonly code: 'rate_limited' | 'conflict' | 'server_error' | 'network' | 'permanent' | 'not_found',
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HostError';
  }
}
