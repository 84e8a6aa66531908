/**
 * The Store contract (store-contract.test.ts), the calls that save round trips on PostgreSQL: evidence appended in
 * batches unless frozen, decisions in one insert, timers cancelled and scheduled at once, a transaction's writes sent
 * behind its next statement (read back, and all or nothing), the lease check with the ticket's row. On a real SQLite
 * file and a real PostgreSQL server (skipped, saying why, without the binaries).
 */
import { factRowOf } from '../../../connector/src/admin/store-facts-updater';
import { BUNDLE_FORMAT } from '../../../connector/src/evidence/evidence-types';
import { verifyBundle } from '../../../connector/src/evidence/verify-bundle';
import type { Store } from '../../../connector/src/store/store';
import { projection } from '../../fixtures/connector-core/projection';
import { loadPolicy } from '../../support/test-policy';
import { describeOnBothBackends, describeOnSchemasBefore, backendPerTest, type Backend } from './store-kit';
import { T, change, iso } from './store-contract-kit';

function contract(make: () => Promise<Backend>): void {
  let store: Store;
  backendPerTest(make, (b) => (store = b.store));

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

  it('a transaction reads its own writes back (PostgreSQL: written behind)', async () => {
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
}

describeOnBothBackends('Store contract, batched calls', contract);
describeOnSchemasBefore('Store contract, batched calls', contract);
