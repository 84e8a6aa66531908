/**
 * Background passes where the newest start wins (the dashboard facts recompute, SQLite and PostgreSQL): one pass at
 * a time; a start queues behind the running pass, and only the newest queued start runs. A pass checks
 * `isCurrent(gen)` between pages and returns when a newer start (or `stop`) superseded it.
 */
import type { Logger } from '../ops/create-logger';

export interface LatestPass {
  start(): void;
  isCurrent(gen: number): boolean;
  /** Resolves when no pass is running (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

/** `onFailed` runs after a pass of the newest start threw (logged as `failure`), e.g. to clear a "running" status. */
export function runLatestPass(pass: (gen: number) => Promise<void>, logger: Logger, failure: string, onFailed: () => void): LatestPass {
  let generation = 0;
  let running: Promise<void> | null = null;
  return {
    start() {
      const gen = ++generation;
      const prev = running ?? Promise.resolve();
      const p: Promise<void> = prev
        .then(() => (gen === generation ? pass(gen) : undefined))
        .catch((err: unknown) => {
          logger.warn({ err: (err as Error)?.message ?? String(err) }, failure);
          if (gen === generation) onFailed();
        })
        .finally(() => {
          if (running === p) running = null;
        });
      running = p;
    },
    isCurrent: (gen) => gen === generation,
    async idle() {
      while (running) await running;
    },
    stop() {
      generation++;
    },
  };
}
