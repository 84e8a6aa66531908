/**
 * The Store contract (store-contract.test.ts), second half: timers, ticket projections, decisions, clusters, fetches,
 * evidence and ping, on a real SQLite file and a real PostgreSQL server (skipped, saying why, without the binaries).
 */
import { verifyBundle } from '../../../connector/src/evidence/verify-bundle';
import { BUNDLE_FORMAT } from '../../../connector/src/evidence/evidence-types';
import type { Store } from '../../../connector/src/store/store';
import { projection } from '../../fixtures/connector-core/projection';
import { loadPolicy } from '../../support/test-policy';
import { describeOnBothBackends, describeOnSchemasBefore, backendPerTest, type Backend } from './store-kit';
import { T, iso, failure } from './store-contract-kit';

function contract(make: () => Promise<Backend>): void {
  let b: Backend;
  let store: Store;
  backendPerTest(make, (x) => {
    b = x;
    store = x.store;
  });

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

  it('ping answers while the database is open', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
}

describeOnBothBackends('Store contract, records', contract);
// Existing databases: created by the migrations before store/schema rendered them, then opened by today's code.
describeOnSchemasBefore('Store contract, records', contract);
