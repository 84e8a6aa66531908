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
