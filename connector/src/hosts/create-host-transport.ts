/**
 * The one way the Zendesk and Freshdesk clients reach their host: global fetch behind a per-client p-queue
 * (concurrency) and a limiter (at most intervalCap starts in any `interval` ms, retries included: in-process by
 * default, or `limiter`, shared through the store by every connector process), with retries. A 429's Retry-After
 * also pauses a shared limiter, so no call of this host account from any process starts before then. 429 and 5xx wait `Retry-After` when given (seconds or HTTP date); otherwise 5xx and network errors
 * back off exponentially with full jitter; 409 → HostError('conflict'), 404 → 'not_found', other 4xx →
 * 'permanent' at once. Logs method, path, status and attempt only (never credentials, never bodies).
 */
import PQueue from 'p-queue';
import type { HostId } from '../../../policies/src/types';
import { HostError } from './host-client';
import type { HostClientOptions, HostLogger, HostMetrics, QueueOptions, RetryOptions } from './host-options';
import { realSleep } from './host-options';
import { createSlidingLimiter } from './create-sliding-limiter';
import { guardedWindow, type HostLimiter } from './host-limiter';
import { backoffDelay, parseRetryAfter } from './retry-delay';

export interface HostRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Extra request headers (e.g. Zendesk's `Idempotency-Key`). */
  headers?: Record<string, string>;
  /**
   * For writes that are not idempotent: asked before re-sending after an ambiguous failure (5xx, network),
   * when the first attempt may have reached the host. Resolving true ends the call as "already applied".
   */
  alreadyApplied?: () => Promise<boolean>;
}

export interface HostTransport {
  /** Resolves the parsed JSON body (null for an empty body), or `undefined` when `alreadyApplied` confirmed it. */
  send<T = unknown>(request: HostRequest): Promise<T | undefined>;
  /** Same as send for reads, never undefined. */
  get<T = unknown>(path: string, query?: Record<string, string>): Promise<T>;
}

export interface TransportOptions extends Pick<HostClientOptions, 'sleep' | 'random' | 'now' | 'logger' | 'metrics' | 'limiter'> {
  host: HostId;
  baseUrl: string;
  authorization: string;
  queue: QueueOptions;
  retry: RetryOptions;
  timeoutMs?: number;
}

type Failure = { error: HostError; retryable: boolean; waitMs?: number };

