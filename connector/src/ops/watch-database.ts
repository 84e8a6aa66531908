/**
 * Keeps an eye on the database: a cheap ping (with a timeout) every `intervalMs` while it answers; once it stops
 * answering, pings again with exponential back-off (`baseMs` doubling to `maxMs`) until it answers again. It
 * reports, never exits: the gauge complaint_desk_database_up (1/0), the counter complaint_desk_database_errors_total,
 * one warning when the database goes away and one when it is back (with how long it was gone). The
 * PostgreSQL pool itself reconnects on the next query; /readyz answers 503 while the database is away.
 */
export interface DatabaseState {
  up: boolean;
  /** Epoch ms of the last change between up and down. */
  since: number;
  /** Failed pings in a row. */
  failures: number;
  lastError: string | null;
}

export interface DatabaseWatchOptions {
  ping: () => Promise<void>;
  timeoutMs?: number;
  intervalMs?: number;
  baseMs?: number;
  maxMs?: number;
  now?: () => number;
  metrics?: { databaseUp: { set(v: number): void }; databaseErrors: { inc(): void } };
  logger?: { warn(obj: object, msg?: string): void };
}

export interface DatabaseWatch {
  state(): DatabaseState;
  /** Pings now (with the timeout) and records the answer. */
  check(): Promise<DatabaseState>;
  stop(): void;
}

/** Rejects when `p` has not settled within `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export function watchDatabase(o: DatabaseWatchOptions): DatabaseWatch {
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 2000;
  const s: DatabaseState = { up: true, since: now(), failures: 0, lastError: null };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  o.metrics?.databaseUp.set(1);

  async function check(): Promise<DatabaseState> {
    try {
      await withTimeout(o.ping(), timeoutMs, 'the database');
      // At the outage's level, so whoever saw it go away sees it come back.
      if (!s.up) o.logger?.warn({ downMs: now() - s.since, failedPings: s.failures }, 'database reachable again');
      if (!s.up) Object.assign(s, { up: true, since: now() });
      Object.assign(s, { failures: 0, lastError: null });
      o.metrics?.databaseUp.set(1);
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      if (s.up) o.logger?.warn({ reason: message }, 'database unreachable; retrying with back-off (readyz answers 503 meanwhile)');
      if (s.up) Object.assign(s, { up: false, since: now() });
      s.failures++;
      s.lastError = message;
      o.metrics?.databaseUp.set(0);
      o.metrics?.databaseErrors.inc();
    }
    return { ...s };
  }

  const delay = () => (s.up ? (o.intervalMs ?? 5000) : Math.min(o.maxMs ?? 30_000, (o.baseMs ?? 250) * 2 ** Math.min(20, s.failures - 1)));
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => void check().then(loop), delay());
    timer.unref?.();
  };
  loop();
  return {
    state: () => ({ ...s }),
    check,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
