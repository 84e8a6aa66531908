/**
 * Reconciliation with several replicas on one PostgreSQL: each replica asks every `tickMs` (a tenth of the period,
 * 1 s to 30 s) whether the period's run is due, and the database lets exactly one of them claim it
 * (store/postgres/pg-schedule.ts). So the job runs once per period across the fleet, on whichever replica is alive;
 * a replica that dies mid-run holds the job for at most its lease (two periods; runs are idempotent, so one that outlives it and overlaps the next does no harm), and the cursor
 * it saved after each page is where the next run starts.
 */
import type { HostClient } from '../hosts/host-client';
import type { ScheduleStore } from '../store/postgres/pg-schedule';
import type { Store } from '../store/store';
import { runReconcile } from './run-reconcile';

export const RECONCILE_JOB = 'reconcile';

export interface SharedReconcileOptions {
  store: Store;
  schedule: ScheduleStore;
  hosts: Partial<Record<string, HostClient>>;
  /** This replica's name in the claim (host:pid). */
  owner: string;
  periodMs: number;
  maxTickets: number;
  logger: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

/** Starts the replica's timer; the returned stop function waits for a run in progress. */
export function scheduleSharedReconcile(o: SharedReconcileOptions): () => Promise<void> {
  const tickMs = Math.min(30_000, Math.max(1000, o.periodMs / 10));
  const leaseMs = 2 * o.periodMs;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      if (!(await o.schedule.claim(RECONCILE_JOB, o.owner, o.periodMs, leaseMs))) return;
      try {
        const counts = await runReconcile({
          store: o.store,
          hosts: o.hosts,
          now: Date.now,
          logger: o.logger,
          maxTicketsPerRun: o.maxTickets,
          lookbackMs: o.periodMs,
        });
        o.logger.info({ owner: o.owner, counts }, 'reconciliation run done (this replica held the period)');
      } finally {
        await o.schedule.finish(RECONCILE_JOB, o.owner);
      }
    })()
      .catch((err) =>
        o.logger.warn({ err: (err as Error).message }, 'reconciliation run failed; the next period tries again from the same cursor'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, tickMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
