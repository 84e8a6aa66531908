import { createRepos } from '../../../../../connector/src/pipeline/repos';
import { runDueTimers } from '../../../../../connector/src/pipeline/run-due-timers';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { createSqliteStore } from '../../../../../connector/src/store/sqlite-store';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

describe('runDueTimers', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('turns each due timer into one timer.fired inbox event, once; future and cancelled timers wait', async () => {
    const db = openDatabase(t.file('t.db'));
    const r = createRepos(db);
    const store = createSqliteStore(db);
    r.timers.replace(
      'zendesk',
      '1',
      [],
      [
        { kind: 'sla_breach', dueAt: 1000, data: { clock: 'respond' } },
        { kind: 'follow_up', dueAt: 5000 },
      ],
      'x',
    );
    r.timers.replace('zendesk', '2', [], [{ kind: 'sla_warning', dueAt: 900 }], 'x');
    r.timers.cancel('zendesk', '2', 'sla_warning', 'x');
    expect(await runDueTimers(store, 1000)).toBe(1);
    expect(await runDueTimers(store, 1000)).toBe(0);
    const [row] = r.inbox.pending();
    expect(row).toMatchObject({ host: 'zendesk', ticketId: '1', kind: 'timer.fired', occurredAt: '1970-01-01T00:00:01.000Z' });
    expect(row.payload).toEqual({ event: { kind: 'timer.fired', timer: 'sla_breach', dueAt: '1970-01-01T00:00:01.000Z' } });
    expect(await runDueTimers(store, 5000)).toBe(1);
    expect(r.timers.nextDueAt()).toBeNull();
    db.close();
  });
});
