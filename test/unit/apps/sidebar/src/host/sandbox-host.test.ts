import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxHost, type SandboxWindow } from '../../../../../../apps/sidebar/src/host/sandbox-host';
import { ConnectorUnreachable } from '../../../../../../apps/sidebar/src/host/host-api';

let server: http.Server;
let origin: string;
const seen: { url?: string; method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ url: req.url, method: req.method, headers: req.headers, body });
      if (req.url === '/sandbox/api/tickets/12')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: '12', subject: 's', description: 'd', updatedAt: 'x' }));
      if (req.url === '/down') return void res.writeHead(502).end();
      res.writeHead(201, { 'content-type': 'application/json', etag: '"e1"' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function fakeWindow(search: string, hash: string) {
  const posted: unknown[] = [];
  const listeners: ((e: MessageEvent) => void)[] = [];
  const win: SandboxWindow = {
    location: { search, hash, origin },
    parent: { postMessage: (m, target) => posted.push({ m, target }) },
    addEventListener: (_t, cb) => listeners.push(cb),
    fetch: (input, init) => fetch(new URL(String(input), origin), init),
  };
  const send = (data: unknown, from = origin) => listeners.forEach((l) => l({ origin: from, data } as MessageEvent));
  return { win, posted, send };
}

test('reads ticket/agent from the URL and the key from the hash; calls the connector with X-Complaint-Desk-* headers', async () => {
  const { win } = fakeWindow('?ticket=12&locale=zh-TW&agent=Mei&role=supervisor', '#key=s3cret');
  const host = await createSandboxHost(win);
  expect(host.context).toMatchObject({ host: 'sandbox', ticketId: '12', agent: { name: 'Mei', role: 'supervisor', locale: 'zh-TW' } });
  expect(await host.getTicket()).toMatchObject({ id: '12', host: 'sandbox' });
  const res = await host.request('/api/v1/tickets/sandbox/12/evidence', { method: 'POST', body: { kind: 'note', description: 'x' } });
  expect(res).toMatchObject({ status: 201, body: { ok: true }, headers: { etag: '"e1"' } });
  const last = seen.at(-1)!;
  expect(last.headers).toMatchObject({
    'x-complaint-desk-key': 's3cret',
    'x-complaint-desk-agent': 'Mei',
    'x-complaint-desk-role': 'supervisor',
    'x-complaint-desk-locale': 'zh-TW',
    'content-type': 'application/json',
  });
  expect(JSON.parse(last.body)).toEqual({ kind: 'note', description: 'x' });
  await expect(host.request('/down')).rejects.toBeInstanceOf(ConnectorUnreachable);
});

test('postMessage contract: insert, resize, save guard answers with requestId; other origins are ignored', async () => {
  const { win, posted, send } = fakeWindow('?ticket=12', '#key=k');
  const host = await createSandboxHost(win);
  await host.insertIntoEditor('text');
  host.resize(100.4);
  host.onSaveGuard(async (tags) => (tags.includes('cd_malicious') ? 'no evidence' : null));
  send({ source: 'complaint-desk-host', type: 'ticket.save', requestId: 'r1', tags: ['cd_malicious'] });
  send({ source: 'complaint-desk-host', type: 'ticket.save', requestId: 'r2', tags: [] });
  send({ source: 'complaint-desk-host', type: 'ticket.save', requestId: 'evil', tags: [] }, 'http://evil.example');
  await new Promise((r) => setTimeout(r, 20));
  expect(posted).toEqual([
    { m: { source: 'complaint-desk', type: 'editor.insert', text: 'text' }, target: origin },
    { m: { source: 'complaint-desk', type: 'resize', height: 101 }, target: origin },
    { m: { source: 'complaint-desk', type: 'ticket.save.result', requestId: 'r1', ok: false, reason: 'no evidence' }, target: origin },
    { m: { source: 'complaint-desk', type: 'ticket.save.result', requestId: 'r2', ok: true }, target: origin },
  ]);
  let changed = 0;
  host.onTicketChanged(() => changed++);
  send({ source: 'complaint-desk-host', type: 'ticket.changed' });
  expect(changed).toBe(1);
});

test('a missing ?ticket= is a clear error', async () => {
  await expect(createSandboxHost(fakeWindow('', '').win)).rejects.toThrow(/\?ticket=ID/);
});

test('without #key in its URL, fetches a short-lived sidebar token and calls the connector with it', async () => {
  const tokenServer = http.createServer((req, res) => {
    if (req.url?.startsWith('/sandbox/api/sidebar-token?')) {
      const q = new URL(req.url, 'http://x').searchParams;
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: `tok-${q.get('agent')}-${q.get('role')}`, expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ auth: req.headers.authorization ?? null, key: req.headers['x-complaint-desk-key'] ?? null }));
  });
  await new Promise<void>((r) => tokenServer.listen(0, '127.0.0.1', () => r()));
  const o = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}`;
  try {
    const win: SandboxWindow = {
      location: { search: '?ticket=12&agent=Mei&role=supervisor', hash: '', origin: o },
      parent: { postMessage: () => undefined },
      addEventListener: () => undefined,
      fetch: (input, init) => fetch(new URL(String(input), o), init),
    };
    const host = await createSandboxHost(win);
    const res = await host.request('/api/v1/anything');
    expect(res.body).toEqual({ auth: 'Bearer tok-Mei-supervisor', key: null });
  } finally {
    await new Promise<void>((r) => tokenServer.close(() => r()));
  }
});
