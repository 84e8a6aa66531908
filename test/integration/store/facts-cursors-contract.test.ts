/**
 * The dashboard facts and reconciliation cursors through the Store interface: the same calls, the same answers
 * on a SQLite file and on a real PostgreSQL server.
 */
import type { Store, TicketFactRow } from '../../../connector/src/store/store';
import { projection } from '../../fixtures/connector-core/projection';
import { loadPolicy } from '../../support/test-policy';
import { describeOnBothBackends, describeOnSchemasBefore, backendPerTest, type Backend } from './store-kit';

const T = Date.parse('2026-11-23T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const fact = (ticketId: string, over: Partial<TicketFactRow> = {}): TicketFactRow => ({
  host: 'zendesk',
  ticketId,
  subject: `Ticket ${ticketId}`,
  createdAt: iso(T),
  createdDay: Math.floor(T / 86_400_000),
  category: 'safety',
  severity: 'high',
  isOpen: true,
  escalated: false,
  firstResponseMs: null,
  resolutionMs: null,
  reopened: false,
  breached: false,
  warnAt: iso(T + 3600_000),
  dueAt: iso(T + 7200_000),
  batch: null,
  csat: null,
  ...over,
});

function contract(make: () => Promise<Backend>): void {
  let store: Store;
  backendPerTest(make, (b) => (store = b.store));

  it('facts: upsert, read back, replace (creation kept); missing lists tickets without facts', async () => {
    const policy = loadPolicy();
    for (const id of ['1', '2', '3']) await store.tickets.save({ ...projection(policy, { id }), policyVersion: 'v1' });
    await store.facts.upsert(fact('1'));
    expect(await store.facts.get('zendesk', '1')).toEqual(fact('1'));
    const solved = fact('1', {
      createdAt: iso(T + 5),
      isOpen: false,
      escalated: true,
      firstResponseMs: 60_000,
      resolutionMs: 86_400_000,
      reopened: true,
      breached: true,
      warnAt: null,
      dueAt: null,
      batch: 'B7',
      csat: 4.5,
    });
    await store.facts.upsert(solved);
    expect(await store.facts.get('zendesk', '1')).toEqual({ ...solved, createdAt: iso(T) });
    expect(await store.facts.get('zendesk', '9')).toBeNull();
    expect(await store.facts.missing(10)).toEqual([
      { host: 'zendesk', ticketId: '2' },
      { host: 'zendesk', ticketId: '3' },
    ]);
    expect(await store.facts.missing(1)).toHaveLength(1);
    // inside a transaction too (the pipeline refreshes facts with each event)
    await expect(
      store.transaction(async (tx) => {
        await tx.facts.upsert(fact('2'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.facts.get('zendesk', '2')).toBeNull();
  });

  it('reconcile: a cursor per host; lastSeen is the newest event seen or write made', async () => {
    expect(await store.reconcile.cursor('zendesk')).toBeNull();
    await store.reconcile.setCursor('zendesk', 'c1', iso(T));
    await store.reconcile.setCursor('zendesk', 'c2', iso(T + 1));
    await store.reconcile.setCursor('freshdesk', 'f1', iso(T));
    expect(await store.reconcile.cursor('zendesk')).toBe('c2');
    expect(await store.reconcile.cursor('freshdesk')).toBe('f1');

    expect(await store.reconcile.lastSeen('zendesk', '5')).toBeNull();
    await store.inbox.insert({
      host: 'zendesk',
      eventId: 'e1',
      ticketId: '5',
      kind: 'comment.added',
      occurredAt: iso(T + 1000),
      receivedAt: iso(T + 1000),
      payload: {},
    });
    expect(await store.reconcile.lastSeen('zendesk', '5')).toBe(T + 1000);
    const id = await store.outbox.add('zendesk', '5', { op: 'apply_change', change: { addTags: ['x'] } }, iso(T), null);
    expect(await store.reconcile.lastSeen('zendesk', '5')).toBe(T + 1000); // pending writes do not count
    await store.outbox.markDone(id, iso(T + 5000));
    expect(await store.reconcile.lastSeen('zendesk', '5')).toBe(T + 5000);
    expect(await store.reconcile.lastSeen('freshdesk', '5')).toBeNull();
  });
}

describeOnBothBackends('facts and cursors', contract);
describeOnSchemasBefore('facts and cursors', contract);
