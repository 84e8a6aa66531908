/** Host APIs on 127.0.0.1 for the fault tests: the fake Zendesk behind a front that can be taken down (503) or slowed, and a host that is always down. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeZendesk, type FakeZendesk } from '../hosts/fake-zendesk-server';

/** The API user the fake Zendesk accepts (zendeskEnv in fault-kit.ts configures the connector with it). */
export const EMAIL = 'bot@acme.test';
export const TOKEN = 'zd-api-token';
export const ZD_AUTH = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`;

export interface FlakyZendesk {
  url: string;
  fake: FakeZendesk;
  /** While true every call gets 503 (the API is down). */
  down: boolean;
  /** Each forwarded call waits this long first (a slow host). */
  delayMs: number;
  /** Calls answered 503 while down. */
  refused: number;
  /** Calls that arrived (down or up), counted when they arrive. */
  received: number;
  /** Per-call override: return a canned answer (e.g. a 429 for one ticket) or null to forward. */
  override: ((method: string, path: string) => { status: number; headers?: Record<string, string>; body?: unknown } | null) | null;
  /** Arrival times (Date.now() ms) of every call, in order; `tag` is the call's `x-test-tag` header, when a test set one. */
  arrivals: { at: number; method: string; path: string; tag?: string }[];
  seed(id: number): void;
  /** Ticket updates that reached the (up) API for this ticket. */
  puts(id: number): number;
  close(): Promise<void>;
}

/** The stateful fake Zendesk behind a switchable front on 127.0.0.1: 503 while `down`, otherwise forwarded. */
export async function startFlakyZendesk(): Promise<FlakyZendesk> {
  const fake = await startFakeZendesk(ZD_AUTH);
  const state = { down: false, delayMs: 0, refused: 0, received: 0 };
  // Slowed calls wait on this signal's timers, so close() cancels them: a minute's wait must not outlive the test file.
  const closing = new AbortController();
  let override: FlakyZendesk['override'] = null;
  const arrivals: FlakyZendesk['arrivals'] = [];
  const server: Server = createServer((req, res) => {
    state.received++;
    const tag = req.headers['x-test-tag'];
    arrivals.push({
      at: Date.now(),
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0],
      ...(typeof tag === 'string' ? { tag } : {}),
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const canned = override?.(req.method ?? '', (req.url ?? '').split('?')[0]);
      if (canned) {
        res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers }).end(JSON.stringify(canned.body ?? {}));
        return;
      }
      if (state.down) {
        state.refused++;
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Service Unavailable' }));
        return;
      }
      if (state.delayMs) {
        const waited = await sleep(state.delayMs, true, { signal: closing.signal }).catch(() => false);
        if (!waited) return; // closed while this call waited: close() drops its connection
      }
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      try {
        const up = await fetch(fake.url + req.url, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
        res
          .writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' })
          .end(Buffer.from(await up.arrayBuffer()));
      } catch {
        res.destroy(); // the stand-in closed while this call was delayed
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const flaky: FlakyZendesk = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fake,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    get refused() {
      return state.refused;
    },
    get received() {
      return state.received;
    },
    get override() {
      return override;
    },
    set override(v) {
      override = v;
    },
    arrivals,
    seed(id) {
      const at = '2026-11-22T10:12:07Z';
      fake.tickets.set(id, {
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
      fake.comments.set(id, []);
    },
    puts: (id) => fake.log.filter((l) => l.method === 'PUT' && l.path === `/api/v2/tickets/${id}.json` && l.status === 200).length,
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await fake.close();
    },
  };
  return flaky;
}

/** A host API that is down: every call waits `delayMs`, then gets 503. Counts the calls it refused. */
export async function startDownHost(delayMs = 100): Promise<{ url: string; refused: () => number; close(): Promise<void> }> {
  let refused = 0;
  const closing = new AbortController();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      sleep(delayMs, undefined, { signal: closing.signal }).then(
        () => {
          refused++;
          res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'service_unavailable' }));
        },
        () => undefined, // closed first: close() drops the connection
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused: () => refused,
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
