/**
 * A tiny stateful stand-in for the Freshdesk API v2 on 127.0.0.1: ticket view/update (tags replaced wholesale,
 * like Freshdesk), notes, conversations, create, list by requester (newest first; description only with
 * `include=description`, like Freshdesk); scripted "500 after commit" faults. Checks Basic `{apiKey}:X`.
 * Racing agents: `agentAfterRead` edits land right after the next read of that ticket (between a client's read and
 * its write); `agentEdit` edits now. Either returns nothing; the edit's `updated_at` (what the automation's
 * {{ticket.modified_on}} would carry) is in `agentEdits`. `updated_at` has whole seconds, like Freshdesk's.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FdState {
  url: string;
  tickets: Map<number, Record<string, any>>;
  conversations: Map<
    number,
    { id: number; body: string; body_text: string; private: boolean; incoming: boolean; user_id: number; created_at: string }[]
  >;
  log: string[];
  faults: { method: string; path: string }[];
  agentAfterRead: Map<number, (t: Record<string, any>) => void>;
  agentEdit(id: number, edit: (t: Record<string, any>) => void): string;
  agentEdits: { id: number; tags: string[]; at: string }[];
  /** Query strings of the `updated_since` listings served. */
  listings: string[];
  /** The fake's clock (ms); each write advances it; tests may advance it to put edits in different seconds. */
  clock: { now: number };
  close(): Promise<void>;
}

export async function startFakeFreshdesk(auth: string): Promise<FdState> {
  let next = 100;
  const tickets = new Map<number, Record<string, any>>();
  const conversations: FdState['conversations'] = new Map();
  const log: string[] = [];
  const faults: FdState['faults'] = [];
  const agentAfterRead: FdState['agentAfterRead'] = new Map();
  const agentEdits: FdState['agentEdits'] = [];
  const listings: string[] = [];
  const clock = { now: Date.parse('2026-11-21T09:00:00Z') };
  const stamp = () => new Date(Math.floor((clock.now += 300) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const agentEdit = (id: number, e: (t: Record<string, any>) => void): string => {
    const t = tickets.get(id)!;
    e(t);
    t.updated_at = stamp();
    agentEdits.push({ id, tags: [...t.tags], at: t.updated_at });
    return t.updated_at;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      log.push(`${req.method} ${url.pathname} ${status}`);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== auth)
      return send(401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
    const fi = faults.findIndex((f) => f.method === req.method && f.path === url.pathname);
    const fault = fi >= 0 ? faults.splice(fi, 1)[0] : undefined;
    const one = url.pathname.match(/^\/api\/v2\/tickets\/(\d+)$/);
    const sub = url.pathname.match(/^\/api\/v2\/tickets\/(\d+)\/(notes|conversations)$/);
    if (one && req.method === 'GET') {
      const t = tickets.get(Number(one[1]));
      if (!t) return send(404, {});
      send(200, JSON.parse(JSON.stringify(t)));
      const racing = agentAfterRead.get(t.id);
      if (racing) {
        agentAfterRead.delete(t.id);
        agentEdit(t.id, racing);
      }
      return;
    }
    if (one && req.method === 'PUT') {
      const t = tickets.get(Number(one[1]));
      if (!t) return send(404, {});
      const u = JSON.parse(await read(req));
      Object.assign(t, u, { custom_fields: { ...t.custom_fields, ...u.custom_fields }, updated_at: stamp() });
      return send(200, t);
    }
    if (sub && sub[2] === 'conversations' && req.method === 'GET') return send(200, conversations.get(Number(sub[1])) ?? []);
    if (sub && sub[2] === 'notes' && req.method === 'POST') {
      const u = JSON.parse(await read(req));
      const note = {
        id: next++,
        body: u.body,
        body_text: u.body.replace(/<[^>]+>/g, ''),
        private: u.private,
        incoming: false,
        user_id: 2,
        created_at: '2026-11-21T10:00:00Z',
      };
      conversations.get(Number(sub[1]))!.push(note);
      return fault ? send(500, { code: 'internal_error' }) : send(201, note);
    }
    if (url.pathname === '/api/v2/tickets' && req.method === 'POST') {
      const u = JSON.parse(await read(req));
      const t = { ...u, id: next++, updated_at: '2026-11-24T09:00:00Z', created_at: '2026-11-24T09:00:00Z' };
      tickets.set(t.id, t);
      conversations.set(t.id, []);
      return fault ? send(502, { code: 'bad_gateway' }) : send(201, t);
    }
    if (url.pathname === '/api/v2/tickets' && req.method === 'GET' && url.searchParams.get('updated_since')) {
      // List All Tickets with updated_since, order_by=updated_at asc, per_page/page (developers.freshdesk.com/api/#list_all_tickets).
      const q = url.searchParams;
      const since = Date.parse(q.get('updated_since')!);
      if (!Number.isFinite(since))
        return send(400, {
          description: 'Validation failed',
          errors: [{ field: 'updated_since', message: "It should be in the 'valid date' format", code: 'invalid_value' }],
        });
      const per = Math.min(100, Number(q.get('per_page') ?? 30));
      const page = Number(q.get('page') ?? 1);
      const list = [...tickets.values()]
        .filter((t) => Date.parse(t.updated_at) >= since)
        .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id)
        .slice((page - 1) * per, page * per)
        .map((t) => ({ ...t, description: undefined, conversations: undefined }));
      listings.push(q.toString());
      return send(200, list);
    }
    if (url.pathname === '/api/v2/tickets' && req.method === 'GET') {
      const q = url.searchParams;
      const mine = [...tickets.values()]
        .filter((t) => (q.get('requester_id') ? String(t.requester_id) === q.get('requester_id') : t.email === q.get('email')))
        .sort((a, b) => b.id - a.id)
        .slice(0, Number(q.get('per_page') ?? 30))
        .map((t) => (q.get('include') === 'description' ? t : { ...t, description: undefined }));
      return send(200, mine);
    }
    return send(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tickets,
    conversations,
    log,
    faults,
    agentAfterRead,
    agentEdit,
    agentEdits,
    clock,
    listings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
