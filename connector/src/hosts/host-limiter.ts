/**
 * What the host transport asks before each call start: `acquire` resolves when the call may start (within the
 * host account's rate limit); `pause`, where offered, holds every later start for `ms` (a 429's Retry-After).
 * Two kinds: in-process (create-sliding-limiter.ts; one connector; no pause) and store-backed
 * (create-shared-limiter.ts; every connector process on one database shares the limit and the pause).
 */
export interface HostLimiter {
  acquire(): Promise<void>;
  pause?(ms: number): Promise<void>;
}

/** Where a reservation leaves the caller: `at` is the store's time of the decision (its own clock unless one was passed). */
export type Reservation = { ok: true; at: number } | { ok: false; at: number; retryAt: number };

/**
 * The host rate limit shared by every process on the database (one host account = one `key`): a sliding log of
 * call starts, and a pause that a 429's Retry-After sets for everyone. Each reservation is atomic.
 */
export interface RateLimitStore {
  /**
   * Records one call start for `key` when fewer than `limit` starts lie in the window (now - windowMs, now] and no
   * pause is in force; otherwise says when to ask again. `now` defaults to the database's clock (one clock for all
   * processes, so skew between machines cannot let extra calls through).
   */
  reserve(key: string, limit: number, windowMs: number, now?: number): Promise<Reservation>;
  /** No call of `key` starts in the next `forMs` (from `now`, default the database's clock); never shortens a pause. */
  pause(key: string, forMs: number, now?: number): Promise<void>;
}

/**
 * The window a limiter counts for a host's `windowMs` budget: a little longer, because a call starts (and arrives
 * at the host) a few milliseconds after the limiter grants it, and those delays vary; counted over the bare window,
 * grants that keep the budget can still arrive as budget + 1..3 in the host's window (measured in
 * test/integration/faults/rate-limit.test.ts and the three-replica test). 1/60 of the window (1 s per minute),
 * at least 100 ms.
 */
export function guardedWindow(windowMs: number): number {
  return windowMs + Math.max(100, Math.ceil(windowMs / 60));
}
