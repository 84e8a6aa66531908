/**
 * `ingest`: webhook ack throughput and latency of POST /webhooks/zendesk on the real connector
 * (signature check on the raw body, zod parse, durable SQLite insert with synchronous=FULL) against a
 * bare Express 5 handler that answers 200, both on loopback in the same run. Every request carries a
 * unique event id and its own HMAC signature (autocannon `setupRequest`). The load generator runs in
 * this process too, for both subjects alike; the pipeline worker is not started (ack path only).
 */
import express from 'express';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger } from '../connector/src/ops/create-logger';
import { startConnector } from '../connector/src/start-connector';
import { signZendeskPayload } from '../connector/src/hosts/zendesk/verify-zendesk-signature';
import type { BenchRow } from './print-table';

const SECRET = 'bench-zendesk-signing-secret-0001';
const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 8);
const CONNECTIONS = 10;

/** The part of autocannon's API used here (the package ships no types). */
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; setupRequest: (r: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  ok: number;
}

function fixtureBody(): Record<string, unknown> {
  const file = [
    resolve(__dirname, '../test/fixtures/zendesk/webhook-comment-added.json'),
    resolve(process.cwd(), 'test/fixtures/zendesk/webhook-comment-added.json'),
  ].find((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  });
  return JSON.parse(readFileSync(file!, 'utf8'));
}

export async function load(url: string, sign: boolean): Promise<Result> {
  const template = fixtureBody();
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: CannonRequest) => {
          const body = JSON.stringify({ ...template, id: `bench-${process.pid}-${++n}` });
          const ts = new Date().toISOString();
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (sign) {
            headers['x-zendesk-webhook-signature'] = signZendeskPayload(SECRET, ts, body);
            headers['x-zendesk-webhook-signature-timestamp'] = ts;
          }
          return { ...req, body, headers };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
    ok: result['2xx'],
  };
}

export async function bare(): Promise<Result> {
  const app = express();
  app.post('/webhooks/zendesk', (_req, res) => {
    res.sendStatus(200);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    return await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zendesk`, false);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

/** The real connector's ack path on SQLite (default) or the store `databaseUrl` names (e.g. PostgreSQL). */
export async function real(databaseUrl?: string): Promise<Result & { stored: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-ingest-'));
  const c = await startConnector({
    env: {
      DATABASE_URL: databaseUrl ?? join(dir, 'bench.db'),
      ZENDESK_WEBHOOK_SECRET: SECRET,
      SANDBOX: 'off',
      POLICY_FILE: resolve(process.cwd(), 'policies/default.json'),
    },
    port: 0,
    hostname: '127.0.0.1',
    startPipeline: false,
    logger: createLogger({ level: 'silent' }),
  });
  try {
    const r = await load(`${c.url}/webhooks/zendesk`, true);
    const stored = await c.store.inbox.depth(); // the worker is not started: every stored event is pending
    return { ...r, stored };
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const base = await bare();
  const cd = await real();
  if (cd.non2xx || cd.errors)
    throw new Error(
      `ingest bench: ${cd.non2xx} non-2xx and ${cd.errors} errors out of ${cd.total} requests; the numbers would be meaningless`,
    );
  const ratio = cd.rps / base.rps;
  const bench = 'ingest';
  return [
    { bench, subject: 'bare Express 5 (200)', metric: 'req/s', value: base.rps, unit: 'req/s' },
    { bench, subject: 'bare Express 5 (200)', metric: 'p50 latency', value: base.p50, unit: 'ms' },
    { bench, subject: 'bare Express 5 (200)', metric: 'p99 latency', value: base.p99, unit: 'ms' },
    {
      bench,
      subject: 'POST /webhooks/zendesk',
      metric: 'req/s (signed, durable)',
      value: cd.rps,
      unit: 'req/s',
      baseline: 'bare Express 5 (200)',
      ratio,
      target: '≥ 0.5×',
      pass: ratio >= 0.5,
    },
    { bench, subject: 'POST /webhooks/zendesk', metric: 'p50 ack latency', value: cd.p50, unit: 'ms' },
    {
      bench,
      subject: 'POST /webhooks/zendesk',
      metric: 'p99 ack latency',
      value: cd.p99,
      unit: 'ms',
      target: '< 20 ms',
      pass: cd.p99 < 20,
    },
    // Requests still in flight when autocannon stops are stored but not counted: at most one per connection.
    {
      bench,
      subject: 'POST /webhooks/zendesk',
      metric: 'inbox rows (2xx acks + in flight)',
      value: cd.stored,
      unit: 'rows',
      target: `${cd.ok}–${cd.ok + CONNECTIONS}`,
      pass: cd.stored >= cd.ok && cd.stored <= cd.ok + CONNECTIONS,
    },
  ];
}
