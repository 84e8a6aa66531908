import { createMetrics } from '../../../../../connector/src/ops/create-metrics';
import { registerOutboxGauge } from '../../../../../connector/src/ops/register-outbox-gauge';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('registerOutboxGauge', () => {
  it('reads pending / retrying / parked per host from the outbox at scrape time; done rows are not counted', async () => {
    const db = openDatabase(dir.file('gauge.db'));
    const metrics = createMetrics();
    registerOutboxGauge(metrics, db);
    const add = db.prepare(
      `INSERT INTO outbox (host, ticket_id, op, payload, created_at, state, attempts) VALUES (?, '1', 'apply_change', '{}', '2026-11-22T00:00:00Z', ?, ?)`,
    );
    add.run('zendesk', 'pending', 0);
    add.run('zendesk', 'pending', 3);
    add.run('zendesk', 'parked', 12);
    add.run('zendesk', 'done', 1);
    add.run('freshdesk', 'pending', 1);
    const text = await metrics.registry.metrics();
    const lines = text
      .split('\n')
      .filter((l) => l.startsWith('complaint_desk_outbox_calls{'))
      .sort();
    expect(lines).toEqual([
      'complaint_desk_outbox_calls{host="freshdesk",state="parked"} 0',
      'complaint_desk_outbox_calls{host="freshdesk",state="pending"} 1',
      'complaint_desk_outbox_calls{host="freshdesk",state="retrying"} 1',
      'complaint_desk_outbox_calls{host="zendesk",state="parked"} 1',
      'complaint_desk_outbox_calls{host="zendesk",state="pending"} 2',
      'complaint_desk_outbox_calls{host="zendesk",state="retrying"} 1',
    ]);
    db.prepare(`UPDATE outbox SET state = 'done'`).run();
    expect((await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith('complaint_desk_outbox_calls{'))).toEqual([]);
    db.close();
    await expect(metrics.registry.metrics()).resolves.toContain('# TYPE complaint_desk_outbox_calls gauge'); // a closed store does not break /metrics
  });
});
