/** HOST_RATE_LIMIT_PER_MIN → transport options: at most `perMinute` calls started in any sliding minute. */
import type { QueueOptions } from './host-options';

export function rateLimitQueueOptions(perMinute: number, concurrency = 4): QueueOptions {
  if (!Number.isInteger(perMinute) || perMinute < 1)
    throw new Error(`host rate limit must be a whole number ≥ 1 per minute, got ${perMinute}`);
  return { intervalCap: perMinute, interval: 60_000, concurrency };
}
