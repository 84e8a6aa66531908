/**
 * The Store contract (store-contract.test.ts), second half: timers, ticket projections, decisions, clusters, fetches,
 * evidence and ping, on a real SQLite file and a real PostgreSQL server (skipped, saying why, without the binaries).
 */
import { verifyBundle } from '../../../connector/src/evidence/verify-bundle';
import { BUNDLE_FORMAT } from '../../../connector/src/evidence/evidence-types';
import type { Store } from '../../../connector/src/store/store';
import { projection } from '../../fixtures/connector-core/projection';
import { loadPolicy } from '../../support/test-policy';
import { describeOnBothBackends, describeOnSchemasBefore, type Backend } from './store-kit';
import { T, iso, failure, change } from './store-contract-kit';
import { factRowOf } from '../../../connector/src/admin/store-facts-updater';

function contract(make: () => Promise<Backend>): void {
  let b: Backend;
  let store: Store;
  beforeEach(async () => {
    b = await make();
    store = b.store;
  });
  afterEach(() => b.close());

  it('timers: replace cancels and schedules; fireDue fires each due timer once, as an inbox event', async () => {
    await store.timers.replace(
      'zendesk',
      '1',
      [],
      [
        { kind: 'sla_warning', dueAt: T + 100 },
        { kind: 'sla_breach', dueAt: T + 200, data: { clock: 'resolve' } },
      ],
      iso(T),
    );
    await store.timers.replace('zendesk', '2', [], [{ kind: 'sla_breach', dueAt: T + 50 }], iso(T));
    await store.timers.replace('zendesk', '2', ['sla_breach'], [], iso(T + 1));
    expect((await store.timers.active('zendesk', '1')).map((t) => [t.kind, t.dueAt, t.data])).toEqual([
      ['sla_warning', T + 100, {}],
      ['sla_breach', T + 200, { clock: 'resolve' }],
    ]);
    expect(await store.timers.active('zendesk', '2')).toEqual([]);
    expect(await store.timers.nextDueAt()).toBe(T + 100);
    expect(await store.timers.countDue(T + 150)).toBe(1);
    expect((await store.timers.fireDue(T + 150)).map((t) => t.kind)).toEqual(['sla_warning']);
    expect(await store.timers.fireDue(T + 150)).toEqual([]);
    const fired = await store.timers.fireDue(T + 300);
    expect(fired.map((t) => t.kind)).toEqual(['sla_breach']);
    const rows = await store.inbox.ofTicket('zendesk', '1');
    expect(
      rows.map((r) => [r.kind, r.eventId.startsWith('timer:'), r.occurredAt, (r.payload as { event: { timer: string } }).event.timer]),
    ).toEqual([
      ['timer.fired', true, iso(T + 100), 'sla_warning'],
      ['timer.fired', true, iso(T + 200), 'sla_breach'],
    ]);
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
    expect((await store.decisions.list('zendesk', '77')).map((d) => [d.kind, d.policyVersion, d.data])).toEqual([
      ['classified', 'v1', { category: 'safety' }],
    ]);

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
    for (let i = 0; i < 3; i++)
      await store.evidence.append('zendesk', '1', {
        type: 'comment',
        at: iso(T + i),
        data: { id: `c${i}`, author: 'customer', body: '…' },
      });
    const f = await store.evidence.freeze('zendesk', '1', 'agent:5', iso(T + 10));
    expect(f).toMatchObject({ seq: 4, alreadyFrozen: false });
    expect(await store.evidence.freeze('zendesk', '1', 'agent:5', iso(T + 11))).toEqual({ ...f, alreadyFrozen: true });
    await expect(store.evidence.append('zendesk', '1', { type: 'item', at: iso(T + 12), data: { kind: 'photo' } })).rejects.toThrow(
      /frozen/,
    );
    const entries = await store.evidence.entries('zendesk', '1');
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const bundle = {
      format: BUNDLE_FORMAT,
      hashScheme: 'rfc8785-sha256' as const,
      host: 'zendesk',
      ticketId: '1',
      exportedAt: iso(T),
      frozen: true,
      frozenAt: iso(T + 10),
      headHash: entries[3].hash,
      entries,
    };
    expect(verifyBundle(bundle)).toEqual({ ok: true, entries: 4 });
    // a second connection sees the 4 committed entries, and cannot change them
    expect(
      (await b.raw(`SELECT COUNT(*) AS n FROM evidence_entries WHERE host = 'zendesk' AND ticket_id = '1'`)).map((r) =>
        Number((r as { n: unknown }).n),
      ),
    ).toEqual([4]);
    expect(await failure(b.raw(`UPDATE evidence_entries SET data = '{}' WHERE host = 'zendesk' AND ticket_id = '1' AND seq = 2`))).toMatch(
      /append-only/,
    );
    expect(await failure(b.raw(`DELETE FROM evidence_entries WHERE seq = 4`))).toMatch(/append-only/);
    expect(
      await failure(
        b.raw(`INSERT INTO evidence_entries (host, ticket_id, seq, type, at, by, data, prev_hash, hash)
      VALUES ('zendesk', '2', 2, 'event', '${iso(T)}', NULL, '{}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`),
      ),
    ).toMatch(/does not continue the chain/);
    expect((await store.evidence.entries('zendesk', '1')).length).toBe(4);
  });

  it('evidence: appendUnlessFrozen appends a batch in order on one chain, inside a transaction too; nothing once frozen', async () => {
    await store.evidence.append('zendesk', '5', { type: 'comment', at: iso(T), data: { id: 'c0' } });
    const added = await store.evidence.appendUnlessFrozen('zendesk', '5', [
      { type: 'event', at: iso(T + 1), data: { kind: 'ticket.created', text: 'Zoë said "hi" ☕' } },
      { type: 'item', at: iso(T + 2), by: 'agent:5', data: { kind: 'photo', nested: { seq: 9 } } },
    ]);
    const inTx = await store.transaction((tx) =>
      tx.evidence.appendUnlessFrozen('zendesk', '5', [{ type: 'review', at: iso(T + 3), by: 'agent:6', data: { ok: true } }]),
    );
    expect(await store.evidence.appendUnlessFrozen('zendesk', '5', [])).toEqual([]);
    const entries = await store.evidence.entries('zendesk', '5');
    expect([...added!, ...inTx!]).toEqual(entries.slice(1).map((e) => ({ seq: e.seq, hash: e.hash })));
    expect(entries.map((e) => [e.seq, e.type, e.by])).toEqual([
      [1, 'comment', null],
      [2, 'event', null],
      [3, 'item', 'agent:5'],
      [4, 'review', 'agent:6'],
    ]);
    const bundle = (n: number, frozen: boolean) => ({
      format: BUNDLE_FORMAT,
      hashScheme: 'rfc8785-sha256' as const,
      host: 'zendesk',
      ticketId: '5',
      exportedAt: iso(T),
      frozen,
      frozenAt: frozen ? iso(T + 10) : null,
      headHash: entries[n - 1].hash,
      entries: entries.slice(0, n),
    });
    expect(verifyBundle(bundle(4, false))).toEqual({ ok: true, entries: 4 });
    await store.evidence.freeze('zendesk', '5', 'agent:5', iso(T + 10));
    expect(await store.evidence.appendUnlessFrozen('zendesk', '5', [{ type: 'event', at: iso(T + 11), data: {} }])).toBeNull();
    expect((await store.evidence.entries('zendesk', '5')).map((e) => e.type)).toEqual(['comment', 'event', 'item', 'review', 'freeze']);
    // a bad entry type is refused before anything is written
    await expect(
      store.evidence.appendUnlessFrozen('zendesk', '6', [
        { type: 'event', at: iso(T), data: {} },
        { type: 'nope' as 'event', at: iso(T), data: {} },
      ]),
    ).rejects.toThrow(/entry.type must be one of/);
    expect(await store.evidence.entries('zendesk', '6')).toEqual([]);
  });

  it('decisions: recordAll keeps the order, data and inbox ids; nothing for an empty list; rolled back with its transaction', async () => {
    await store.inbox.insert({
      host: 'zendesk',
      eventId: 'd-1',
      ticketId: '8',
      kind: 'ticket.created',
      occurredAt: iso(T),
      receivedAt: iso(T),
      payload: {},
    });
    const [c] = await store.inbox.claim('A', T, 1000);
    await store.decisions.recordAll([]);
    await store.decisions.recordAll(
      ['classified', 'sla_started', 'dispatched', 'ack_sent', 'triaged'].map((kind, i) => ({
        host: 'zendesk',
        ticketId: '8',
        inboxId: i === 1 ? null : c.rows[0].id,
        kind,
        policyVersion: 'v2',
        at: iso(T + i),
        data: i === 0 ? undefined : { i, text: 'Zoë' },
      })),
    );
    await expect(
      store.transaction(async (tx) => {
        await tx.decisions.recordAll([{ host: 'zendesk', ticketId: '8', inboxId: null, kind: 'gone', policyVersion: 'v2', at: iso(T) }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const list = await store.decisions.list('zendesk', '8');
    expect(list.map((d) => [d.kind, d.policyVersion, d.at, d.data])).toEqual([
      ['classified', 'v2', iso(T), {}],
      ['sla_started', 'v2', iso(T + 1), { i: 1, text: 'Zoë' }],
      ['dispatched', 'v2', iso(T + 2), { i: 2, text: 'Zoë' }],
      ['ack_sent', 'v2', iso(T + 3), { i: 3, text: 'Zoë' }],
      ['triaged', 'v2', iso(T + 4), { i: 4, text: 'Zoë' }],
    ]);
    expect(list.map((d) => d.id)).toEqual([...list.map((d) => d.id)].sort((x, y) => x - y));
  });

  it('timers: replace cancels several kinds at once and schedules several plans (one given twice) at once', async () => {
    await store.timers.replace(
      'zendesk',
      '3',
      [],
      [
        { kind: 'sla_warning', dueAt: T + 100 },
        { kind: 'sla_breach', dueAt: T + 200 },
      ],
      iso(T),
    );
    await store.timers.replace(
      'zendesk',
      '3',
      ['sla_warning', 'sla_breach'],
      [
        { kind: 'sla_warning', dueAt: T + 300, data: { n: 1 } },
        { kind: 'sla_breach', dueAt: T + 200 },
        { kind: 'sla_warning', dueAt: T + 300, data: { n: 1 } },
      ],
      iso(T + 1),
    );
    expect((await store.timers.active('zendesk', '3')).map((t) => [t.kind, t.dueAt, t.data])).toEqual([
      ['sla_breach', T + 200, {}],
      ['sla_warning', T + 300, { n: 1 }],
    ]);
    expect(await store.timers.countDue(T + 1000)).toBe(2);
  });

  it('a transaction reads its own writes back, and its writes commit or roll back together (PostgreSQL: written behind)', async () => {
    const policy = loadPolicy();
    const p = { ...projection(policy, { id: '90' }), batch: 'B9', policyVersion: 'v1' };
    await store.timers.replace('zendesk', '90', [], [{ kind: 'sla_warning', dueAt: T + 100 }], iso(T));
    const seen = await store.transaction(async (tx) => {
      await tx.tickets.save(p);
      await tx.decisions.recordAll([
        { host: 'zendesk', ticketId: '90', inboxId: null, kind: 'classified', policyVersion: 'v1', at: iso(T) },
      ]);
      await tx.outbox.enqueue('zendesk', '90', change(1), iso(T), null);
      await tx.timers.replace('zendesk', '90', ['sla_warning'], [], iso(T + 1));
      await tx.facts.upsert(factRowOf(p, policy, T));
      return {
        batch: await tx.tickets.idsByBatch('zendesk', 'B9', iso(T - 1)),
        requester: await tx.tickets.countByRequester('zendesk', p.requesterId!, iso(T - 1)),
        decisions: (await tx.decisions.list('zendesk', '90')).map((d) => d.kind),
        outbox: (await tx.outbox.counts()).pending,
        timers: await tx.timers.active('zendesk', '90'),
        facts: (await tx.facts.get('zendesk', '90'))?.ticketId,
      };
    });
    expect(seen).toEqual({ batch: ['90'], requester: 1, decisions: ['classified'], outbox: 1, timers: [], facts: '90' });
    expect(await store.tickets.get('zendesk', '90')).toEqual(p);
    // a failing write fails its transaction, whichever statement it went out with; nothing of it stays
    await expect(
      store.transaction(async (tx) => {
        await tx.tickets.save({ ...p, id: '91' });
        await tx.outbox.enqueue('zendesk', '91', change(2), iso(T), null);
        await tx.decisions.recordAll([
          { host: 'zendesk', ticketId: '91', inboxId: null, kind: null as unknown as string, policyVersion: 'v1', at: iso(T) },
        ]);
        await tx.inbox.markDone(999_998, 'v1', iso(T));
      }),
    ).rejects.toThrow(/null/i);
    expect(await store.tickets.get('zendesk', '91')).toBeNull();
    expect(await store.decisions.list('zendesk', '91')).toEqual([]);
    expect((await store.outbox.counts()).pending).toBe(1);
  });

  it("inside a transaction, the lease check and the ticket's read agree with the stored ticket (PostgreSQL: one round trip)", async () => {
    const policy = loadPolicy();
    const p = { ...projection(policy, { id: '95' }), policyVersion: 'v1' };
    await store.tickets.save(p);
    for (const id of ['95', '96'])
      await store.inbox.insert({
        host: 'zendesk',
        eventId: `h-${id}`,
        ticketId: id,
        kind: 'x',
        occurredAt: iso(T),
        receivedAt: iso(T),
        payload: {},
      });
    await store.inbox.claim('A', T, 10_000);
    expect(
      await store.transaction(async (tx) => [
        await tx.inbox.holds('A', 'zendesk', '95', T + 1),
        await tx.tickets.get('zendesk', '95'),
        await tx.inbox.holds('A', 'zendesk', '96', T + 1),
        await tx.tickets.get('zendesk', '96'),
      ]),
    ).toEqual([true, p, true, null]);
    expect(
      await store.transaction(async (tx) => [await tx.inbox.holds('B', 'zendesk', '95', T + 1), await tx.tickets.get('zendesk', '95')]),
    ).toEqual([false, p]);
  });

  it('ping answers while the database is open', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
}

describeOnBothBackends('Store contract, records', contract);
// Existing databases: created by the migrations before store/schema rendered them, then opened by today's code.
describeOnSchemasBefore('Store contract, records', contract);
