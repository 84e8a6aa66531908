/**
 * Webhooks over real HTTP on 127.0.0.1 with a real SQLite file: signatures made with real HMACs,
 * each check in the documented order, duplicates, and the ack only after the inbox commit.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../connector/src/ops/create-logger';
import { createMetrics } from '../../connector/src/ops/create-metrics';
import { createApp } from '../../connector/src/server/create-app';
import { startConnector, type RunningConnector } from '../../connector/src/start-connector';
import { signZendeskPayload } from '../../connector/src/hosts/zendesk/verify-zendesk-signature';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const SECRET_OLD = 'zendesk-signing-secret-old-0001';
const SECRET_NEW = 'zendesk-signing-secret-new-0002';
const SECRET_OTHER = 'somebody-elses-signing-secret-03';
const FD_SECRET = 'freshdesk-shared-secret-000004';
const fixture = (host: string, name: string) => readFileSync(join(__dirname, '../fixtures', host, name), 'utf8');

let dir: string;
let c: RunningConnector;
let logLines: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-webhooks-'));
  logLines = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  c = await startConnector({
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'cd.db')}`,
      ZENDESK_WEBHOOK_SECRET: `${SECRET_OLD},${SECRET_NEW}`,
      FRESHDESK_WEBHOOK_SECRET: FD_SECRET,
      SANDBOX: 'off',
      LOG_LEVEL: 'info',
    },
    port: 0,
    hostname: '127.0.0.1',
    clock: { now: () => NOW },
    startPipeline: false,
    logger: createLogger({ level: 'info', destination: sink }),
  });
});

afterAll(async () => {
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A second connection to the same file: what is committed, not what one connection sees. */
function inboxRows(eventId?: string): { host: string; event_id: string; ticket_id: string; kind: string }[] {
  const db = new Database(join(dir, 'cd.db'), { readonly: true });
  try {
    return (eventId ? db.prepare('SELECT * FROM inbox WHERE event_id = ?').all(eventId) : db.prepare('SELECT * FROM inbox').all()) as never;
  } finally {
    db.close();
  }
}

function zendeskHeaders(body: string, secret = SECRET_OLD, ts = new Date(NOW).toISOString()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-signature': signZendeskPayload(secret, ts, body),
    'x-zendesk-webhook-signature-timestamp': ts,
  };
}

