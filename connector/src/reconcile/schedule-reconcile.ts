import type { Config } from '../config/load-config';
import type { HostClient } from '../hosts/host-client';
import type { Logger } from '../ops/create-logger';
import type { Store } from '../store/store';
import { runReconcile } from './run-reconcile';

/** Every RECONCILE_INTERVAL_MINUTES, one reconciliation run over the configured hosts (never overlapping; the pipeline's poll picks up what it feeds in). */
export function scheduleReconcile(config: Config, store: Store, hosts: Partial<Record<string, HostClient>>, logger: Logger): () => Promise<void> {
  const minutes = config.reconcile.intervalMinutes;
  if (!minutes || !(config.zendesk || config.freshdesk)) return async () => undefined;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = runReconcile({ store, hosts, now: Date.now, logger, maxTicketsPerRun: config.reconcile.maxTickets, lookbackMs: minutes * 60_000 })
      .catch((err) => logger.warn({ err: (err as Error).message }, 'reconciliation run failed; the next period tries again from the same cursor'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(run, minutes * 60_000);
  timer.unref?.();
  return async () => { clearInterval(timer); await running; };
}
