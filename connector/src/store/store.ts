/**
 * The store as one async interface with two implementations: SQLite (sqlite-store.ts, over the existing
 * repos; one process) and PostgreSQL (postgres/, several connector processes on one database). The same
 * contract tests run against both (test/integration/store/store-contract.test.ts).
 *
 * Work is shared between processes by claims (docs/several-connectors.md):
 * - inbox: a process claims whole tickets (a lease per (host, ticket) until a time); only the holder
 *   processes that ticket's events, in inbox order, each in one transaction that first re-checks the lease
 *   (`holds`, which also locks it against a takeover until commit). An expired lease is taken over.
 * - outbox: a process claims the pending head row of a ticket (a claim on the row until a time); the next
 *   row of that ticket becomes eligible only once the head is done or parked, so host writes stay in order.
 * - timers: `fireDue` marks due timers fired and inserts their `timer.fired` events in one transaction;
 *   concurrent callers never fire one timer twice.
 */
import type { EntryInput, BundleEntry } from '../evidence/evidence-types';
import type { ClusterRow } from './clusters-repo';
import type { DecisionRow } from './decisions-repo';
import type { FetchRow } from './fetches-repo';
import type { InboxInsert, InboxRow } from './inbox-repo';
import type { OutboxPayload, OutboxRow } from './outbox-repo';
import type { TicketProjection } from '../decide/ticket-projection';
import type { TimerKind, TimerPlan } from '../decide/decision';
import type { TimerRow } from './timers-repo';
import type { RateLimitStore } from '../hosts/host-limiter';
import type { FactsStore } from './store-facts';

export interface InboxClaim {
  host: string;
  ticketId: string;
  /** Epoch ms the lease runs until (renew before it passes to keep the ticket). */
  until: number;
  /** The ticket's pending events, in inbox order. */
  rows: InboxRow[];
}

export interface LeaseKey {
  owner: string;
  host: string;
  ticketId: string;
}

export interface InboxStore {
  /** True when new; false for a duplicate (host, eventId) from any process. */
  insert(e: InboxInsert): Promise<boolean>;
  /** Claims up to `maxTickets` tickets with pending events not leased by another owner (or whose lease expired). */
  claim(owner: string, now: number, leaseMs: number, maxTickets?: number): Promise<InboxClaim[]>;
  /** Inside a transaction: true when `owner` still holds the ticket's lease at `now`; locks it until commit. */
  holds(owner: string, host: string, ticketId: string, now: number): Promise<boolean>;
  renew(owner: string, host: string, ticketId: string, until: number): Promise<boolean>;
  release(owner: string, host: string, ticketId: string): Promise<void>;
  /**
   * Marks a pending row done; false when it was not pending any more (then roll back). With `release`, that owner's
   * lease of the ticket goes with it (the ticket's last claimed row: no separate `release` call).
   */
  markDone(id: number, policyVersion: string, at: string, release?: LeaseKey): Promise<boolean>;
  markFailed(id: number, error: string, attempts: number, maxAttempts: number): Promise<void>;
  depth(): Promise<number>;
  /** Rows of one ticket in inbox order with their state (audit, tests). */
  ofTicket(host: string, ticketId: string): Promise<(InboxRow & { state: string })[]>;
}

export interface OutboxStore {
  add(host: string, ticketId: string, payload: OutboxPayload, at: string, inboxId: number | null): Promise<number>;
  /** `add` without the id (PostgreSQL, in a transaction: sent with the transaction's next statement). */
  enqueue(host: string, ticketId: string, payload: OutboxPayload, at: string, inboxId: number | null): Promise<void>;
  /** Claims the due pending head row of up to `limit` tickets (of `host` when given) for `leaseMs`. */
  claimHeads(owner: string, now: number, leaseMs: number, limit: number, host?: string): Promise<OutboxRow[]>;
  /** Extends `owner`'s claim on a pending row (a host call still in flight); false when the claim is not `owner`'s any more. */
  renewClaim(owner: string, id: number, until: number): Promise<boolean>;
  startAttempt(id: number): Promise<void>;
  markDone(id: number, at: string, result?: unknown): Promise<void>;
  /** Sets the next attempt time and drops the claim. */
  reschedule(id: number, nextAttemptAt: number, code: string, message: string): Promise<void>;
  park(id: number, code: string, message: string): Promise<void>;
  clusterCreateState(clusterId: number): Promise<string | null>;
  counts(): Promise<Record<'pending' | 'done' | 'parked', number>>;
  /** Hosts with pending rows (a lane per host; rows of an unconfigured host get parked). */
  pendingHosts(): Promise<string[]>;
  /** A ticket the connector created itself (follow-up task, problem ticket), by the id the host gave it: what it is about. */
  findCreated(host: string, createdId: string): Promise<{ aboutTicketId: string; kind: string } | null>;
  /** Not-done rows per host (the outbox gauge): pending, retrying (pending after a failed attempt), parked. */
  statsByHost(): Promise<OutboxHostStats[]>;
}

export interface OutboxHostStats {
  host: string;
  pending: number;
  retrying: number;
  parked: number;
}

export interface TimersStore {
  replace(host: string, ticketId: string, kinds: TimerKind[], plans: TimerPlan[], at: string): Promise<void>;
  active(host: string, ticketId: string): Promise<TimerRow[]>;
  /** Fires due timers once each: marks them fired and inserts their `timer.fired` inbox events atomically. */
  fireDue(now: number, limit?: number): Promise<TimerRow[]>;
  nextDueAt(): Promise<number | null>;
  countDue(now: number): Promise<number>;
}

