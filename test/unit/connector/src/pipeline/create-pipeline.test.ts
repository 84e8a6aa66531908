import { adjustableClock } from '../../../../../connector/src/clock';
import { HostError } from '../../../../../connector/src/hosts/host-client';
import { createPipeline } from '../../../../../connector/src/pipeline/create-pipeline';
import { createMetrics } from '../../../../../connector/src/ops/create-metrics';
import { openDatabase } from '../../../../../connector/src/store/open-database';
import { created, inboxEvent } from '../../../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';
import { recordingHost } from '../../../../fixtures/connector-core/recording-host';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

const policy = loadPolicy();
const M = 60_000;

function setup(file: string, metrics = createMetrics()) {
  const db = openDatabase(file);
  const host = recordingHost();
  const clock = adjustableClock();
  clock.set(T0);
  const pipeline = createPipeline({
    db,
    hosts: { zendesk: host },
    policyStore: fixedPolicyStore(policy),
    clock,
    metrics,
    retryBaseMs: 0,
    retryMaxMs: 0,
  });
  return { db, host, clock, pipeline, metrics };
}

describe('createPipeline', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('ingest dedupes; one host call per new complaint; decisions carry the policy version', async () => {
    const s = setup(t.file('a.db'));
    const e = created(ticket());
    expect(s.pipeline.ingest(e)).toEqual({ inserted: true });
    expect(s.pipeline.ingest(e)).toEqual({ inserted: false });
    await s.pipeline.idle();
    expect(s.host.calls).toHaveLength(1);
    expect(s.host.calls[0]).toMatchObject({ op: 'applyChange', id: '101', options: { retry: false } });
    const versions = s.db.prepare('SELECT DISTINCT policy_version AS v FROM decisions').all();
    expect(versions).toEqual([{ v: policy.version }]);
    expect(s.db.prepare(`SELECT state, policy_version FROM inbox`).all()).toEqual([{ state: 'done', policy_version: policy.version }]);
    s.db.close();
  });

  it('retryable host errors are retried with the retry flag; permanent ones are parked and counted', async () => {
    const s = setup(t.file('b.db'));
    s.host.failNext(new HostError('server_error', '503', 503));
    s.pipeline.ingest(created(ticket()));
    await s.pipeline.idle();
    expect(s.host.calls).toHaveLength(1);
    expect(s.host.calls[0]).toMatchObject({ options: { retry: true } });
    s.host.failNext(new HostError('permanent', '422 invalid', 422));
    s.pipeline.ingest(created(ticket({ id: '102' })));
    await s.pipeline.idle();
    expect(s.host.calls).toHaveLength(1);
    expect(s.db.prepare(`SELECT ticket_id, state, last_error_code FROM outbox WHERE state = 'parked'`).all()).toEqual([
      { ticket_id: '102', state: 'parked', last_error_code: 'permanent' },
    ]);
    expect(await s.metrics.registry.getSingleMetricAsString('complaint_desk_permanent_failures_total')).toContain(
      'complaint_desk_permanent_failures_total{host="zendesk",code="permanent"} 1',
    );
    expect(await s.metrics.registry.getSingleMetricAsString('complaint_desk_host_retries_total')).toContain(
      'complaint_desk_host_retries_total{host="zendesk"} 1',
    );
    s.db.close();
  });

  it('restart mid-queue: a call cut off by a crash is retried once after reopening, flagged as a retry', async () => {
    const file = t.file('c.db');
    const s1 = setup(file);
    s1.pipeline.ingest(created(ticket({ id: '1' })));
    await s1.pipeline.idle();
    const hung = s1.host.hangNext();
    const second = created(ticket({ id: '2' }));
    s1.pipeline.ingest(second);
    void s1.pipeline.idle();
    await hung; // ticket 2's host call has arrived and hangs
    s1.pipeline.ingest(created(ticket({ id: '3' }))); // queued behind the hanging dispatch
    expect(s1.db.prepare(`SELECT ticket_id, state FROM outbox ORDER BY id`).all()).toEqual([
      { ticket_id: '1', state: 'done' },
      { ticket_id: '2', state: 'pending' },
    ]);
    expect(s1.db.prepare(`SELECT ticket_id, state FROM inbox WHERE ticket_id = '3'`).all()).toEqual([{ ticket_id: '3', state: 'pending' }]);
    s1.db.close(); // crash: ticket 2's call in flight, ticket 3 not yet processed
    const s2 = setup(file);
    expect(s2.pipeline.ingest(second)).toEqual({ inserted: false }); // redelivery after restart
    await s2.pipeline.idle();
    const ids = (calls: typeof s1.host.calls) =>
      calls.map((c) => (c.op === 'applyChange' ? `${c.id}${c.options?.retry ? ':retry' : ''}` : c.op));
    expect(ids(s1.host.calls)).toEqual(['1', '2']);
    expect(ids(s2.host.calls)).toContain('2:retry');
    expect(ids(s2.host.calls).sort()).toEqual(['2:retry', '3']);
    s2.db.close();
  });

  it('runDue fires the breach timer through the inbox once, with the injected clock', async () => {
    const s = setup(t.file('d.db'));
    s.pipeline.ingest(created(ticket({ channel: 'phone' })));
    await s.pipeline.idle();
    s.clock.set(T0 + 181 * M);
    await s.pipeline.runDue();
    await s.pipeline.idle();
    s.clock.set(T0 + 241 * M);
    await s.pipeline.runDue();
    await s.pipeline.idle();
    await s.pipeline.runDue(); // nothing left: each timer fires once
    await s.pipeline.idle();
    const notes = s.host.calls.map((c) => (c.op === 'applyChange' ? (c.change.addTags ?? []) : []));
    expect(notes[1]).toEqual(expect.arrayContaining(['cd_sla_warning']));
    expect(notes[2]).toEqual(expect.arrayContaining(['cd_sla_breached']));
    expect(s.host.calls).toHaveLength(3);
    s.db.close();
  });

  it('start() processes on ingest and fires due timers on its own poll; stop() drains', async () => {
    const db = openDatabase(t.file('f.db'));
    const host = recordingHost();
    const clock = adjustableClock();
    clock.set(T0);
    const pipeline = createPipeline({ db, hosts: { zendesk: host }, policyStore: fixedPolicyStore(policy), clock, pollMs: 20 });
    pipeline.start();
    pipeline.ingest(created(ticket({ channel: 'phone' })));
    for (let i = 0; i < 100 && host.calls.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(host.calls).toHaveLength(1);
    clock.set(T0 + 181 * M);
    for (let i = 0; i < 100 && host.calls.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(host.calls).toHaveLength(2);
    await pipeline.stop();
    db.close();
  });

  it('events of one ticket are processed in order', async () => {
    const s = setup(t.file('e.db'));
    s.pipeline.ingest(created(ticket()));
    s.pipeline.ingest(inboxEvent('101', { kind: 'status.changed', status: 'pending' }, new Date(T0 + M).toISOString()));
    s.pipeline.ingest(inboxEvent('101', { kind: 'status.changed', status: 'open' }, new Date(T0 + 2 * M).toISOString()));
    await s.pipeline.idle();
    const row = s.db.prepare(`SELECT status, status_history FROM tickets WHERE id = '101'`).get() as {
      status: string;
      status_history: string;
    };
    expect(row.status).toBe('open');
    expect(JSON.parse(row.status_history).map((h: { status: string }) => h.status)).toEqual(['new', 'pending', 'open']);
    s.db.close();
  });
});