async function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const res = await fetch(c.url + path, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function withId(body: string, id: string): string {
  return JSON.stringify({ ...JSON.parse(body), id });
}

describe('POST /webhooks/zendesk (event subscriptions)', () => {
  it('verifies, commits and acks 202; the row is committed before the ack', async () => {
    const body = fixture('zendesk', 'webhook-ticket-created.json');
    const r = await post('/webhooks/zendesk', body, zendeskHeaders(body));
    expect(r).toEqual({ status: 202, json: { accepted: true, eventId: 'cbe4028c-7239-495d-b020-f22348516046' } });
    expect(inboxRows('cbe4028c-7239-495d-b020-f22348516046')).toEqual([
      expect.objectContaining({ host: 'zendesk', ticket_id: '5158', kind: 'ticket.created' }),
    ]);
  });

  it('answers a redelivery 200 {duplicate:true} and stores nothing new', async () => {
    const body = fixture('zendesk', 'webhook-comment-added.json');
    expect((await post('/webhooks/zendesk', body, zendeskHeaders(body))).status).toBe(202);
    const again = await post('/webhooks/zendesk', body, zendeskHeaders(body));
    expect(again).toEqual({ status: 200, json: { duplicate: true } });
    expect(inboxRows('d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52')).toHaveLength(1);
  });

  it('accepts the rotated (second) secret', async () => {
    const body = withId(fixture('zendesk', 'webhook-status-changed.json'), 'rotated-1');
    expect((await post('/webhooks/zendesk', body, zendeskHeaders(body, SECRET_NEW))).status).toBe(202);
  });

  it.each([
    ['forged body', (b: string) => ({ body: b.replace('HOLD', 'SOLVED'), headers: zendeskHeaders(b) }), /does not match/],
    [
      'missing signature',
      (b: string) => ({
        body: b,
        headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature-timestamp': new Date(NOW).toISOString() },
      }),
      /missing X-Zendesk-Webhook-Signature header/,
    ],
    [
      'stale timestamp',
      (b: string) => ({ body: b, headers: zendeskHeaders(b, SECRET_OLD, new Date(NOW - 6 * 60_000).toISOString()) }),
      /stale/,
    ],
    ['other secret', (b: string) => ({ body: b, headers: zendeskHeaders(b, SECRET_OTHER) }), /does not match/],
  ])('rejects a %s with 401 and stores nothing', async (_name, make, message) => {
    const id = `unauth-${_name}`;
    const { body, headers } = make(withId(fixture('zendesk', 'webhook-status-changed.json'), id));
    const r = await post('/webhooks/zendesk', body, headers);
    expect(r.status).toBe(401);
    expect(r.json.error).toEqual({ code: 'unauthorized', message: expect.stringMatching(message) });
    expect(inboxRows(id)).toHaveLength(0);
  });

  it('checks in order: 415 before 413 before 401 before 400', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
    // wrong content type AND too large AND unsigned → 415
    expect((await post('/webhooks/zendesk', big, { 'content-type': 'text/plain' })).json.error.code).toBe('unsupported_media_type');
    // too large AND unsigned → 413
    const tooLarge = await post('/webhooks/zendesk', big, { 'content-type': 'application/json' });
    expect(tooLarge.status).toBe(413);
    // schema-invalid AND unsigned → 401
    const invalid = JSON.stringify({
      ...JSON.parse(fixture('zendesk', 'webhook-comment-added.json')),
      id: 'invalid-1',
      event: { comment: { id: '1', is_public: true, author: { is_staff: false } } },
    });
    expect((await post('/webhooks/zendesk', invalid, { 'content-type': 'application/json' })).status).toBe(401);
    // schema-invalid, signed → 400 naming the field
    const bad = await post('/webhooks/zendesk', invalid, zendeskHeaders(invalid));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual({
      code: 'invalid_request',
      message: expect.stringContaining('event.comment.body'),
      details: [{ path: 'event.comment.body', message: expect.any(String) }],
    });
    expect(inboxRows('invalid-1')).toHaveLength(0);
  });

  it('answers 413 for a chunked body (no Content-Length) that grows past 256 KB', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        c.url + '/webhooks/zendesk',
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 40; i++) req.write('x'.repeat(8 * 1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 400 for signed invalid JSON, 405 for GET, 404 for an unknown path', async () => {
    const notJson = '{"type": ';
    expect((await post('/webhooks/zendesk', notJson, zendeskHeaders(notJson))).json.error).toEqual(
      expect.objectContaining({ code: 'invalid_request', details: [{ path: '(body)', message: 'invalid JSON' }] }),
    );
    const get = await fetch(c.url + '/webhooks/zendesk');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(c.url + '/webhooks/zendesk2', { method: 'POST' })).status).toBe(404);
  });

  it('acks ticket events it does not act on with 200 {ignored} and stores nothing', async () => {
    const body = JSON.stringify({
      ...JSON.parse(fixture('zendesk', 'webhook-status-changed.json')),
      id: 'ignored-1',
      type: 'zen:event-type:ticket.brand_changed',
    });
    const r = await post('/webhooks/zendesk', body, zendeskHeaders(body));
    expect(r).toEqual({ status: 200, json: { ignored: true, reason: expect.stringContaining('brand_changed') } });
    expect(inboxRows('ignored-1')).toHaveLength(0);
  });
});

describe('POST /webhooks/zendesk (trigger body from README)', () => {
  it('dedupes on what the signature covers (timestamp + body), not on the unsigned invocation id', async () => {
    const body = fixture('zendesk', 'webhook-trigger-updated.json');
    const headers = { ...zendeskHeaders(body), 'x-zendesk-webhook-invocation-id': '01JTRIGGER0001' };
    const first = await post('/webhooks/zendesk', body, headers);
    expect(first.status).toBe(202);
    expect(first.json.eventId).toMatch(/^signed:[0-9a-f]{40}$/);
    expect((await post('/webhooks/zendesk', body, headers)).json).toEqual({ duplicate: true });
    expect((await post('/webhooks/zendesk', body, { ...headers, 'x-zendesk-webhook-invocation-id': '01JTRIGGER0002' })).json).toEqual({
      duplicate: true,
    });
    expect(inboxRows(first.json.eventId)).toEqual([expect.objectContaining({ kind: 'ticket.updated', ticket_id: '5158' })]);
  });
});

