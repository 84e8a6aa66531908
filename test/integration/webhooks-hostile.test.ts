/**
 * Hostile webhook input against the real server on 127.0.0.1 with a real SQLite file: every request gets the
 * right status and a clear error, the server keeps answering, and a rejected request stores nothing.
 * Bodies that are valid for the signature check are signed with a real HMAC, so each case reaches the check it is about.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../connector/src/start-connector';
import { signZendeskPayload } from '../../connector/src/hosts/zendesk/verify-zendesk-signature';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const SECRET = 'zendesk-signing-secret-hostile-01';
const FD_SECRET = 'freshdesk-shared-secret-hostile-2';
const LIMIT = 256 * 1024;
const fixture = (host: string, name: string) => readFileSync(join(__dirname, '../fixtures', host, name), 'utf8');
const created = () => JSON.parse(fixture('zendesk', 'webhook-ticket-created.json'));

let dir: string;
let c: RunningConnector;
let seq = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-hostile-'));
  c = await startConnector({
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'cd.db')}`,
      ZENDESK_WEBHOOK_SECRET: SECRET,
      FRESHDESK_WEBHOOK_SECRET: FD_SECRET,
      SANDBOX: 'off',
      LOG_LEVEL: 'silent',
    },
    port: 0,
    hostname: '127.0.0.1',
    clock: { now: () => NOW },
    startPipeline: false,
    logger: createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
  });
});

afterAll(async () => {
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

function rows(): { event_id: string; ticket_id: string; kind: string; payload: string }[] {
  const db = new Database(join(dir, 'cd.db'), { readonly: true });
  try {
    return db.prepare('SELECT event_id, ticket_id, kind, payload FROM inbox ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

function signed(body: string | Buffer, ts = new Date(NOW).toISOString()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-signature': signZendeskPayload(SECRET, ts, body),
    'x-zendesk-webhook-signature-timestamp': ts,
    'x-zendesk-webhook-invocation-id': `inv-hostile-${++seq}`,
  };
}

async function send(path: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const res = await fetch(c.url + path, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Sends, expects the status (and error text), checks the server still answers and that nothing was stored. */
async function rejected(
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
  status: number,
  message: RegExp,
  field?: string,
) {
  const before = rows().length;
  const r = await send(path, body, headers);
  expect(r.status).toBe(status);
  expect(r.json.error.message).toMatch(message);
  if (field) expect(r.json.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  expect(rows()).toHaveLength(before);
  expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
}

const zd = '/webhooks/zendesk';
const fdHeaders = { 'content-type': 'application/json', 'x-complaint-desk-secret': FD_SECRET };

describe('hostile webhook bodies (signed, so they reach the body checks)', () => {
  it('JSON nested 10 000 levels deep: 400, no stack overflow', async () => {
    const body = `{"type":"zen:event-type:ticket.created","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    await rejected(zd, body, signed(body), 400, /nested deeper than 32 levels/, '(body)');
  });

  it('a 100 000-element array under 256 KB where tags belong: 400 naming detail.tags', async () => {
    const e = created();
    e.id = 'hostile-tags';
    const body = JSON.stringify(e).replace('"tags":["kettle"]', `"tags":[${Array(100_000).fill(0).join(',')}]`);
    expect(Buffer.byteLength(body)).toBeLessThan(LIMIT);
    await rejected(zd, body, signed(body), 400, /detail\.tags/, 'detail.tags');
  });

  it('a 100 000-element array in a field nobody reads is accepted and not stored', async () => {
    const e = { ...created(), id: 'hostile-extra', extra: Array(100_000).fill(1) };
    const body = JSON.stringify(e);
    expect(Buffer.byteLength(body)).toBeLessThan(LIMIT);
    expect((await send(zd, body, signed(body))).status).toBe(202);
    const row = rows().find((r) => r.event_id === 'hostile-extra')!;
    expect(row.payload).not.toContain('extra');
  });

  it('bytes that are not UTF-8: 400', async () => {
    const body = Buffer.concat([
      Buffer.from('{"type":"zen:event-type:ticket.created","id":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]);
    await rejected(zd, body, signed(body), 400, /not valid UTF-8/, '(body)');
  });

  it('a UTF-8 byte order mark before valid JSON is accepted', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ ...created(), id: 'hostile-bom' }))]);
    expect((await send(zd, body, signed(body))).status).toBe(202);
    expect(rows().filter((r) => r.event_id === 'hostile-bom')).toHaveLength(1);
  });

  it('__proto__ keys are plain data: accepted, nothing polluted, not stored', async () => {
    const body = JSON.stringify(created())
      .replace('{"type"', '{"__proto__":{"polluted":"yes"},"type"')
      .replace('"id":"cbe4028c', '"id":"hostile-proto-cbe4028c')
      .replace('"detail":{', '"detail":{"__proto__":{"isAdmin":true},');
    expect((await send(zd, body, signed(body))).status).toBe(202);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const row = rows().find((r) => r.event_id.startsWith('hostile-proto'))!;
    expect(row.payload).not.toMatch(/polluted|isAdmin/);
  });

  it("numbers where strings belong: Zendesk's own schema rejects them (400 naming the field), a trigger body reads them as text", async () => {
    const e = { ...created(), id: 'hostile-number', detail: { ...created().detail, subject: 12345 } };
    const body = JSON.stringify(e);
    await rejected(zd, body, signed(body), 400, /detail\.subject/, 'detail.subject');
    const trigger = JSON.parse(fixture('zendesk', 'webhook-trigger-rendered.json'));
    trigger.ticket = { ...trigger.ticket, id: 5160, subject: 42, status: 7 };
    const tb = JSON.stringify(trigger);
    const r = await send(zd, tb, signed(tb));
    expect(r.status).toBe(202);
    expect(JSON.parse(rows().find((x) => x.event_id === r.json.eventId)!.payload)).toMatchObject({
      event: { ticket: { id: '5160', subject: '42' } },
    });
  });

  it('huge ids: 400 naming the id field', async () => {
    const huge = '9'.repeat(5000);
    const e = { ...created(), id: 'hostile-huge', subject: `zen:ticket:${huge}`, detail: { ...created().detail, id: huge } };
    const body = JSON.stringify(e);
    await rejected(zd, body, signed(body), 400, /subject/, 'subject');
    const trigger = JSON.parse(fixture('zendesk', 'webhook-trigger-rendered.json'));
    trigger.ticket.id = huge;
    const tb = JSON.stringify(trigger);
    await rejected(zd, tb, signed(tb), 400, /ticket\.id: expected a numeric ticket id of at most 20 digits/, 'ticket.id');
  });

  it('an empty body (validly signed): 400', async () => {
    await rejected(zd, '', signed(''), 400, /empty/, '(body)');
  });

  it('a body of exactly 256 KB passes the size check; one byte more is 413 before anything else', async () => {
    const json = JSON.stringify({ ...created(), id: 'hostile-exact' });
    const exact = json + ' '.repeat(LIMIT - Buffer.byteLength(json));
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    expect((await send(zd, exact, signed(exact))).status).toBe(202);
    await rejected(zd, `${exact} `, signed(`${exact} `), 413, /larger than 262144 bytes/);
  });
});

describe('hostile signature headers', () => {
  const body = JSON.stringify({ ...created(), id: 'hostile-sig' });
  const ts = new Date(NOW).toISOString();
  const headers = (signature: string, timestamp = ts) => ({
    'content-type': 'application/json',
    'x-zendesk-webhook-signature': signature,
    'x-zendesk-webhook-signature-timestamp': timestamp,
  });

  it('junk, base64 of the wrong length, or a signature over other bytes: 401', async () => {
    await rejected(zd, body, headers('%%%not base64%%%'), 401, /does not match/);
    await rejected(zd, body, headers(Buffer.alloc(16, 7).toString('base64')), 401, /does not match/);
    await rejected(zd, body, headers('A'.repeat(10_000)), 401, /does not match/);
    await rejected(zd, body, headers(signZendeskPayload(SECRET, ts, `${body} `)), 401, /does not match/);
  });

  it('a timestamp in the far future or not a date: 401 even with a matching HMAC', async () => {
    const future = '9999-12-31T23:59:59Z';
    await rejected(zd, body, headers(signZendeskPayload(SECRET, future, body), future), 401, /stale signature/);
    await rejected(zd, body, headers(signZendeskPayload(SECRET, 'yesterday', body), 'yesterday'), 401, /not a date/);
    await rejected(zd, body, headers(signZendeskPayload(SECRET, '1732270000', body), '1732270000'), 401, /not a date|stale/);
  });
});

describe('trigger / automation bodies a host did not JSON-escape', () => {
  it('Zendesk: verified but broken JSON keeps only the ticket id (ticket.updated {id}); replays dedupe', async () => {
    const body = fixture('zendesk', 'webhook-trigger-unescaped.txt');
    const h = signed(body);
    const r = await send(zd, body, h);
    expect(r).toEqual({
      status: 202,
      json: {
        accepted: true,
        eventId: expect.stringMatching(/^signed:[0-9a-f]{40}$/),
        recovered: expect.stringContaining('ticket id only'),
      },
    });
    const row = rows().find((x) => x.event_id === r.json.eventId)!;
    expect(row).toMatchObject({ ticket_id: '5161', kind: 'ticket.updated' });
    expect(JSON.parse(row.payload)).toEqual({ event: { kind: 'ticket.updated', ticket: { id: '5161' } } });
    expect((await send(zd, body, h)).json).toEqual({ duplicate: true });
  });

  it('Freshdesk: the same recovery; broken JSON without the README prefix stays a 400', async () => {
    const body = fixture('freshdesk', 'webhook-automation-unescaped.txt');
    const r = await send('/webhooks/freshdesk', body, fdHeaders);
    expect(r.status).toBe(202);
    expect(rows().find((x) => x.event_id === r.json.eventId)).toMatchObject({ ticket_id: '6543', kind: 'ticket.updated' });
    await rejected('/webhooks/freshdesk', '{"ticket": {"id": "1", "subject": "a"b"}}', fdHeaders, 400, /not valid JSON/, '(body)');
  });

  it('an unverified broken body is refused before anything is read from it', async () => {
    const body = fixture('freshdesk', 'webhook-automation-unescaped.txt');
    await rejected(
      '/webhooks/freshdesk',
      body,
      { ...fdHeaders, 'x-complaint-desk-secret': 'wrong-secret-wrong-secret' },
      401,
      /does not match/,
    );
  });
});