export interface TicketsStore {
  get(host: string, id: string): Promise<TicketProjection | null>;
  save(p: TicketProjection): Promise<void>;
  countByRequester(host: string, requesterId: string, sinceIso: string): Promise<number>;
  idsByBatch(host: string, batch: string, sinceIso: string): Promise<string[]>;
  /** This requester's tickets created at or after `sinceIso`, newest first (the sidebar's history). */
  recentByRequester(host: string, requesterId: string, sinceIso: string, limit: number): Promise<RecentTicket[]>;
}

export interface RecentTicket {
  host: string;
  ticketId: string;
  subject: string;
  createdAt: string;
  category: string;
  severity: string;
}

export interface DecisionsStore {
  record(
    host: string,
    ticketId: string,
    inboxId: number | null,
    kind: string,
    policyVersion: string,
    at: string,
    data?: unknown,
  ): Promise<void>;
  /** Several decisions at once, in order (PostgreSQL: one statement). */
  recordAll(rows: DecisionInput[]): Promise<void>;
  list(host: string, ticketId: string): Promise<DecisionRow[]>;
}

export interface DecisionInput {
  host: string;
  ticketId: string;
  inboxId: number | null;
  kind: string;
  policyVersion: string;
  at: string;
  data?: unknown;
}

export interface ClustersStore {
  /**
   * Inside a transaction: waits until no other transaction decides on this batch's cluster, until commit (so its
   * count of the batch's tickets includes every ticket committed before). SQLite has one writer: nothing to do.
   */
  lockBatch(host: string, batch: string): Promise<void>;
  byBatch(host: string, batch: string): Promise<ClusterRow | null>;
  byId(id: number): Promise<ClusterRow | null>;
  create(host: string, batch: string, members: string[], at: string): Promise<number>;
  addMember(id: number, ticketId: string): Promise<void>;
  setProblem(id: number, problemTicketId: string): Promise<void>;
}

export interface FetchesStore {
  request(host: string, ticketId: string, at: string): Promise<void>;
  /** Re-read a known ticket (re-arms a finished row as a refresh; a pending bootstrap stays a bootstrap). */
  refresh(host: string, ticketId: string, at: string): Promise<void>;
  /** Due fetches, oldest first; of one host when `host` is given (a host's lane). */
  due(now: number, limit?: number, host?: string): Promise<FetchRow[]>;
  startAttempt(host: string, ticketId: string): Promise<void>;
  /**
   * Takes a due fetch for one attempt: counts the attempt and moves its next attempt to `until`, so no other
   * process starts it meanwhile (a process that dies leaves it due again at `until`). False when it was not
   * due any more (another process took it).
   */
  claimAttempt(host: string, ticketId: string, now: number, until: number): Promise<boolean>;
  done(host: string, ticketId: string): Promise<void>;
  park(host: string, ticketId: string, code: string): Promise<void>;
  reschedule(host: string, ticketId: string, at: number, code: string): Promise<void>;
  /** Hosts with pending fetches. */
  pendingHosts(): Promise<string[]>;
  /** Pending fetches (due or waiting for a retry time). */
  pendingCount(): Promise<number>;
}

/** The hash-chained evidence log; the database itself refuses updates, deletes, gaps and appends after a freeze. */
export interface EvidenceStore {
  append(host: string, ticketId: string, entry: EntryInput): Promise<{ seq: number; hash: string }>;
  /** Appends `entries` in order, all or (when the ticket's evidence is frozen: null) none. */
  appendUnlessFrozen(host: string, ticketId: string, entries: EntryInput[]): Promise<{ seq: number; hash: string }[] | null>;
  entries(host: string, ticketId: string): Promise<BundleEntry[]>;
  freeze(host: string, ticketId: string, by: string, at: string): Promise<{ seq: number; hash: string; alreadyFrozen: boolean }>;
}

/** The host rate limit shared by every process on the database: defined next to its user, the host transport. */
export type { RateLimitStore, Reservation } from '../hosts/host-limiter';
export type { FactsStore, TicketFactRow } from './store-facts';

/**
 * What reconciliation needs: its cursor per host, and when the connector last heard of a ticket (the newest
 * host event time in the inbox, or its own last write to it). Both backends (PostgreSQL: migration pg-011).
 */
export interface ReconcileStore {
  cursor(host: string): Promise<string | null>;
  setCursor(host: string, cursor: string, at: string): Promise<void>;
  /** Epoch ms of the newest change the connector saw or made on this ticket; null when it never heard of it. */
  lastSeen(host: string, ticketId: string): Promise<number | null>;
}

export interface StoreRepos {
  inbox: InboxStore;
  outbox: OutboxStore;
  timers: TimersStore;
  tickets: TicketsStore;
  decisions: DecisionsStore;
  clusters: ClustersStore;
  fetches: FetchesStore;
  evidence: EvidenceStore;
  rateLimits: RateLimitStore;
  facts: FactsStore;
  reconcile: ReconcileStore;
}

export interface Store extends StoreRepos {
  kind: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction (all or nothing); the repos it gets write inside that transaction. */
  transaction<T>(fn: (tx: StoreRepos) => Promise<T>): Promise<T>;
  /** Throws when the database cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
