/**
 * One contract for the Store interface (connector/src/store/store.ts), run against a real SQLite file and a
 * real PostgreSQL server: the same calls, the same answers. PostgreSQL tests skip (saying why) where no
 * server binaries are installed; .ci/run installs them and makes a skip a failure.
 */
import type { Store } from '../../../connector/src/store/store';
import { describeOnBothBackends, describeOnSchemasBefore, backendPerTest, type Backend } from './store-kit';
import { T, iso, event, change } from './store-contract-kit';

function contract(make: () => Promise<Backend>): void {
  let store: Store;
  backendPerTest(make, (b) => (store = b.store));

  it('inbox: duplicates are recognised; a claim hands out whole tickets, their events in inbox order', async () => {
    expect(await store.inbox.insert(event('1', 1))).toBe(true);
    expect(await store.inbox.insert(event('1', 1))).toBe(false);
    for (const [t, n] of [
      ['2', 1],
      ['1', 2],
      ['2', 2],
      ['1', 3],
    ] as const)
      await store.inbox.insert(event(t, n));
    expect(await store.inbox.depth()).toBe(5);
    const claims = await store.inbox.claim('A', T, 10_000);
    expect(claims.map((c) => [c.ticketId, c.rows.map((r) => r.eventId)])).toEqual([
      ['1', ['e-1-1', 'e-1-2', 'e-1-3']],
      ['2', ['e-2-1', 'e-2-2']],
    ]);
    expect(claims[0].until).toBe(T + 10_000);
    expect(claims[0].rows[0]).toMatchObject({
      host: 'zendesk',
      kind: 'comment.added',
      payload: { event: { kind: 'comment.added', n: 1 } },
      attempts: 0,
    });
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
    expect((await store.inbox.ofTicket('zendesk', '1')).map((r) => [r.state, r.attempts])).toEqual([
      ['done', 1],
      ['pending', 1],
    ]);
    await store.inbox.markFailed(c.rows[1].id, 'boom', 1, 2);
    expect((await store.inbox.ofTicket('zendesk', '1')).map((r) => r.state)).toEqual(['done', 'failed']);
    expect(await store.inbox.depth()).toBe(0);
    expect(await store.inbox.claim('B', T + 5000, 1000)).toEqual([]);
  });

  it('inbox: markDone with the lease releases it with the row, only when the row was done', async () => {
    await store.inbox.insert(event('1', 1));
    await store.inbox.insert(event('2', 1));
    const claims = await store.inbox.claim('A', T, 10_000);
    const [r1, r2] = claims.map((c) => c.rows[0]);
    // not A's lease: nothing released
    expect(await store.inbox.markDone(r1.id, 'v1', iso(T), { owner: 'B', host: 'zendesk', ticketId: '1' })).toBe(true);
    expect(await store.transaction((tx) => tx.inbox.holds('A', 'zendesk', '1', T + 1))).toBe(true);
    // a row done already: false, and the lease stays
    expect(await store.inbox.markDone(r1.id, 'v1', iso(T), { owner: 'A', host: 'zendesk', ticketId: '1' })).toBe(false);
    expect(await store.transaction((tx) => tx.inbox.holds('A', 'zendesk', '1', T + 1))).toBe(true);
    // done in a transaction that rolls back: the lease stays too
    await expect(
      store.transaction(async (tx) => {
        expect(await tx.inbox.markDone(r2.id, 'v1', iso(T), { owner: 'A', host: 'zendesk', ticketId: '2' })).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await store.inbox.insert(event('2', 2));
    expect(await store.inbox.claim('B', T + 1, 10_000)).toEqual([]);
    expect(await store.transaction((tx) => tx.inbox.markDone(r2.id, 'v1', iso(T), { owner: 'A', host: 'zendesk', ticketId: '2' }))).toBe(
      true,
    );
    // ticket 2's lease went with its row: B takes the ticket's next event at once; ticket 1 is still A's
    expect((await store.inbox.claim('B', T + 2, 10_000)).map((c) => [c.ticketId, c.rows.map((r) => r.eventId)])).toEqual([
      ['2', ['e-2-2']],
    ]);
  });

  it('transaction: all or nothing', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.inbox.insert(event('9', 1));
        await tx.outbox.add('zendesk', '9', change(1), iso(T), null);
        await tx.decisions.record('zendesk', '9', null, 'x', 'v1', iso(T));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
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

  it("outbox: the state of a cluster's create_ticket row", async () => {
    const id = await store.outbox.add(
      'zendesk',
      '1',
      { op: 'create_ticket', ticket: { subject: 'Batch B1', description: 'x', tags: [] } as never, clusterId: 42 },
      iso(T),
      null,
    );
    expect(await store.outbox.clusterCreateState(42)).toBe('pending');
    await store.outbox.markDone(id, iso(T), { id: '900' });
    expect(await store.outbox.clusterCreateState(42)).toBe('done');
    expect(await store.outbox.clusterCreateState(43)).toBeNull();
  });

  it('outbox and fetches: pending hosts, per-host stats, the tickets the connector created; reconcile lastSeen', async () => {
    expect(await store.outbox.pendingHosts()).toEqual([]);
    const a1 = await store.outbox.add('zendesk', '1', change(1), iso(T), null);
    await store.outbox.add('zendesk', '2', change(2), iso(T), null);
    const c = await store.outbox.add(
      'freshdesk',
      '3',
      { op: 'create_ticket', ticket: { kind: 'follow_up', subject: 'Call back', description: 'x', tags: [] } as never },
      iso(T),
      null,
    );
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
    expect(await store.fetches.due(T + 1000, 10, 'freshdesk')).toEqual([
      { host: 'freshdesk', ticketId: '9', attempts: 1, purpose: 'bootstrap' },
    ]);
    expect(await store.reconcile.lastSeen('freshdesk', '3')).toBe(T + 10);
    await store.inbox.insert(event('3', 50, 'freshdesk'));
    expect(await store.reconcile.lastSeen('freshdesk', '3')).toBe(T + 50);
    expect(await store.reconcile.lastSeen('freshdesk', '404')).toBeNull();
  });
}

describeOnBothBackends('Store contract', contract);
// Existing databases: created by the migrations before store/schema rendered them, then opened by today's code.
describeOnSchemasBefore('Store contract', contract);
