/**
 * HOST_RATE_LIMIT_PER_MIN and HOST_RATE_LIMIT_WINDOW_MS → transport options: at most `limit` calls started in any
 * sliding window of `windowMs` (the hosts' minute unless configured).
 */
import type { QueueOptions } from './host-options';

export function rateLimitQueueOptions(limit: number, windowMs = 60_000, concurrency = 4): QueueOptions {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`host rate limit must be a whole number ≥ 1 per minute, got ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs < 1)
    throw new Error(`host rate-limit window must be a whole number of ms ≥ 1, got ${windowMs}`);
  return { intervalCap: limit, interval: windowMs, concurrency };
}
