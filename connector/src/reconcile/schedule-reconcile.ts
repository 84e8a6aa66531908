/**
 * The reconciliation timer the connector starts (docs/hosts-setup.md "Reconciliation"): on SQLite (one process) a
 * run every RECONCILE_INTERVAL_MINUTES; on PostgreSQL one run per period across every replica
 * (schedule-shared-reconcile.ts).
 */
import type { Config } from '../config/load-config';
import type { HostClient } from '../hosts/host-client';
import type { Logger } from '../ops/create-logger';
import { replicaId } from '../ops/replica-id';
import type { PostgresStore } from '../store/postgres/open-postgres-store';
import type { Store } from '../store/store';
import { runReconcile } from './run-reconcile';
import { scheduleSharedReconcile } from './schedule-shared-reconcile';

/** Starts the timer; the returned stop function waits for a run in progress. */
export function scheduleReconcile(
  config: Config,
  on: { store: Store } | { shared: PostgresStore },
  hosts: Partial<Record<string, HostClient>>,
  logger: Logger,
): () => Promise<void> {
  const minutes = config.reconcile.intervalMinutes;
  if (!minutes || !(config.zendesk || config.freshdesk)) return async () => undefined;
  if ('shared' in on) {
    return scheduleSharedReconcile({
      store: on.shared,
      schedule: on.shared.schedule,
      hosts,
      owner: replicaId(),
      periodMs: minutes * 60_000,
      maxTickets: config.reconcile.maxTickets,
      logger,
    });
  }
  const store = on.store;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = runReconcile({
      store,
      hosts,
      now: Date.now,
      logger,
      maxTicketsPerRun: config.reconcile.maxTickets,
      lookbackMs: minutes * 60_000,
    })
      .catch((err) =>
        logger.warn({ err: (err as Error).message }, 'reconciliation run failed; the next period tries again from the same cursor'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, minutes * 60_000);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
