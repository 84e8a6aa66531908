/**
 * Options shared by the Zendesk and Freshdesk clients: rate-limit queue, retry budget, injected sleep/random
 * (so tests never wait), and the logger/metrics edges. Shapes follow pino and the team's `createMetrics()`.
 */
import type { Policy } from '../../../policies/src/types';
import type { HostLimiter } from './host-limiter';

export interface HostLogger {
  debug?(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

interface CounterLike<L extends string> {
  inc(labels: Partial<Record<L, string>>, value?: number): void;
}

export interface HostMetrics {
  hostCalls: CounterLike<'host' | 'status'>;
  retries: CounterLike<'host'>;
}

export interface QueueOptions {
  /** Calls started in any sliding `interval` ms (from HOST_RATE_LIMIT_PER_MIN: intervalCap = limit; interval = HOST_RATE_LIMIT_WINDOW_MS, 60000 by default). */
  intervalCap: number;
  interval: number;
  /** Calls in flight at once (default 4). */
  concurrency?: number;
}

export interface RetryOptions {
  /** Attempts per call, first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not slept on: the call fails `rate_limited` with `retryAfterMs` for the outbox (default 120000). */
  maxRetryAfterMs?: number;
}

export interface HostClientOptions {
  baseUrl?: string;
  getPolicy: () => Policy;
  queue: QueueOptions;
  /** The rate limiter calls start through (default: in-process, from `queue`; several processes: create-shared-limiter.ts). */
  limiter?: HostLimiter;
  retry: RetryOptions;
  /** How many times a 409 conflict is answered by refetch + reapply (default 2). */
  conflictRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  logger?: HostLogger;
  metrics?: HostMetrics;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