describe('POST /webhooks/freshdesk', () => {
  const headers = (secret = FD_SECRET) => ({ 'content-type': 'application/json', 'x-complaint-desk-secret': secret });

  it('accepts the shared secret, dedupes a redelivery, rejects a wrong or missing secret', async () => {
    const body = fixture('freshdesk', 'webhook-ticket-created.json');
    const first = await post('/webhooks/freshdesk', body, headers());
    expect(first.status).toBe(202);
    expect(first.json.eventId).toMatch(/^fd-/);
    expect(await post('/webhooks/freshdesk', body, headers())).toEqual({ status: 200, json: { duplicate: true } });
    expect(inboxRows(first.json.eventId)).toHaveLength(1);
    const reply = fixture('freshdesk', 'webhook-customer-reply.json');
    expect((await post('/webhooks/freshdesk', reply, headers('freshdesk-shared-secret-000005'))).status).toBe(401);
    expect((await post('/webhooks/freshdesk', reply, { 'content-type': 'application/json' })).status).toBe(401);
    expect(inboxRows().filter((r) => r.host === 'freshdesk')).toHaveLength(1);
  });

  it('answers 400 naming the field', async () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('freshdesk', 'webhook-customer-reply.json')), ticket: { subject: 'x' } });
    const r = await post('/webhooks/freshdesk', body, headers());
    expect(r.status).toBe(400);
    expect(r.json.error.details).toEqual([expect.objectContaining({ path: 'ticket.id' })]);
  });
});

describe('operations around webhooks', () => {
  it('counts webhooks by result on /metrics', async () => {
    const text = await (await fetch(c.url + '/metrics')).text();
    expect(text).toMatch(/complaint_desk_webhooks_total\{host="zendesk",result="accepted"\} [1-9]/);
    expect(text).toMatch(/complaint_desk_webhooks_total\{host="zendesk",result="duplicate"\} [1-9]/);
    expect(text).toMatch(/complaint_desk_webhooks_total\{host="zendesk",result="unauthorized"\} [1-9]/);
    expect(text).toMatch(/complaint_desk_webhooks_total\{host="freshdesk",result="invalid"\} 1/);
  });

  it('never logs secrets, signatures or message bodies', () => {
    const all = logLines.join('');
    expect(all).toMatch(/webhook stored/);
    for (const s of [SECRET_OLD, SECRET_NEW, FD_SECRET, 'talk to my lawyer', 'smoking and sparking', 'journalists'])
      expect(all).not.toContain(s);
  });

  // Zendesk retries a 503 only when it carries a Retry-After under 60 s (developer.zendesk.com/api-reference/webhooks/introduction, "Webhook retries").
  it('answers 503 with Retry-After (so the host retries) and acks nothing when the store fails', async () => {
    const logger = createLogger({ level: 'silent' });
    const app = createApp({
      clock: { now: () => NOW },
      logger,
      metrics: createMetrics(),
      pipeline: {
        ingest: () => {
          throw new Error('SQLITE_FULL: database or disk is full');
        },
      },
      readiness: { pingDb: () => undefined, policyVersion: () => 'x' },
      webhookSecrets: () => ({ zendesk: [SECRET_OLD], freshdesk: null }),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const body = fixture('zendesk', 'webhook-priority-changed.json');
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/webhooks/zendesk`, {
        method: 'POST',
        body,
        headers: zendeskHeaders(body),
      });
      expect(res.status).toBe(503);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThan(60);
      expect((await res.json()).error.code).toBe('unavailable');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('concurrent deliveries (group commit)', () => {
  it('acks each of 30 simultaneous deliveries correctly and stores each event once', async () => {
    const template = JSON.parse(fixture('zendesk', 'webhook-comment-added.json'));
    const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    const bodies = [...ids, ...ids.slice(0, 10)].map((id) => JSON.stringify({ ...template, id }));
    const results = await Promise.all(bodies.map((b) => post('/webhooks/zendesk', b, zendeskHeaders(b))));
    expect(results.filter((r) => r.status === 202)).toHaveLength(20);
    expect(results.filter((r) => r.status === 200 && r.json.duplicate === true)).toHaveLength(10);
    expect(inboxRows().filter((r) => r.event_id.startsWith('burst-'))).toHaveLength(20);
  });
});
