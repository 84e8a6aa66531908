import { openDatabase, type Db } from '../../../../../connector/src/store/open-database';
import { createRepos, type Repos } from '../../../../../connector/src/pipeline/repos';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

describe('inbox, outbox and timers repositories', () => {
  const t = tempDir();
  let db: Db;
  let r: Repos;
  beforeEach(() => {
    db = openDatabase(t.file(`r${Math.random()}.db`));
    r = createRepos(db);
  });
  afterEach(() => db.close());
  afterAll(() => t.cleanup());

  it('inbox dedupes by (host, event id)', () => {
    const e = { host: 'zendesk', eventId: 'e1', ticketId: '1', kind: 'ticket.created', occurredAt: 'a', receivedAt: 'b', payload: {} };
    expect(r.inbox.insert(e)).toBe(true);
    expect(r.inbox.insert(e)).toBe(false);
    expect(r.inbox.insert({ ...e, host: 'freshdesk' })).toBe(true);
    expect(r.inbox.depth()).toBe(2);
  });

  it('outbox heads: only the oldest pending row of each ticket', () => {
    const change = { op: 'apply_change' as const, change: { addTags: ['x'] } };
    const a1 = r.outbox.add('zendesk', '1', change, 'now', null);
    r.outbox.add('zendesk', '1', change, 'now', null);
    const b1 = r.outbox.add('zendesk', '2', change, 'now', null);
    expect(r.outbox.heads().map((h) => h.id)).toEqual([a1, b1]);
    r.outbox.markDone(a1, 'now');
    expect(r.outbox.heads().map((h) => h.ticketId)).toEqual(['1', '2']);
    r.outbox.park(b1, 'permanent', '422');
    expect(r.outbox.counts()).toEqual({ pending: 1, done: 1, parked: 1 });
  });

  it('timers: replace cancels the old plan, due lists unfired ones, each fires once', () => {
    r.timers.replace('zendesk', '1', ['sla_breach'], [{ kind: 'sla_breach', dueAt: 1000 }], 'now');
    r.timers.replace('zendesk', '1', ['sla_breach'], [{ kind: 'sla_breach', dueAt: 2000 }], 'now');
    expect(r.timers.due(5000).map((x) => x.dueAt)).toEqual([2000]);
    r.timers.replace('zendesk', '1', ['sla_breach'], [{ kind: 'sla_breach', dueAt: 1000 }], 'now');
    expect(r.timers.due(5000).map((x) => x.dueAt)).toEqual([1000]);
    const [timer] = r.timers.due(5000);
    expect(r.timers.markFired(timer.id, 'now')).toBe(true);
    expect(r.timers.markFired(timer.id, 'now')).toBe(false);
    expect(r.timers.due(5000)).toEqual([]);
  });
});
