/**
 * The inbox worker: claims tickets with pending events (a lease per ticket, store.ts `claim`) and processes
 * their rows in inbox order. Each row is one transaction that first re-checks the lease (`holds`, which
 * locks it against a takeover until commit), then decides and writes, then marks the row done; so a
 * process that dies mid-event leaves nothing half-done, and one whose lease was taken over commits nothing.
 */
import type { Clock } from '../clock';
import type { Policy } from '../../../policies/src/types';
import type { InboxRow } from '../store/inbox-repo';
import type { InboxClaim, Store, StoreRepos } from '../store/store';
import { executeEvent } from './execute-event';
import type { PipelineLogger, PipelineMetrics, PolicyStoreLike } from './pipeline-deps';

/**
 * Runs inside each processed event's transaction, after the decision's writes: `tx` writes in that same
 * transaction (e.g. the ticket's stored dashboard facts; SQLite's updater writes through its db directly).
 */
export type AfterEvent = (host: string, ticketId: string, policy: Policy, now: number, tx: StoreRepos) => void | Promise<void>;

export interface InboxWorkerDeps {
  store: Store;
  owner: string;
  leaseMs: number;
  maxInboxAttempts: number;
  policyStore: PolicyStoreLike;
  clock: Clock;
  logger: PipelineLogger;
  metrics?: PipelineMetrics;
  afterEvent?: AfterEvent;
  open(): boolean;
  stopped(): boolean;
  /** After each claim: host calls may start meanwhile. */
  onBatch(): void;
  /** Tickets processed at once, each on its own transaction (default 1; one ticket's events always one at a time, in order). */
  concurrency?: number;
  /** Tickets claimed at once (default 100): smaller claims spread a backlog over the processes sooner. */
  claimTickets?: number;
}

/** Thrown inside the transaction when the lease is gone or the row was done elsewhere: roll back, skip the ticket. */
class LeaseLost extends Error {}

const key = (r: { host: string; ticketId: string }) => `${r.host}\n${r.ticketId}`;

export function createInboxWorker(d: InboxWorkerDeps) {
  const { store, owner } = d;

  /** `last`: the ticket's last claimed row, whose commit also releases the ticket's lease. */
  async function processRow(row: InboxRow, last: boolean): Promise<void> {
    const { policy, version } = d.policyStore.current();
    const now = d.clock.now();
    await store.transaction(async (tx) => {
      if (!(await tx.inbox.holds(owner, row.host, row.ticketId, Date.now()))) throw new LeaseLost();
      await executeEvent({ repos: tx, policy, version, now }, row);
      await d.afterEvent?.(row.host, row.ticketId, policy, now, tx);
      const release = last ? { owner, host: row.host, ticketId: row.ticketId } : undefined;
      if (!(await tx.inbox.markDone(row.id, version, new Date(now).toISOString(), release))) throw new LeaseLost();
    });
  }

  /** Keeps the leases of tickets still being worked on from running out. */
  async function renewIfDue(c: InboxClaim): Promise<boolean> {
    if (c.until - Date.now() > d.leaseMs / 2) return true;
    const until = Date.now() + d.leaseMs;
    if (!(await store.inbox.renew(owner, c.host, c.ticketId, until))) return false;
    c.until = until;
    return true;
  }

  /**
   * At most `n` rows at once; a freed slot goes to the waiting row with the lowest inbox id. It is handed over on the
   * next microtask, after the chain that freed it asked for its own next row: with n = 1 rows run in inbox order.
   */
  function slots(n: number) {
    let free = n;
    const waiting: { id: number; go: () => void }[] = [];
    const handOver = () => {
      if (!waiting.length) return void free++;
      let i = 0;
      for (let j = 1; j < waiting.length; j++) if (waiting[j].id < waiting[i].id) i = j;
      waiting.splice(i, 1)[0].go();
    };
    return {
      take: (id: number) => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((go) => waiting.push({ id, go }))),
      give: () => queueMicrotask(handOver),
    };
  }

  /**
   * Processes claimed rows until nothing is pending (for this process); yields to the event loop before every claim.
   * Rows start in inbox order, up to `concurrency` at once, but a ticket's row only after its previous row is done,
   * so each ticket's events stay in order and on one transaction at a time; a ticket's lease is released as soon as
   * its rows are done. (While one event waits on the database, other tickets' events use the time.)
   */
  async function run(): Promise<number> {
    let n = 0;
    const width = Math.max(1, d.concurrency ?? 1);
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (!d.open() || d.stopped()) return n;
      const claims = await store.inbox.claim(owner, Date.now(), d.leaseMs, d.claimTickets ?? 100);
      if (!claims.length) return n;
      d.onBatch();
      const byKey = new Map(claims.map((c) => [key(c), c]));
      const lost = new Set<string>();
      const slot = slots(width);
      let halted = false;

      /** True when the row is done and, being its ticket's last, released the lease. */
      async function one(row: InboxRow, last: boolean): Promise<boolean> {
        const k = key(row);
        if (halted || lost.has(k) || !d.open() || d.stopped()) {
          halted ||= !d.open() || d.stopped();
          return false;
        }
        const t0 = process.hrtime.bigint();
        try {
          if (!(await renewIfDue(byKey.get(k)!))) throw new LeaseLost();
          await processRow(row, last);
          d.metrics?.processingSeconds.observe(Number(process.hrtime.bigint() - t0) / 1e9);
          n++;
          return last;
        } catch (e) {
          if (e instanceof LeaseLost) {
            lost.add(k);
            d.logger.warn(
              { host: row.host, ticketId: row.ticketId },
              'ticket lease lost (taken over after it expired); leaving the ticket to its new holder',
            );
            return false;
          }
          if (!d.open()) {
            halted = true;
            return false;
          }
          await store.inbox.markFailed(row.id, (e as Error).message ?? String(e), row.attempts, d.maxInboxAttempts);
          d.logger
            .child({ inboxId: row.id, host: row.host, ticketId: row.ticketId, eventId: row.eventId, kind: row.kind })
            .error({ err: (e as Error).message, attempts: row.attempts + 1 }, 'event processing failed');
        }
        n++;
        return false;
      }

      // One chain per ticket; the chains share the slots.
      const chains = claims.map(async (c) => {
        let released = false;
        for (const [i, row] of c.rows.entries()) {
          await slot.take(row.id);
          try {
            released = await one(row, i === c.rows.length - 1);
          } finally {
            slot.give();
          }
        }
        if (!released && d.open() && !lost.has(key(c))) await store.inbox.release(owner, c.host, c.ticketId);
      });
      const results = await Promise.allSettled(chains);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      if (!d.open()) return n;
    }
  }

  return { run };
}
