/**
 * Opens the PostgreSQL store, waiting for a server that cannot be reached yet (a database restarting, or started
 * after the connectors): connection failures are retried with exponential back-off until `giveUpAfterMs`, each
 * one reported through `onRetry`; anything else (wrong password, no such database) fails at once, since waiting
 * would not fix it. So a connector started during a database outage waits instead of exiting in a crash loop.
 */
import { isConnectionError } from './connection-error';
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './open-postgres-store';

export interface ConnectRetryOptions extends PostgresStoreOptions {
  /** Total time to keep trying (default 5 minutes). */
  giveUpAfterMs?: number;
  baseMs?: number;
  maxMs?: number;
  onRetry?: (info: { attempt: number; waitMs: number; reason: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

export async function connectPostgresStore(url: string, o: ConnectRetryOptions = {}): Promise<PostgresStore> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (o.giveUpAfterMs ?? 300_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openPostgresStore(url, o);
    } catch (e) {
      const waitMs = Math.min(o.maxMs ?? 10_000, (o.baseMs ?? 250) * 2 ** Math.min(20, attempt - 1));
      if (!isConnectionError(e) || Date.now() + waitMs > deadline) throw e;
      o.onRetry?.({ attempt, waitMs, reason: (e as Error).message });
      await sleep(waitMs);
    }
  }
}
