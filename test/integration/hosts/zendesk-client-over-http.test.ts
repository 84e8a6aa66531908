/** The Zendesk client against a stateful fake Zendesk over real HTTP on 127.0.0.1. */
import type { ZendeskClientOptions } from '../../../connector/src/hosts/zendesk/create-zendesk-client';
import { noteHasMarker } from '../../../connector/src/hosts/note-marker';
import { recorder, testPolicy } from '../../unit/connector/src/hosts/host-test-kit';
import { startFakeZendesk, type FakeZendesk } from './fake-zendesk-server';
import { fakeHostPerTest, ZENDESK_AUTH, zendeskOverHttp } from './over-http-kit';

const policy = testPolicy();
let host: FakeZendesk;

fakeHostPerTest(
  () => startFakeZendesk(ZENDESK_AUTH),
  (h) => {
    host = h;
    h.tickets.set(7, {
      id: 7,
      subject: 'Battery swelling',
      description: 'The battery is swollen',
      status: 'new',
      priority: null,
      tags: ['from_email'],
      group_id: null,
      custom_fields: [],
      requester_id: 70,
      updated_at: '2026-11-21T09:00:00Z',
      via: { channel: 'email' },
      created_at: '2026-11-21T08:59:00Z',
    });
    h.comments.set(7, [{ id: 1, author_id: 70, body: 'The battery is swollen', public: true, created_at: '2026-11-21T08:59:00Z' }]);
  },
);

/** A client with recorded sleeps, logs and metrics; `extra` overrides its options. */
function client(extra: Partial<ZendeskClientOptions> = {}) {
  const r = recorder();
  const zd = zendeskOverHttp({
    subdomain: 'unused',
    baseUrl: host.url,
    getPolicy: () => policy,
    queue: { intervalCap: 100, interval: 1000 },
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
    sleep: r.sleep,
    random: () => 0.5,
    logger: r.logger,
    metrics: r.metrics,
    ...extra,
  });
  return { zd, r };
}

/** The creation tests' client: three quick attempts, no waiting. */
const creator = () =>
  client({ subdomain: 'acme', retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, sleep: async () => undefined }).zd;

const note = { body: 'Safety signal: escalated to the senior team.', marker: 'cd:7:evt-1:classification' };

it('an agent edit between our read and our write costs one 409 and loses neither side', async () => {
  const { zd } = client();
  const t = await zd.getTicket('7');
  expect(t.status).toBe('new');
  host.touch(7, (tk) => tk.tags.push('agent_vip'));
  await zd.applyChange('7', {
    addTags: ['cd_sev_l1', 'cd_sig_safety'],
    priority: 'urgent',
    group: 'senior',
    fields: { product_batch: 'B1' },
    note,
  });
  const after = host.tickets.get(7)!;
  expect(after.tags).toEqual(['from_email', 'agent_vip', 'cd_sev_l1', 'cd_sig_safety']);
  expect(after.priority).toBe('urgent');
  expect(after.group_id).toBe(360001);
  expect(after.custom_fields).toEqual([{ id: 27642, value: 'B1' }]);
  expect(host.comments.get(7)!.filter((c) => noteHasMarker(c.body, note.marker))).toHaveLength(1);
  expect(host.log.map((l) => `${l.method} ${l.status}`)).toEqual(['GET 200', 'GET 200', 'PUT 409', 'GET 200', 'PUT 200']);
});

it('a write that committed but answered 500 is not repeated: the note marker proves it landed', async () => {
  const { zd } = client();
  host.faults.push({ method: 'PUT', path: '/api/v2/tickets/7.json', kind: '500-after-commit' });
  await zd.applyChange('7', { status: 'open', note });
  expect(host.comments.get(7)!.filter((c) => noteHasMarker(c.body, note.marker))).toHaveLength(1);
  expect(host.log.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
    'PUT /api/v2/tickets/7.json 500',
    'GET /api/v2/tickets/7/comments.json 200',
  ]);

  await zd.applyChange('7', { status: 'open', note }, { retry: true });
  expect(host.comments.get(7)!.filter((c) => noteHasMarker(c.body, note.marker))).toHaveLength(1);
});

it('429 with Retry-After is waited out and the call goes through once', async () => {
  const { zd, r } = client();
  host.faults.push({ method: 'PUT', path: '/api/v2/tickets/7.json', kind: '429', retryAfter: '3' });
  await zd.applyChange('7', { priority: 'high', status: 'on_hold' });
  expect(r.sleeps).toEqual([3000]);
  expect(host.tickets.get(7)).toMatchObject({ priority: 'high', status: 'hold' });
  expect(host.log.map((l) => l.status)).toEqual([429, 200]);
});

it('a wrong token is a permanent failure, not retried', async () => {
  const { zd: bad } = client({ subdomain: 'x', apiToken: 'wrong' });
  await expect(bad.applyChange('7', { priority: 'low' })).rejects.toMatchObject({ code: 'permanent', status: 401 });
  expect(host.log).toHaveLength(1);
});

it('a creation that committed but answered 502 is found by external_id: one ticket, also after a retry', async () => {
  const zd = creator();
  const input = {
    kind: 'problem' as const,
    subject: 'Batch B9',
    body: 'Cluster of 3 "kettles".',
    tags: ['cd_cluster'],
    idempotencyKey: 'cd:zendesk:7:evt-5:cluster',
  };
  host.faults.push({ method: 'POST', path: '/api/v2/tickets.json', kind: '500-after-commit' });
  const first = await zd.createTicket(input, { retry: false });
  expect(await zd.createTicket(input, { retry: true })).toEqual(first);
  expect([...host.tickets.values()].filter((t) => (t as any).external_id === 'complaint-desk:cd:zendesk:7:evt-5:cluster')).toHaveLength(1);
  expect(host.log.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
    'POST /api/v2/tickets.json 502',
    'GET /api/v2/tickets.json 200',
    'GET /api/v2/tickets.json 200',
  ]);
});

it('sends Idempotency-Key on creation: a committed creation is not duplicated even when the external_id listing lags', async () => {
  const zd = creator();
  const input = {
    kind: 'problem' as const,
    subject: 'Batch B9',
    body: 'Cluster of 3 kettles.',
    tags: ['cd_cluster'],
    idempotencyKey: 'cd:zendesk:7:evt-6:cluster',
  };
  host.faults.push({ method: 'POST', path: '/api/v2/tickets.json', kind: '500-after-commit' });
  host.faults.push({ method: 'GET', path: '/api/v2/tickets.json', kind: 'list-lags' });
  const created = await zd.createTicket(input, { retry: false });
  const mine = [...host.tickets.values()].filter((t) => (t as any).external_id === 'complaint-desk:cd:zendesk:7:evt-6:cluster');
  expect(mine).toHaveLength(1);
  expect(created).toEqual({ id: String(mine[0].id) });
  const posts = host.log.filter((l) => l.method === 'POST');
  expect(posts.map((p) => p.idempotencyKey)).toEqual([
    'complaint-desk:cd:zendesk:7:evt-6:cluster',
    'complaint-desk:cd:zendesk:7:evt-6:cluster',
  ]);
});
