/**
 * The host rate limit shared by several connector processes: each call start is reserved in the store
 * (RateLimitStore: a sliding log per host account, reserved atomically), so the processes together start at most
 * `limit` calls in any window of `windowMs`, and a 429's Retry-After pauses them all. A refused reservation says
 * when to ask again; the caller waits that long (a timer, not a loop) and asks again.
 */
import type { RateLimitStore } from './host-limiter';
import type { HostLimiter } from './host-limiter';
import { realSleep } from './host-options';

export interface SharedLimiterOptions {
  store: RateLimitStore;
  /** The host account, e.g. `zendesk:https://acme.zendesk.com`: processes with the same key share the limit. */
  key: string;
  limit: number;
  windowMs: number;
  /** A clock for the reservations (tests); default: the database's clock, the same for every process. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called with each granted start's time (metrics, tests). */
  onStart?: (at: number) => void;
}

export function createSharedLimiter(o: SharedLimiterOptions): HostLimiter {
  if (!(o.limit >= 1) || !(o.windowMs > 0))
    throw new RangeError(`rate limit needs limit >= 1 and windowMs > 0 (got ${o.limit}/${o.windowMs} ms)`);
  const sleep = o.sleep ?? realSleep;
  return {
    async acquire() {
      for (;;) {
        const r = await o.store.reserve(o.key, o.limit, o.windowMs, o.now?.());
        if (r.ok) {
          o.onStart?.(r.at);
          return;
        }
        await sleep(Math.max(1, r.retryAt - r.at));
      }
    },
    pause: (ms) => o.store.pause(o.key, ms, o.now?.()),
  };
}
