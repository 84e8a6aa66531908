/**
 * One contract for the Store interface (connector/src/store/store.ts), run against a real SQLite file and a
 * real PostgreSQL server: the same calls, the same answers. PostgreSQL tests skip (saying why) where no
 * server binaries are installed; .ci/run installs them and makes a skip a failure.
 */
import { verifyBundle } from '../../../connector/src/evidence/verify-bundle';
import { BUNDLE_FORMAT } from '../../../connector/src/evidence/evidence-types';
import type { Store } from '../../../connector/src/store/store';
import { projection } from '../../fixtures/connector-core/projection';
import { loadPolicy } from '../../support/test-policy';
import { describeOnBothBackends, describeOnSchemasBefore, type Backend } from './store-kit';

const T = Date.parse('2026-11-23T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const event = (ticketId: string, n: number, host = 'zendesk') => ({
  host, eventId: `e-${ticketId}-${n}`, ticketId, kind: 'comment.added', occurredAt: iso(T + n), receivedAt: iso(T + n), payload: { event: { kind: 'comment.added', n } },
});
/**
 * The message a promise rejects with. better-sqlite3's native part keeps the SqliteError class of the first test
 * file that loaded it in a Jest worker, so in later files its errors are not `instanceof Error` there and
 * `rejects.toThrow` reports "did not throw"; compare the message instead.
 */
const failure = (p: Promise<unknown>) => p.then(() => 'resolved without an error', (e: unknown) => String((e as { message?: unknown })?.message ?? e));
const change = (n: number) => ({ op: 'apply_change' as const, change: { addTags: [`t${n}`] } });

