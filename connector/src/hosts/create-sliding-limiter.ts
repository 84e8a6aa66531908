/**
 * A sliding-log rate limiter: at most `limit` starts in ANY window of `windowMs` (not per fixed window, which
 * lets twice the budget through around a window boundary). `acquire()` resolves when the caller may start
 * its call, first come first served; the log holds at most `limit` timestamps.
 */
export interface SlidingLimiter {
  acquire(): Promise<void>;
  // no `pause` (host-limiter.ts): in one process, a call that got a 429 waits its Retry-After through the outbox.
  /** Starts recorded in the window ending now (for tests and metrics). */
  inWindow(): number;
}

/** `onGrant(t)`: called with the limiter's own time of each start it grants (for tests and metrics). */
export function createSlidingLimiter(
  limit: number,
  windowMs: number,
  now: () => number = Date.now,
  onGrant?: (t: number) => void,
): SlidingLimiter {
  if (!(limit >= 1) || !(windowMs > 0)) throw new RangeError(`rate limit needs limit >= 1 and windowMs > 0 (got ${limit}/${windowMs} ms)`);
  const log: number[] = [];
  const waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;

  /** Drops starts that left the window: a start at s counts for the window (s - windowMs, s]. */
  const prune = (t: number) => {
    while (log.length && log[0] <= t - windowMs) log.shift();
  };

  function release(): void {
    timer = null;
    const t = now();
    prune(t);
    while (waiters.length && log.length < limit) {
      log.push(t);
      onGrant?.(t);
      waiters.shift()!();
    }
    if (waiters.length) {
      timer = setTimeout(release, Math.max(1, log[0] + windowMs - t + 1));
    }
  }

  return {
    acquire() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (!timer) release();
      });
    },
    inWindow() {
      prune(now());
      return log.length;
    },
  };
}
