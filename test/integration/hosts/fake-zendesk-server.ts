/**
 * A tiny stateful stand-in for the Zendesk Ticketing API on 127.0.0.1 (listen(0)), enough to exercise the client
 * over real HTTP: ticket show/update with `tags` replacement and safe_update/updated_stamp → 409, comments,
 * ticket create (POST /tickets.json) and list by external_id, and scripted faults (429 with Retry-After, 5xx after committing,
 * an external_id listing that lags). Checks the Basic auth header on every call. Honours `Idempotency-Key` on ticket
 * creation as developer.zendesk.com/api-reference/ticketing/introduction ("Idempotency") documents: the same key and
 * payload within 2 hours answers the first creation's ticket with `x-idempotency-lookup: hit`; the same key with a
 * different payload is a 400 `IdempotentRequestError`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTicket {
  id: number;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  tags: string[];
  group_id: number | null;
  custom_fields: { id: number; value: unknown }[];
  requester_id: number;
  updated_at: string;
  via: { channel: string };
  created_at: string;
}

export interface FakeZendesk {
  url: string;
  tickets: Map<number, FakeTicket>;
  comments: Map<number, { id: number; author_id: number; body: string; public: boolean; created_at: string }[]>;
  log: { method: string; path: string; status: number; idempotencyKey?: string }[];
  /** Faults consumed in order for matching requests. */
  faults: { method: string; path: string; kind: '429' | '500-after-commit' | 'list-lags'; retryAfter?: string }[];
  touch(id: number, mutate: (t: FakeTicket) => void): void;
  close(): Promise<void>;
}

export async function startFakeZendesk(auth: string): Promise<FakeZendesk> {
  let clock = Date.parse('2026-11-21T09:00:00Z');
  const stamp = () => new Date((clock += 1000)).toISOString().replace('.000Z', 'Z');
  let nextComment = 5000;
  const idempotency = new Map<string, { id: number; payload: string; at: number }>();
  const state = {
    tickets: new Map<number, FakeTicket>(),
    comments: new Map<number, { id: number; author_id: number; body: string; public: boolean; created_at: string }[]>(),
    log: [] as FakeZendesk['log'],
    faults: [] as FakeZendesk['faults'],
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const key = req.headers['idempotency-key'];
      state.log.push({ method: req.method ?? '', path: url.pathname, status, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== auth) return send(401, { error: "Couldn't authenticate you" });
    const fault = state.faults.findIndex((f) => f.method === req.method && f.path === url.pathname);
    const f = fault >= 0 ? state.faults.splice(fault, 1)[0] : undefined;
    if (f?.kind === '429') return send(429, { error: 'TooManyRequests' }, { 'retry-after': f.retryAfter ?? '1' });

    const show = url.pathname.match(/^\/api\/v2\/tickets\/(\d+)\.json$/);
    const comments = url.pathname.match(/^\/api\/v2\/tickets\/(\d+)\/comments\.json$/);
    if (show && req.method === 'GET') {
      const t = state.tickets.get(Number(show[1]));
      return t ? send(200, { ticket: t, users: [] }) : send(404, { error: 'RecordNotFound' });
    }
    if (comments && req.method === 'GET') {
      return send(200, { comments: state.comments.get(Number(comments[1])) ?? [], users: [], meta: { has_more: false } });
    }
    if (show && req.method === 'PUT') {
      const t = state.tickets.get(Number(show[1]));
      if (!t) return send(404, { error: 'RecordNotFound' });
      const { ticket: u } = JSON.parse(await body(req));
      if (u.safe_update && u.updated_stamp !== t.updated_at)
        return send(409, { error: 'UpdateConflict', description: 'stale updated_stamp' });
      for (const k of ['tags', 'priority', 'status', 'group_id'] as const) if (u[k] !== undefined) (t as any)[k] = u[k];
      for (const cf of u.custom_fields ?? []) {
        const hit = t.custom_fields.find((x) => x.id === cf.id);
        if (hit) hit.value = cf.value;
        else t.custom_fields.push(cf);
      }
      if (u.comment)
        state.comments
          .get(t.id)!
          .push({ id: nextComment++, author_id: 1, body: u.comment.body, public: u.comment.public, created_at: stamp() });
      t.updated_at = stamp();
      if (f?.kind === '500-after-commit') return send(500, { error: 'InternalError' });
      return send(200, { ticket: t, audit: { id: 1, events: [] } });
    }
    if (url.pathname === '/api/v2/tickets.json' && req.method === 'POST') {
      const raw = await body(req);
      const { ticket: u } = JSON.parse(raw);
      const key = req.headers['idempotency-key'];
      const seen = typeof key === 'string' ? idempotency.get(key) : undefined;
      if (seen && clock - seen.at < 2 * 3600_000) {
        if (seen.payload !== raw)
          return send(400, { error: 'IdempotentRequestError', description: 'Request parameters do not match the original request' });
        return send(201, { ticket: state.tickets.get(seen.id) }, { 'x-idempotency-lookup': 'hit' });
      }
      const id = 100 + state.tickets.size;
      const t = { ...u, id, status: 'new', custom_fields: [], updated_at: stamp(), created_at: stamp() } as FakeTicket;
      state.tickets.set(id, t);
      state.comments.set(id, []);
      if (typeof key === 'string') idempotency.set(key, { id, payload: raw, at: clock });
      if (f?.kind === '500-after-commit') return send(502, { error: 'BadGateway' });
      return send(201, { ticket: t }, typeof key === 'string' ? { 'x-idempotency-lookup': 'miss' } : {});
    }
    if (url.pathname === '/api/v2/incremental/tickets/cursor.json' && req.method === 'GET') {
      // Cursor-based incremental ticket export (developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports):
      // start_time (unix s, at least a minute back) or cursor; tickets oldest change first; after_cursor, end_of_stream.
      const per = Number(url.searchParams.get('per_page') ?? 1000);
      const cursor = url.searchParams.get('cursor');
      const start = cursor
        ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { t: number; i: number })
        : { t: Number(url.searchParams.get('start_time')) * 1000, i: 0 };
      if (!cursor && !(start.t <= Date.now() - 60_000))
        return send(422, { error: 'InvalidValue', description: 'start_time must be more than one minute in the past' });
      const all = [...state.tickets.values()]
        .filter((t) => Date.parse(t.updated_at) >= start.t)
        .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
      const page = all.slice(start.i, start.i + per);
      const after = Buffer.from(JSON.stringify({ t: start.t, i: start.i + page.length })).toString('base64url');
      return send(200, {
        tickets: page,
        after_url: `${url.origin}${url.pathname}?cursor=${after}`,
        after_cursor: after,
        before_cursor: null,
        before_url: null,
        end_of_stream: start.i + page.length >= all.length,
      });
    }
    if (url.pathname === '/api/v2/tickets.json' && req.method === 'GET') {
      const externalId = url.searchParams.get('external_id');
      if (f?.kind === 'list-lags') return send(200, { tickets: [], count: 0 });
      const hits = [...state.tickets.values()].filter((t) => externalId !== null && (t as any).external_id === externalId);
      return send(200, { tickets: hits, count: hits.length });
    }
    return send(404, { error: 'InvalidEndpoint' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    touch(id, mutate) {
      const t = state.tickets.get(id)!;
      mutate(t);
      t.updated_at = stamp();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