function contract(make: () => Promise<Backend>): void {
  let b: Backend;
  let store: Store;
  beforeEach(async () => {
    b = await make();
    store = b.store;
  });
  afterEach(() => b.close());

  it('inbox: duplicates are recognised; a claim hands out whole tickets, their events in inbox order', async () => {
    expect(await store.inbox.insert(event('1', 1))).toBe(true);
    expect(await store.inbox.insert(event('1', 1))).toBe(false);
    for (const [t, n] of [['2', 1], ['1', 2], ['2', 2], ['1', 3]] as const) await store.inbox.insert(event(t, n));
    expect(await store.inbox.depth()).toBe(5);
    const claims = await store.inbox.claim('A', T, 10_000);
    expect(claims.map((c) => [c.ticketId, c.rows.map((r) => r.eventId)])).toEqual([
      ['1', ['e-1-1', 'e-1-2', 'e-1-3']],
      ['2', ['e-2-1', 'e-2-2']],
    ]);
    expect(claims[0].until).toBe(T + 10_000);
    expect(claims[0].rows[0]).toMatchObject({ host: 'zendesk', kind: 'comment.added', payload: { event: { kind: 'comment.added', n: 1 } }, attempts: 0 });
  });

  it('inbox: a leased ticket is not handed to another owner until the lease expires; then it is taken over', async () => {
    await store.inbox.insert(event('1', 1));
    await store.inbox.insert(event('2', 1));
    expect((await store.inbox.claim('A', T, 1000, 1)).map((c) => c.ticketId)).toEqual(['1']);
    const [mine] = await store.inbox.claim('B', T + 10, 1000);
    expect(mine.ticketId).toBe('2');
    expect(await store.inbox.markDone(mine.rows[0].id, 'v1', iso(T + 10))).toBe(true);
    expect(await store.inbox.claim('B', T + 999, 1000)).toEqual([]);
    // A is stuck: its lease runs out and B takes ticket 1 over
    const taken = await store.inbox.claim('B', T + 1000, 1000);
    expect(taken.map((c) => c.ticketId)).toEqual(['1']);
    expect(await store.transaction((tx) => tx.inbox.holds('A', 'zendesk', '1', T + 1001))).toBe(false);
    expect(await store.transaction((tx) => tx.inbox.holds('B', 'zendesk', '1', T + 1001))).toBe(true);
    // renew keeps it; release frees it for anyone
    expect(await store.inbox.renew('A', 'zendesk', '1', T + 9000)).toBe(false);
    expect(await store.inbox.renew('B', 'zendesk', '1', T + 9000)).toBe(true);
    expect(await store.inbox.claim('A', T + 5000, 1000)).toEqual([]);
    await store.inbox.release('B', 'zendesk', '1');
    expect((await store.inbox.claim('A', T + 5000, 1000)).map((c) => c.ticketId)).toEqual(['1']);
  });

  it('inbox: markDone once per row; a failed row is retried, then kept as failed', async () => {
    await store.inbox.insert(event('1', 1));
    await store.inbox.insert(event('1', 2));
    const [c] = await store.inbox.claim('A', T, 1000);
    expect(await store.inbox.markDone(c.rows[0].id, 'v1', iso(T))).toBe(true);
    expect(await store.inbox.markDone(c.rows[0].id, 'v1', iso(T))).toBe(false);
    await store.inbox.markFailed(c.rows[1].id, 'boom', 0, 2);
    expect((await store.inbox.ofTicket('zendesk', '1')).map((r) => [r.state, r.attempts])).toEqual([['done', 1], ['pending', 1]]);
    await store.inbox.markFailed(c.rows[1].id, 'boom', 1, 2);
    expect((await store.inbox.ofTicket('zendesk', '1')).map((r) => r.state)).toEqual(['done', 'failed']);
    expect(await store.inbox.depth()).toBe(0);
    expect(await store.inbox.claim('B', T + 5000, 1000)).toEqual([]);
  });

  it('transaction: all or nothing', async () => {
    await expect(store.transaction(async (tx) => {
      await tx.inbox.insert(event('9', 1));
      await tx.outbox.add('zendesk', '9', change(1), iso(T), null);
      await tx.decisions.record('zendesk', '9', null, 'x', 'v1', iso(T));
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await store.inbox.depth()).toBe(0);
    expect(await store.outbox.counts()).toEqual({ pending: 0, done: 0, parked: 0 });
    expect(await store.decisions.list('zendesk', '9')).toEqual([]);
    const id = await store.transaction(async (tx) => tx.outbox.add('zendesk', '9', change(1), iso(T), null));
    expect(id).toBeGreaterThan(0);
    expect((await store.outbox.counts()).pending).toBe(1);
  });

  it('outbox: only the head row of a ticket is handed out, to one owner, when due; order holds through retries', async () => {
    const a1 = await store.outbox.add('zendesk', '1', change(1), iso(T), null);
    const a2 = await store.outbox.add('zendesk', '1', change(2), iso(T), null);
    const b1 = await store.outbox.add('freshdesk', '2', change(3), iso(T), null);
    expect((await store.outbox.claimHeads('A', T, 1000, 10)).map((r) => r.id)).toEqual([a1, b1]);
    expect(await store.outbox.claimHeads('B', T + 1, 1000, 10)).toEqual([]);
    // a retry later: the row stays the head; nothing of that ticket goes out before its time
    await store.outbox.startAttempt(a1);
    await store.outbox.reschedule(a1, T + 5000, 'rate_limited', 'Retry-After 5');
    expect(await store.outbox.claimHeads('B', T + 10, 1000, 10)).toEqual([]);
    const [again] = await store.outbox.claimHeads('B', T + 5000, 1000, 10, 'zendesk');
    expect(again).toMatchObject({ id: a1, attempts: 1, nextAttemptAt: T + 5000, payload: change(1) });
    await store.outbox.markDone(a1, iso(T + 5001));
    expect((await store.outbox.claimHeads('B', T + 5002, 1000, 10, 'zendesk')).map((r) => r.id)).toEqual([a2]);
    // A's claim on b1 expired: B may take it over
    expect((await store.outbox.claimHeads('B', T + 5002, 1000, 10, 'freshdesk')).map((r) => r.id)).toEqual([b1]);
    await store.outbox.park(b1, 'permanent', 'HTTP 422');
    expect(await store.outbox.counts()).toEqual({ pending: 1, done: 1, parked: 1 });
  });

  it('outbox: the claim holder renews its claim while its call is in flight; nobody else can', async () => {
    const id = await store.outbox.add('zendesk', '1', change(1), iso(T), null);
    expect((await store.outbox.claimHeads('A', T, 1000, 10)).map((r) => r.id)).toEqual([id]);
    expect(await store.outbox.renewClaim('B', id, T + 9000)).toBe(false);
    expect(await store.outbox.renewClaim('A', id, T + 5000)).toBe(true);
    expect(await store.outbox.claimHeads('B', T + 2000, 1000, 10)).toEqual([]);
    expect((await store.outbox.claimHeads('B', T + 5000, 1000, 10)).map((r) => r.id)).toEqual([id]);
    expect(await store.outbox.renewClaim('A', id, T + 9000)).toBe(false);
  });

  it('outbox: the state of a cluster\'s create_ticket row', async () => {
    const id = await store.outbox.add('zendesk', '1', { op: 'create_ticket', ticket: { subject: 'Batch B1', description: 'x', tags: [] } as never, clusterId: 42 }, iso(T), null);
    expect(await store.outbox.clusterCreateState(42)).toBe('pending');
    await store.outbox.markDone(id, iso(T), { id: '900' });
    expect(await store.outbox.clusterCreateState(42)).toBe('done');
    expect(await store.outbox.clusterCreateState(43)).toBeNull();
  });

  it('outbox and fetches: pending hosts, per-host stats, the tickets the connector created; reconcile lastSeen', async () => {
    expect(await store.outbox.pendingHosts()).toEqual([]);
    const a1 = await store.outbox.add('zendesk', '1', change(1), iso(T), null);
    await store.outbox.add('zendesk', '2', change(2), iso(T), null);
    const c = await store.outbox.add('freshdesk', '3', { op: 'create_ticket', ticket: { kind: 'follow_up', subject: 'Call back', description: 'x', tags: [] } as never }, iso(T), null);
    await store.outbox.startAttempt(a1);
    await store.outbox.reschedule(a1, T + 5000, 'network', 'reset');
    await store.outbox.markDone(c, iso(T + 10), { id: '777' });
    expect((await store.outbox.pendingHosts()).sort()).toEqual(['zendesk']);
    expect(await store.outbox.statsByHost()).toEqual([{ host: 'zendesk', pending: 2, retrying: 1, parked: 0 }]);
    expect(await store.outbox.findCreated('freshdesk', '777')).toEqual({ aboutTicketId: '3', kind: 'follow_up' });
    expect(await store.outbox.findCreated('zendesk', '777')).toBeNull();
    await store.fetches.request('freshdesk', '9', iso(T));
    expect(await store.fetches.pendingHosts()).toEqual(['freshdesk']);
    expect(await store.fetches.pendingCount()).toBe(1);
    // one process takes the due fetch for an attempt; another finds it taken until the claim runs out
    expect(await store.fetches.claimAttempt('freshdesk', '9', T, T + 1000)).toBe(true);
    expect(await store.fetches.claimAttempt('freshdesk', '9', T + 10, T + 2000)).toBe(false);
    expect(await store.fetches.due(T + 10, 10, 'freshdesk')).toEqual([]);
    expect(await store.fetches.due(T + 1000, 10, 'freshdesk')).toEqual([{ host: 'freshdesk', ticketId: '9', attempts: 1, purpose: 'bootstrap' }]);
    expect(await store.reconcile.lastSeen('freshdesk', '3')).toBe(T + 10);
    await store.inbox.insert(event('3', 50, 'freshdesk'));
    expect(await store.reconcile.lastSeen('freshdesk', '3')).toBe(T + 50);
    expect(await store.reconcile.lastSeen('freshdesk', '404')).toBeNull();
  });

  it('timers: replace cancels and schedules; fireDue fires each due timer once, as an inbox event', async () => {
    await store.timers.replace('zendesk', '1', [], [{ kind: 'sla_warning', dueAt: T + 100 }, { kind: 'sla_breach', dueAt: T + 200, data: { clock: 'resolve' } }], iso(T));
    await store.timers.replace('zendesk', '2', [], [{ kind: 'sla_breach', dueAt: T + 50 }], iso(T));
    await store.timers.replace('zendesk', '2', ['sla_breach'], [], iso(T + 1));
    expect((await store.timers.active('zendesk', '1')).map((t) => [t.kind, t.dueAt, t.data])).toEqual([['sla_warning', T + 100, {}], ['sla_breach', T + 200, { clock: 'resolve' }]]);
    expect(await store.timers.active('zendesk', '2')).toEqual([]);
    expect(await store.timers.nextDueAt()).toBe(T + 100);
    expect(await store.timers.countDue(T + 150)).toBe(1);
    expect((await store.timers.fireDue(T + 150)).map((t) => t.kind)).toEqual(['sla_warning']);
    expect(await store.timers.fireDue(T + 150)).toEqual([]);
    const fired = await store.timers.fireDue(T + 300);
    expect(fired.map((t) => t.kind)).toEqual(['sla_breach']);
    const rows = await store.inbox.ofTicket('zendesk', '1');
    expect(rows.map((r) => [r.kind, r.eventId.startsWith('timer:'), r.occurredAt, (r.payload as { event: { timer: string } }).event.timer]))
      .toEqual([['timer.fired', true, iso(T + 100), 'sla_warning'], ['timer.fired', true, iso(T + 200), 'sla_breach']]);
    // a fired timer is not re-armed by scheduling the same plan again
    await store.timers.replace('zendesk', '1', [], [{ kind: 'sla_warning', dueAt: T + 100 }], iso(T + 400));
    expect(await store.timers.fireDue(T + 500)).toEqual([]);
  });

  it('tickets, decisions, clusters and fetches round-trip', async () => {
    const policy = loadPolicy();
    const p = { ...projection(policy, { id: '77' }), batch: 'B1', policyVersion: 'v1' };
    await store.tickets.save(p);
    expect(await store.tickets.get('zendesk', '77')).toEqual(p);
    await store.tickets.save({ ...p, status: 'solved', tags: ['x'] });
    expect(await store.tickets.get('zendesk', '77')).toMatchObject({ status: 'solved', tags: ['x'] });
    expect(await store.tickets.get('zendesk', '78')).toBeNull();
    expect(await store.tickets.countByRequester('zendesk', p.requesterId!, iso(T - 1))).toBe(1);
    expect(await store.tickets.idsByBatch('zendesk', 'B1', iso(T - 1))).toEqual(['77']);
    await store.tickets.save({ ...p, id: '79', subject: 'Second', createdAt: iso(T + 60_000) });
    expect(await store.tickets.recentByRequester('zendesk', p.requesterId!, iso(T - 1), 5)).toEqual([
      { host: 'zendesk', ticketId: '79', subject: 'Second', createdAt: iso(T + 60_000), category: p.category, severity: p.severity },
      { host: 'zendesk', ticketId: '77', subject: p.subject, createdAt: p.createdAt, category: p.category, severity: p.severity },
    ]);
    expect(await store.tickets.recentByRequester('zendesk', p.requesterId!, iso(T + 1), 5)).toHaveLength(1);

    await store.decisions.record('zendesk', '77', null, 'classified', 'v1', iso(T), { category: 'safety' });
    expect((await store.decisions.list('zendesk', '77')).map((d) => [d.kind, d.policyVersion, d.data])).toEqual([['classified', 'v1', { category: 'safety' }]]);

    const cid = await store.clusters.create('zendesk', 'B1', ['77'], iso(T));
    await store.clusters.addMember(cid, '78');
    await store.clusters.addMember(cid, '78');
    await store.clusters.setProblem(cid, '900');
    expect(await store.clusters.byBatch('zendesk', 'B1')).toMatchObject({ id: cid, members: ['77', '78'], problemTicketId: '900' });
    expect(await store.clusters.byId(cid + 1000)).toBeNull();

    await store.fetches.request('zendesk', '55', iso(T));
    await store.fetches.request('zendesk', '55', iso(T));
    expect(await store.fetches.due(T)).toEqual([{ host: 'zendesk', ticketId: '55', attempts: 0, purpose: 'bootstrap' }]);
    await store.fetches.startAttempt('zendesk', '55');
    await store.fetches.reschedule('zendesk', '55', T + 1000, 'network');
    expect(await store.fetches.due(T + 999)).toEqual([]);
    expect((await store.fetches.due(T + 1000))[0].attempts).toBe(1);
    expect(await store.fetches.due(T + 1000, 10, 'freshdesk')).toEqual([]);
    expect(await store.fetches.due(T + 1000, 10, 'zendesk')).toHaveLength(1);
    await store.fetches.done('zendesk', '55');
    expect(await store.fetches.due(T + 5000)).toEqual([]);
    // a refresh re-arms a finished row as a refresh; a pending bootstrap stays a bootstrap
    await store.fetches.refresh('zendesk', '55', iso(T + 6000));
    expect(await store.fetches.due(T + 6000)).toEqual([{ host: 'zendesk', ticketId: '55', attempts: 0, purpose: 'refresh' }]);
    await store.fetches.request('zendesk', '56', iso(T));
    await store.fetches.refresh('zendesk', '56', iso(T + 6000));
    expect((await store.fetches.due(T + 6000)).find((f) => f.ticketId === '56')?.purpose).toBe('bootstrap');
  });

  it('evidence: a valid hash chain; frozen means frozen; the database refuses edits and deletes', async () => {
    for (let i = 0; i < 3; i++) await store.evidence.append('zendesk', '1', { type: 'comment', at: iso(T + i), data: { id: `c${i}`, author: 'customer', body: '…' } });
    const f = await store.evidence.freeze('zendesk', '1', 'agent:5', iso(T + 10));
    expect(f).toMatchObject({ seq: 4, alreadyFrozen: false });
    expect(await store.evidence.freeze('zendesk', '1', 'agent:5', iso(T + 11))).toEqual({ ...f, alreadyFrozen: true });
    await expect(store.evidence.append('zendesk', '1', { type: 'item', at: iso(T + 12), data: { kind: 'photo' } })).rejects.toThrow(/frozen/);
    const entries = await store.evidence.entries('zendesk', '1');
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const bundle = { format: BUNDLE_FORMAT, hashScheme: 'rfc8785-sha256' as const, host: 'zendesk', ticketId: '1', exportedAt: iso(T), frozen: true, frozenAt: iso(T + 10), headHash: entries[3].hash, entries };
    expect(verifyBundle(bundle)).toEqual({ ok: true, entries: 4 });
    // a second connection sees the 4 committed entries, and cannot change them
    expect((await b.raw(`SELECT COUNT(*) AS n FROM evidence_entries WHERE host = 'zendesk' AND ticket_id = '1'`)).map((r) => Number((r as { n: unknown }).n))).toEqual([4]);
    expect(await failure(b.raw(`UPDATE evidence_entries SET data = '{}' WHERE host = 'zendesk' AND ticket_id = '1' AND seq = 2`))).toMatch(/append-only/);
    expect(await failure(b.raw(`DELETE FROM evidence_entries WHERE seq = 4`))).toMatch(/append-only/);
    expect(await failure(b.raw(`INSERT INTO evidence_entries (host, ticket_id, seq, type, at, by, data, prev_hash, hash)
      VALUES ('zendesk', '2', 2, 'event', '${iso(T)}', NULL, '{}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`))).toMatch(/does not continue the chain/);
    expect((await store.evidence.entries('zendesk', '1')).length).toBe(4);
  });

  it('ping answers while the database is open', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
}

describeOnBothBackends('Store contract', contract);
// Existing databases: created by the migrations before store/schema rendered them, then opened by today's code.
describeOnSchemasBefore('Store contract', contract);
