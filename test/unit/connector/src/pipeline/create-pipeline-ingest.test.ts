/** `ingest` only commits: processing always happens after it returned (webhook acks never wait for processing). */
import { adjustableClock } from '../../../../../connector/src/clock';
import { createPipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { created } from '../../../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const policy = loadPolicy();
const t = tempDir();
afterAll(() => t.cleanup());

describe('createPipeline: ingest never processes synchronously', () => {
  it('with the worker started, ingest returns with the row still pending; processing happens afterwards', async () => {
    const db = openDatabase(t.file('ingest.db'));
    const host = recordingHost();
    const clock = adjustableClock();
    clock.set(T0);
    const pipeline = createPipeline({ db, hosts: { zendesk: host }, policyStore: fixedPolicyStore(policy), clock, pollMs: 60_000 });
    pipeline.start();
    await pipeline.idle();
    const states = () => db.prepare('SELECT state, COUNT(*) AS n FROM inbox GROUP BY state ORDER BY state').all();

    expect(pipeline.ingest(created(ticket({ id: '1' })))).toEqual({ inserted: true });
    expect(states()).toEqual([{ state: 'pending', n: 1 }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 0 });

    // A burst larger than one worker batch (100 rows), ingested back to back: nothing is processed in between.
    for (let i = 2; i <= 150; i++) {
      pipeline.ingest(created(ticket({ id: String(i) })));
      expect(states()).toEqual([{ state: 'pending', n: i }]);
    }
    expect(host.calls).toHaveLength(0);

    await pipeline.idle();
    expect(states()).toEqual([{ state: 'done', n: 150 }]);
    expect(host.calls).toHaveLength(150);
    await pipeline.stop();
    db.close();
  });

  it('ingest during a running loop is picked up by that loop, after ingest returned', async () => {
    const db = openDatabase(t.file('ingest-running.db'));
    const host = recordingHost();
    const clock = adjustableClock();
    clock.set(T0);
    const pipeline = createPipeline({ db, hosts: { zendesk: host }, policyStore: fixedPolicyStore(policy), clock, pollMs: 60_000 });
    pipeline.start();
    pipeline.ingest(created(ticket({ id: '1' })));
    const done = pipeline.idle();
    pipeline.ingest(created(ticket({ id: '2' })));
    expect(db.prepare(`SELECT COUNT(*) AS n FROM inbox WHERE state = 'pending'`).get()).toEqual({ n: 2 });
    await done;
    await pipeline.idle();
    expect(host.calls.map((c) => (c.op === 'applyChange' ? c.id : c.op))).toEqual(['1', '2']);
    await pipeline.stop();
    db.close();
  });
});
