/**
 * Flow tests: a real SQLite file, the real pipeline and the real Zendesk/Freshdesk clients, with nock
 * standing in for the hosts' APIs. Every request the host receives is recorded; unmatched ones too.
 */
import nock from 'nock';
import { adjustableClock } from '../../../connector/src/clock';
import { createFreshdeskClient } from '../../../connector/src/hosts/freshdesk/create-freshdesk-client';
import type { HostClient } from '../../../connector/src/hosts/host-client';
import { createZendeskClient } from '../../../connector/src/hosts/zendesk/create-zendesk-client';
import { createPipeline, type Pipeline } from '../../../connector/src/pipeline/create-pipeline';
import { openDatabase, type Db } from '../../../connector/src/store/open-database';
import type { Policy } from '../../../policies/src/types';
import { fixedPolicyStore, loadPolicy } from '../../fixtures/connector-core/policy';
import { T0 } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';

export const ZD = 'https://acme.zendesk.com';
export const FD = 'https://acme.freshdesk.com';
export const GROUPS = { front_line: 100, specialists: 200, senior: 300, supervisors: 400, review: 500 } as const;

export interface Recorded {
  method: string;
  path: string;
  body: any;
}

export function flowPolicy(patch: (raw: Record<string, any>) => void = () => undefined): Policy {
  return loadPolicy((raw) => {
    for (const [k, id] of Object.entries(GROUPS)) {
      raw.groups[k].zendeskGroupId = id;
      raw.groups[k].freshdeskGroupId = id;
    }
    patch(raw);
  });
}

export function hostClient(host: 'zendesk' | 'freshdesk', policy: Policy): HostClient {
  const common = {
    getPolicy: () => policy,
    queue: { intervalCap: 1000, interval: 1000 },
    retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => undefined,
    random: () => 0,
  };
  return host === 'zendesk'
    ? createZendeskClient({ ...common, subdomain: 'acme', email: 'bot@acme.test', apiToken: 'zd-token' })
    : createFreshdeskClient({ ...common, domain: 'acme', apiKey: 'fd-key', defaultRequesterEmail: 'ops@acme.test' });
}

export interface Flow {
  db: Db;
  file: string;
  pipeline: Pipeline;
  clock: ReturnType<typeof adjustableClock>;
  policy: Policy;
  /** Requests nock answered, in order. */
  requests: Recorded[];
  unmatched: string[];
  /** Reopen the same database with a new pipeline (a restart). */
  restart(): Flow;
  close(): Promise<void>;
}

let flows = 0;

export function startFlow(
  host: 'zendesk' | 'freshdesk',
  policy = flowPolicy(),
  dir = tempDir(),
  shared?: { requests: Recorded[]; unmatched: string[]; file: string },
): Flow {
  const file = shared?.file ?? dir.file(`flow-${++flows}.db`);
  const db = openDatabase(`sqlite:${file}`);
  const clock = adjustableClock();
  clock.set(T0);
  const requests = shared?.requests ?? [];
  const unmatched = shared?.unmatched ?? [];
  if (!shared) {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', (req: { method?: string; path?: string; options?: { method?: string; path?: string } }) => {
      unmatched.push(`${req.method ?? req.options?.method} ${req.path ?? req.options?.path}`);
    });
  }
  const pipeline = createPipeline({
    db,
    hosts: { [host]: hostClient(host, policy) },
    policyStore: fixedPolicyStore(policy),
    clock,
    retryBaseMs: 60_000,
    maxOutboxAttempts: 3,
  });
  const flow: Flow = {
    db,
    file,
    pipeline,
    clock,
    policy,
    requests,
    unmatched,
    restart: () => startFlow(host, policy, dir, { requests, unmatched, file }),
    async close() {
      await pipeline.stop();
      if (db.open) db.close();
    },
  };
  return flow;
}

export function endFlows(dir?: { cleanup(): void }): void {
  nock.cleanAll();
  nock.emitter.removeAllListeners('no match');
  nock.enableNetConnect();
  dir?.cleanup();
}

/** Intercepts one request, records it, and answers with `reply` (status 200 unless given). */
export function expectRequest(
  flow: Flow,
  base: string,
  method: 'get' | 'put' | 'post',
  path: string | RegExp,
  reply: unknown,
  status = 200,
) {
  return nock(base)
    [method](path)
    .query(true)
    .reply((uri, body) => {
      flow.requests.push({
        method: method.toUpperCase(),
        path: uri,
        body: typeof body === 'string' && body ? JSON.parse(body) : body || null,
      });
      return [status, reply as nock.Body];
    });
}

export function zdTicket(id: string, tags: string[] = [], updatedAt = '2026-11-23T02:00:05Z') {
  return { ticket: { id: Number(id), tags, updated_at: updatedAt, status: 'new', subject: 's' } };
}

/** Any number of GETs of a Zendesk ticket (the client reads tags + updated_at before a tag write). */
export function zdTicketReads(flow: Flow, id: string, tags: string[] = []) {
  return nock(ZD)
    .persist()
    .get(`/api/v2/tickets/${id}.json`)
    .query(true)
    .reply((uri) => {
      flow.requests.push({ method: 'GET', path: uri, body: null });
      return [200, zdTicket(id, tags)];
    });
}

/** Writes (PUT/POST) only, as `METHOD path`. */
export const writes = (flow: Flow) => flow.requests.filter((r) => r.method !== 'GET');
