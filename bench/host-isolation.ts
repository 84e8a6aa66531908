/**
 * `host-isolation`: time from a Zendesk webhook's ack to the note's write at Zendesk (PUT arrival at a Zendesk
 * stand-in on 127.0.0.1), for 100 Zendesk complaints sent at a steady pace through the real connector (real
 * SQLite, real HTTP, production retry settings), while 30 Freshdesk events for unknown tickets need fetching.
 * Baseline, measured in the same run: both hosts healthy. Case: the Freshdesk API is down (503 after 50 ms).
 * Target: p99 with Freshdesk down within 2x of both healthy.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../connector/src/ops/create-logger';
import { startConnector } from '../connector/src/start-connector';
import { startFakeFreshdesk } from '../test/integration/hosts/fake-freshdesk-server';
import { startFakeZendesk } from '../test/integration/hosts/fake-zendesk-server';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';

const ZENDESK_TICKETS = 100;
const FRESHDESK_UNKNOWN = 30;
const PACE_MS = 20;
const ZD_SECRET = 'zd-webhook-secret-bench-000001';
const FD_SECRET = 'fd-webhook-secret-bench-000001';
const ZD_AUTH = `Basic ${Buffer.from('bot@acme.test/token:zd-token').toString('base64')}`;
const FD_AUTH = `Basic ${Buffer.from('fd-key:X').toString('base64')}`;

/** A front that timestamps the first PUT per ticket, then forwards to the stand-in. */
async function timedFront(target: string): Promise<{ url: string; firstPut: Map<number, number>; close(): Promise<void> }> {
  const firstPut = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const m = req.method === 'PUT' ? /^\/api\/v2\/tickets\/(\d+)\.json/.exec(req.url ?? '') : null;
    if (m && !firstPut.has(Number(m[1]))) firstPut.set(Number(m[1]), performance.now());
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      try {
        const up = await fetch(target + req.url, {
          method: req.method,
          headers,
          body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
        });
        res.writeHead(up.status, { 'content-type': 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    firstPut,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function downHost(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"service_unavailable"}'), 50),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function scenario(root: string, freshdeskDown: boolean): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-iso-'));
  const zd = await startFakeZendesk(ZD_AUTH);
  const front = await timedFront(zd.url);
  const fd = freshdeskDown ? null : await startFakeFreshdesk(FD_AUTH);
  const down = freshdeskDown ? await downHost() : null;
  const createdBody = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/zendesk/webhook-ticket-created.json'), 'utf8'));
  const replyBody = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/freshdesk/webhook-customer-reply.json'), 'utf8'));
  const at = '2026-11-22T10:12:07Z';
  for (let i = 0; i < ZENDESK_TICKETS; i++) {
    const id = 8000 + i;
    zd.tickets.set(id, {
      id,
      subject: 'Kettle charger smoking',
      description: '…',
      status: 'new',
      priority: 'normal',
      tags: ['kettle'],
      group_id: null,
      custom_fields: [],
      requester_id: 8447388090494,
      updated_at: at,
      via: { channel: 'web' },
      created_at: at,
    });
    zd.comments.set(id, []);
  }
  for (let i = 0; i < FRESHDESK_UNKNOWN; i++) {
    const id = 6600 + i;
    fd?.tickets.set(id, {
      id,
      subject: 'Delivery arrived broken',
      description_text: 'The parcel arrived crushed.',
      status: 2,
      priority: 2,
      source: 1,
      tags: [],
      custom_fields: {},
      requester_id: 1001,
      group_id: null,
      created_at: at,
      updated_at: at,
    });
    fd?.conversations.set(id, []);
  }
  const c = await startConnector({
    env: {
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_EMAIL: 'bot@acme.test',
      ZENDESK_API_TOKEN: 'zd-token',
      ZENDESK_WEBHOOK_SECRET: ZD_SECRET,
      ZENDESK_API_URL: front.url,
      FRESHDESK_DOMAIN: 'acme',
      FRESHDESK_API_KEY: 'fd-key',
      FRESHDESK_API_URL: (fd ?? down)!.url,
      FRESHDESK_WEBHOOK_SECRET: FD_SECRET,
      FRESHDESK_CLUSTERS: 'off',
      APP_SHARED_SECRET: 'app-shared-secret-bench-0001',
      ADMIN_TOKEN: 'admin-token-bench-000000001',
      DATABASE_URL: `sqlite:${path.join(dir, 'cd.db')}`,
      POLICY_FILE: path.join(root, 'policies/default.json'),
      LOG_LEVEL: 'silent',
      SHUTDOWN_GRACE_MS: '1000',
      // well above this workload's ~200 calls: the bench measures isolation, not the budget
      HOST_RATE_LIMIT_PER_MIN: 'zendesk=6000,freshdesk=6000',
    },
    port: 0,
    hostname: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    rootDir: root,
  });
  try {
    for (let i = 0; i < FRESHDESK_UNKNOWN; i++) {
      const body = JSON.stringify({ ...replyBody, ticket: { ...replyBody.ticket, id: String(6600 + i) } });
      await (
        await fetch(`${c.url}/webhooks/freshdesk`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'x-complaint-desk-secret': FD_SECRET },
        })
      ).arrayBuffer();
    }
    const acked = new Map<number, number>();
    for (let i = 0; i < ZENDESK_TICKETS; i++) {
      const id = 8000 + i;
      const body = JSON.stringify({
        ...createdBody,
        id: `evt-bench-${id}`,
        subject: `zen:ticket:${id}`,
        detail: { ...createdBody.detail, id: String(id) },
      });
      const ts = new Date().toISOString();
      const sig = createHmac('sha256', ZD_SECRET)
        .update(ts + body)
        .digest('base64');
      const res = await fetch(`${c.url}/webhooks/zendesk`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': sig, 'x-zendesk-webhook-signature-timestamp': ts },
      });
      await res.arrayBuffer();
      acked.set(id, performance.now());
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    const until = Date.now() + 120_000;
    while (front.firstPut.size < ZENDESK_TICKETS && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return [...acked].map(([id, t]) => (front.firstPut.get(id) ?? Infinity) - t).sort((a, b) => a - b);
  } finally {
    await c.close();
    await front.close();
    await zd.close();
    await fd?.close();
    await down?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const healthy = await scenario(root, false);
  const fdDown = await scenario(root, true);
  const base = 'both hosts healthy';
  const p = (xs: number[], q: number) => quantile(xs, q);
  return [
    { bench: 'host-isolation', subject: base, metric: 'p50 ack → Zendesk write', value: p(healthy, 0.5), unit: 'ms' },
    { bench: 'host-isolation', subject: base, metric: 'p99 ack → Zendesk write', value: p(healthy, 0.99), unit: 'ms' },
    {
      bench: 'host-isolation',
      subject: 'Freshdesk down (503), 30 fetches pending',
      metric: 'p50 ack → Zendesk write',
      value: p(fdDown, 0.5),
      unit: 'ms',
      baseline: base,
      ratio: p(fdDown, 0.5) / p(healthy, 0.5),
    },
    {
      bench: 'host-isolation',
      subject: 'Freshdesk down (503), 30 fetches pending',
      metric: 'p99 ack → Zendesk write',
      value: p(fdDown, 0.99),
      unit: 'ms',
      baseline: base,
      ratio: p(fdDown, 0.99) / p(healthy, 0.99),
      target: '≤ 2× healthy',
      pass: p(fdDown, 0.99) <= 2 * p(healthy, 0.99),
    },
  ];
}
