/**
 * The one interface every helpdesk implements: Zendesk and Freshdesk (REST, through a rate-limited
 * queue) and the sandbox host (our own tables). Processing talks only to this.
 */
import type { HostId, PriorityId, SeverityId, StatusId, Ticket } from '../../../policies/src/types';

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
  /**
   * The severity whose host priority `priority` is (set when the severity's own priority won over escalations): a host
   * with its own scale writes `policy.severities[severity].priority.<host>` instead of mapping `priority`.
   */
  severity?: SeverityId;
  /** Policy group key; the adapter maps it to the host's group id (policy.groups). Null ids are left alone. */
  group?: string;
  status?: StatusId;
  /** Intake field key → value; the adapter maps keys via policy.hostFields (unmapped keys are skipped). */
  fields?: Record<string, string | number | null>;
  note?: InternalNote;
  /** Make this ticket an incident of that problem ticket. */
  problemId?: string;
  /**
   * Optional: the ticket's `updated_at` as last seen (e.g. from the event). Zendesk uses it as
   * `updated_stamp` for `safe_update` so tag writes need no extra read; a stale value costs one 409 + refetch.
   */
  updatedAt?: string;
  /**
   * Optional: the ticket's tags as a host event showed them at `updatedAt` (an agent's edit). A host without conditional
   * updates (Freshdesk) compares them with its last tag write and restores tags that write dropped; others ignore it.
   */
  seenTags?: string[];
}

/** Optional: how a change or a creation is applied. */
export interface ApplyOptions {
  /**
   * True when the outbox re-sends a change that may already have reached the host (after a crash or an
   * ambiguous failure): the adapter first reads the ticket's comments and skips a note whose marker is there.
   * For `createTicket`: true → look the creation's reference up first and return the ticket found; false → the
   * first attempt, no lookup before the POST. Omitted → each host's earlier behaviour (Zendesk looks up, Freshdesk not).
   */
  retry?: boolean;
}

export interface NewTicket {
  kind: 'follow_up' | 'problem';
  subject: string;
  /** First comment (internal for follow-up tasks and problems). */
  body: string;
  requesterId?: string;
  /** When the requester has no host id (a webhook body carries name and e-mail only): the host finds or creates the contact. */
  requesterEmail?: string;
  requesterName?: string;
  group?: string;
  tags: string[];
  /** Ticket this one is about (linked in the body / fields / parent). */
  relatedTicketId?: string;
  /** ISO due date for tasks. */
  dueAt?: string;
  priority?: PriorityId;
  /** Optional: further tickets to link at creation (Freshdesk tracker `related_ticket_ids`). */
  relatedTicketIds?: string[];
  /**
   * Optional: a stable reference for THIS creation (e.g. the outbox row's marker), identical on
   * every retry. Stored on the created ticket (Zendesk `external_id`, Freshdesk a hidden marker in the description) so a retry after
   * a crash or an ambiguous failure finds the ticket instead of creating a second one. Without it the adapter
   * derives one from kind, related ids, due date, subject and body.
   */
  idempotencyKey?: string;
}

/** One ticket a host lists as changed (reconciliation). */
export interface ChangedTicket {
  id: string;
  /** The host's updated_at (ISO). */
  updatedAt: string;
  status?: StatusId;
}

export interface ChangedPage {
  tickets: ChangedTicket[];
  /** Where the next listing starts (opaque, stored durably). */
  cursor: string;
  /** True when the listing reached the present. */
  done: boolean;
}

export interface HostClient {
  readonly host: HostId;
  /**
   * Optional: tickets changed since `cursor` (null: since `sinceIso`), oldest first, one page (reconciliation; Zendesk
   * incremental ticket export, Freshdesk `updated_since`).
   */
  listChanged?(cursor: string | null, sinceIso: string): Promise<ChangedPage>;
  /** Full snapshot: subject, description, requester, status, tags, fields, comments. */
  getTicket(id: string): Promise<Ticket>;
  applyChange(id: string, change: TicketChange, options?: ApplyOptions): Promise<void>;
  /** Idempotent through `input.idempotencyKey` (see ApplyOptions.retry for when the adapter looks it up first). */
  createTicket(input: NewTicket, options?: ApplyOptions): Promise<{ id: string }>;
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
