/** Shared test kit for the host clients: a policy with host mappings, recording sleep/logger/metrics, fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import type { Policy } from '../../../../../policies/src/types';
import type { HostLogger, HostMetrics } from '../../../../../connector/src/hosts/host-options';

const root = join(__dirname, '../../../../..');

export function fixture<T = any>(host: 'zendesk' | 'freshdesk', name: string): T {
  return JSON.parse(readFileSync(join(root, 'test/fixtures', host, name), 'utf8')) as T;
}

export function testPolicy(): Policy {
  const raw = JSON.parse(readFileSync(join(root, 'policies/default.json'), 'utf8'));
  raw.groups.senior.zendeskGroupId = 360001;
  raw.groups.senior.freshdeskGroupId = 7002;
  raw.groups.specialists.zendeskGroupId = 360002;
  raw.hostFields = {
    zendesk: { product_batch: 27642, product_model: 27648 },
    freshdesk: { product_batch: 'cf_product_batch', product_model: 'cf_product_model' },
  };
  const result = validatePolicy(raw);
  if (!result.ok) throw new Error(`test policy invalid: ${JSON.stringify(result.problems)}`);
  return result.policy;
}

export interface Recorder {
  sleeps: number[];
  logs: { level: string; obj: any; msg?: string }[];
  calls: { host?: string; status?: string }[];
  retries: { host?: string }[];
  sleep: (ms: number) => Promise<void>;
  logger: HostLogger;
  metrics: HostMetrics;
}

export function recorder(): Recorder {
  const r: Recorder = {
    sleeps: [],
    logs: [],
    calls: [],
    retries: [],
    sleep: async (ms) => {
      r.sleeps.push(ms);
    },
    logger: {
      debug: (obj, msg) => r.logs.push({ level: 'debug', obj, msg }),
      info: (obj, msg) => r.logs.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => r.logs.push({ level: 'warn', obj, msg }),
      error: (obj, msg) => r.logs.push({ level: 'error', obj, msg }),
    },
    metrics: {
      hostCalls: {
        inc: (labels) => {
          r.calls.push(labels);
        },
      },
      retries: {
        inc: (labels) => {
          r.retries.push(labels);
        },
      },
    },
  };
  return r;
}

/** Unthrottled queue and a fast, deterministic retry budget for tests. */
export const fastQueue = { intervalCap: 1000, interval: 1000 };
export const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

/** What every host client under test shares: the policy, the fast queue and retry, fixed jitter, and a recorder of sleeps, logs and metrics. */
export function clientTestOptions(policy: Policy) {
  const r = recorder();
  return {
    r,
    options: { getPolicy: () => policy, queue: fastQueue, retry, sleep: r.sleep, random: () => 0.5, logger: r.logger, metrics: r.metrics },
  };
}

export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}

/** A nock body matcher that records what the host received. */
export function capture(into: unknown[]): (body: unknown) => boolean {
  return (body) => {
    into.push(body);
    return true;
  };
}
