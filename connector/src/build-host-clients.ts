/**
 * The host clients of a connector, built from its configuration (part of the composition root,
 * start-connector.ts): one store-backed rate limiter per host account when several processes share a
 * database, the Zendesk and Freshdesk REST clients, and the host list the admin console shows.
 */
import type { Policy } from '../../policies/src/types';
import type { Config } from './config/load-config';
import type { HostClient } from './hosts/host-client';
import { createFreshdeskClient } from './hosts/freshdesk/create-freshdesk-client';
import { rateLimitQueueOptions } from './hosts/rate-limit-options';
import { createSharedLimiter } from './hosts/create-shared-limiter';
import { guardedWindow, type HostLimiter } from './hosts/host-limiter';
import { createZendeskClient } from './hosts/zendesk/create-zendesk-client';
import type { Logger } from './ops/create-logger';
import type { Metrics } from './ops/create-metrics';
import type { Store } from './store/store';

/** The part of StartOptions that shapes the host clients. */
export interface HostBuildOptions {
  /** Host clients to use instead of building them from the config (tests). */
  hosts?: Partial<Record<'zendesk' | 'freshdesk', HostClient>>;
  tuning?: { hostRetry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number } };
}

/** One store-backed limiter per configured host account (docs/several-connectors.md "Host rate limit"). */
export function sharedLimiters(config: Config, store: Store): Partial<Record<'zendesk' | 'freshdesk', HostLimiter>> {
  // The window is counted 1 s longer than the host's minute: a call reserved at the edge still reaches the host after
  // the call it replaces has left the host's own window, whatever the network and event-loop delays in between.
  const make = (host: 'zendesk' | 'freshdesk', apiUrl: string) =>
    createSharedLimiter({
      store: store.rateLimits,
      key: `${host}:${apiUrl}`,
      limit: config.rateLimitPerMin[host],
      windowMs: guardedWindow(config.rateLimitWindowMs),
    });
  return {
    zendesk: config.zendesk ? make('zendesk', config.zendesk.apiUrl) : undefined,
    freshdesk: config.freshdesk ? make('freshdesk', config.freshdesk.apiUrl) : undefined,
  };
}

export function buildHosts(
  config: Config,
  opts: HostBuildOptions,
  getPolicy: () => Policy,
  logger: Logger,
  metrics: Metrics,
  limiters: Partial<Record<'zendesk' | 'freshdesk', HostLimiter>>,
): Partial<Record<string, HostClient>> {
  const out: Partial<Record<string, HostClient>> = { ...opts.hosts };
  // One attempt per call: a failed call is retried by the outbox/fetch schedule (next_attempt_at, Retry-After
  // honoured), never by sleeping in the client while it holds a slot, a ticket or shutdown.
  const retry = opts.tuning?.hostRetry ?? { maxAttempts: 1, baseDelayMs: 500, maxDelayMs: 30_000 };
  if (config.zendesk && !out.zendesk) {
    out.zendesk = createZendeskClient({
      subdomain: config.zendesk.subdomain ?? '',
      email: config.zendesk.email,
      apiToken: config.zendesk.apiToken,
      baseUrl: config.zendesk.apiUrl,
      getPolicy,
      queue: rateLimitQueueOptions(config.rateLimitPerMin.zendesk, config.rateLimitWindowMs),
      limiter: limiters.zendesk,
      retry,
      logger,
      metrics,
    });
  }
  if (config.freshdesk && !out.freshdesk) {
    out.freshdesk = createFreshdeskClient({
      domain: config.freshdesk.domain ?? '',
      apiKey: config.freshdesk.apiKey,
      baseUrl: config.freshdesk.apiUrl,
      defaultRequesterEmail: config.freshdesk.defaultRequesterEmail ?? undefined,
      onHoldStatus: config.freshdesk.onHoldStatus ?? undefined,
      problemTickets: config.freshdesk.clusters,
      getPolicy,
      queue: rateLimitQueueOptions(config.rateLimitPerMin.freshdesk, config.rateLimitWindowMs),
      limiter: limiters.freshdesk,
      retry,
      logger,
      metrics,
    });
  }
  return out;
}

export function hostModes(config: Config): { host: string; mode: string; limitPerMinute: number | null }[] {
  const out: { host: string; mode: string; limitPerMinute: number | null }[] = [];
  if (config.zendesk) out.push({ host: 'zendesk', mode: `API ${config.zendesk.apiUrl}`, limitPerMinute: config.rateLimitPerMin.zendesk });
  if (config.freshdesk)
    out.push({ host: 'freshdesk', mode: `API ${config.freshdesk.apiUrl}`, limitPerMinute: config.rateLimitPerMin.freshdesk });
  if (config.sandbox) out.push({ host: 'sandbox', mode: 'sandbox (local tables)', limitPerMinute: null });
  return out;
}