export function createHostTransport(opts: TransportOptions): HostTransport {
  const queue = new PQueue({ concurrency: opts.queue.concurrency ?? 4 });
  const limiter: HostLimiter = opts.limiter ?? createSlidingLimiter(opts.queue.intervalCap, guardedWindow(opts.queue.interval));
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const maxRetryAfterMs = opts.retry.maxRetryAfterMs ?? 120_000;

  async function attempt(req: HostRequest, n: number): Promise<{ ok: true; body: unknown } | ({ ok: false } & Failure)> {
    const url = base + req.path + (req.query ? `?${new URLSearchParams(req.query).toString()}` : '');
    const log = { host: opts.host, method: req.method, path: req.path, attempt: n };
    let res: Response;
    let text: string;
    try {
      ({ res, text } = await queue.add(async () => {
        // The start is logged inside the concurrency slot, right before the request leaves.
        await limiter.acquire();
        const r = await fetch(url, {
          method: req.method,
          headers: {
            ...req.headers,
            authorization: opts.authorization,
            accept: 'application/json',
            ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        });
        return { res: r, text: await r.text() };
      }));
    } catch (err) {
      count(opts.metrics, opts.host, 'network');
      warn(opts.logger, { ...log, status: 'network', reason: (err as Error).name }, 'host call failed');
      return {
        ok: false,
        retryable: true,
        error: new HostError('network', `${opts.host} ${req.method} ${req.path}: network error (${(err as Error).name})`),
      };
    }
    count(opts.metrics, opts.host, String(res.status));
    if (res.ok) {
      (opts.logger?.debug ?? opts.logger?.info)?.call(opts.logger, { ...log, status: res.status }, 'host call');
      return { ok: true, body: text === '' ? null : safeJson(text) };
    }
    warn(opts.logger, { ...log, status: res.status }, 'host call failed');
    const failure = classify(opts.host, req, res, text, now());
    if (res.status === 429 && failure.waitMs && limiter.pause) {
      await limiter
        .pause(failure.waitMs)
        .catch((err: Error) => warn(opts.logger, { host: opts.host, reason: err.message }, "could not share the host's Retry-After pause"));
    }
    return { ok: false, ...failure };
  }

  async function send<T>(req: HostRequest): Promise<T | undefined> {
    let last: Failure | undefined;
    for (let n = 1; n <= opts.retry.maxAttempts; n++) {
      if (n > 1 && last && req.method !== 'GET' && req.alreadyApplied && last.error.code !== 'rate_limited') {
        if (await req.alreadyApplied()) return undefined;
      }
      const result = await attempt(req, n);
      if (result.ok) return result.body as T;
      last = result;
      if (!result.retryable) throw result.error;
      if (n === opts.retry.maxAttempts) break;
      const wait = result.waitMs ?? backoffDelay(n, opts.retry.baseDelayMs, opts.retry.maxDelayMs, random);
      if (wait > maxRetryAfterMs) throw result.error;
      opts.metrics?.retries.inc({ host: opts.host });
      await sleep(wait);
    }
    throw last!.error;
  }

  return {
    send,
    async get<T>(path: string, query?: Record<string, string>): Promise<T> {
      return (await send<T>({ method: 'GET', path, query })) as T;
    },
  };
}

function classify(host: HostId, req: HostRequest, res: Response, text: string, nowMs: number): Failure {
  const where = `${host} ${req.method} ${req.path} → ${res.status}`;
  const why = summarise(safeJson(text));
  if (res.status === 429) {
    const waitMs = parseRetryAfter(res.headers.get('retry-after'), nowMs) ?? undefined;
    return { retryable: true, waitMs, error: new HostError('rate_limited', `${where}: rate limited`, 429, waitMs) };
  }
  if (res.status >= 500) {
    // A 503 may say when to come back (Freshdesk during maintenance, developers.freshdesk.com/api/#ratelimit; Zendesk
    // developer.zendesk.com/api-reference/introduction/rate-limits): wait that long rather than our own backoff.
    const waitMs = parseRetryAfter(res.headers.get('retry-after'), nowMs) ?? undefined;
    return { retryable: true, waitMs, error: new HostError('server_error', `${where}${why}`, res.status, waitMs) };
  }
  if (res.status === 409) return { retryable: false, error: new HostError('conflict', `${where}: update conflict${why}`, 409) };
  if (res.status === 404) return { retryable: false, error: new HostError('not_found', `${where}: not found`, 404) };
  return {
    retryable: false,
    error: new HostError('permanent', `${where}${why}; check credentials, ids and policy mappings (groups, hostFields)`, res.status),
  };
}

/** Error codes and field names only: host error bodies can echo submitted values. */
function summarise(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as { error?: unknown; errors?: { field?: string; code?: string }[]; details?: Record<string, unknown> };
  const parts: string[] = [];
  if (typeof b.error === 'string') parts.push(b.error);
  else if (b.error && typeof b.error === 'object' && typeof (b.error as { title?: unknown }).title === 'string')
    parts.push((b.error as { title: string }).title);
  if (Array.isArray(b.errors)) parts.push(...b.errors.map((e) => [e.field, e.code].filter(Boolean).join(':')));
  if (b.details && typeof b.details === 'object') parts.push(`fields ${Object.keys(b.details).join(', ')}`);
  return parts.length ? `: ${parts.join('; ')}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function count(metrics: HostMetrics | undefined, host: string, status: string): void {
  metrics?.hostCalls.inc({ host, status });
}

function warn(logger: HostLogger | undefined, obj: object, msg: string): void {
  logger?.warn(obj, msg);
}
