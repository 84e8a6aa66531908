/**
 * The pipeline's wake-ups on PostgreSQL without its poll (pollMs 60 s, far beyond every wait here), on a real
 * server: a due timer fires when it is due (the pipeline arms a timer for the next one), a rescheduled host call
 * is retried when its Retry-After passed, and outbox rows another replica wrote are sent by a replica with a free
 * host slot (on the writer's outbox notice, or its own re-check while the other holds pending rows).
 */
import type { Clock } from '../../../connector/src/clock';
import { HostError } from '../../../connector/src/hosts/host-client';
import type { PipelineOptions } from '../../../connector/src/pipeline/create-pipeline';
import type { PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { pgWorkNotices } from '../../../connector/src/store/postgres/pg-work-notices';
import { created } from '../../fixtures/connector-core/events';
import { T0, ticket } from '../../fixtures/connector-core/projection';
import { waitUntil } from '../faults/fault-kit';
import { describePostgres } from '../../support/postgres-server';
import { pgPipelines } from './pg-pipelines-kit';

const NO_POLL = 60_000;
const WITHIN_MS = 20_000;

describePostgres('pipeline wake-ups on PostgreSQL (no poll)', () => {
  const pg = pgPipelines(500);
  const replica = (url: string, owner: string, clock: Clock, extra: Partial<PipelineOptions> = {}) =>
    pg.pipeline(url, owner, clock, (store) => ({ pollMs: NO_POLL, wake: pgWorkNotices(store, owner), ...extra }));
  const count = async (store: PostgresStore, sql: string, values: unknown[] = []) => Number((await store.sql.query(sql, values)).rows[0].n);

  it('a due timer fires when due, not at the next poll', async () => {
    const url = await pg.server.createDatabase();
    let offset = T0 - Date.now();
    const clock: Clock = { now: () => Date.now() + offset };
    const r = await replica(url, 'timers', clock);
    r.pipeline.start();
    await r.pipeline.ingestAsync(created(ticket({ id: '701', channel: 'phone' })));
    await waitUntil(async () => (await count(r.store, `SELECT COUNT(*) AS n FROM timers WHERE ticket_id = '701'`)) > 0, 'timers planned');
    const due = Number((await r.store.sql.query(`SELECT MIN(due_at) AS t FROM timers WHERE ticket_id = '701'`)).rows[0].t);
    // The business clock jumps to 1.5 s before the first timer; the next processed event re-arms the wake timer.
    offset = due - 1500 - Date.now();
    await r.pipeline.ingestAsync(created(ticket({ id: '702', channel: 'phone', createdAt: new Date(clock.now()).toISOString() })));
    await waitUntil(
      async () =>
        (await count(r.store, `SELECT COUNT(*) AS n FROM inbox WHERE kind = 'timer.fired' AND ticket_id = '701' AND state = 'done'`)) === 1,
      "ticket 701's first timer fired and was processed",
      WITHIN_MS,
    );
  }, 60_000);

  it('a timer another replica planned fires when due even after that replica stopped', async () => {
    const url = await pg.server.createDatabase();
    let offset = T0 - Date.now();
    const clock: Clock = { now: () => Date.now() + offset };
    const a = await replica(url, 'planner', clock);
    // B fires timers but claims no tickets. It arms for 732's timer on A's outbox notice, or on the re-check it makes
    // while 732's event is pending under A's lease (either is enough: this test shows the behaviour, not which path).
    const b = await replica(url, 'firer', clock, { claimTickets: 0 });
    b.pipeline.start(); // first: its start-up look finds no timers to arm
    await waitUntil(() => b.store.listener().listening, "B's listener is up");
    a.pipeline.start();
    await a.pipeline.ingestAsync(created(ticket({ id: '731', channel: 'phone' })));
    await waitUntil(async () => (await count(a.store, `SELECT COUNT(*) AS n FROM timers WHERE ticket_id = '731'`)) > 0, 'timers planned');
    const due = Number((await a.store.sql.query(`SELECT MIN(due_at) AS t FROM timers WHERE ticket_id = '731'`)).rows[0].t);
    // Ticket 732, created when 731 was, has the same first timer; A processes it 1.5 s before that is due, then stops.
    offset = due - 1500 - Date.now();
    await a.pipeline.ingestAsync(created(ticket({ id: '732', channel: 'phone' })));
    await waitUntil(async () => (await count(a.store, `SELECT COUNT(*) AS n FROM timers WHERE ticket_id = '732'`)) > 0, '732 planned');
    await a.pipeline.stop(500);
    await waitUntil(
      async () => (await count(b.store, `SELECT COUNT(*) AS n FROM inbox WHERE kind = 'timer.fired' AND ticket_id = '732'`)) >= 1,
      "B fired 732's timer",
      WITHIN_MS,
    );
  }, 60_000);

  it('a host call rescheduled by Retry-After is retried when it is due, not at the next poll', async () => {
    const url = await pg.server.createDatabase();
    const r = await replica(url, 'retries', { now: () => Date.now() + (T0 - Date.now()) });
    r.host.failNext(new HostError('rate_limited', 'slow down', 429, 300));
    r.pipeline.start();
    await r.pipeline.ingestAsync(created(ticket({ id: '711', channel: 'phone' })));
    await waitUntil(
      async () =>
        (await count(r.store, `SELECT COUNT(*) AS n FROM outbox WHERE ticket_id = '711' AND state = 'done' AND attempts = 2`)) === 1,
      'the call was retried and went through',
      WITHIN_MS,
    );
    expect(r.host.calls.filter((c) => c.op === 'applyChange' && c.id === '711')).toHaveLength(1);
  }, 60_000);

  it('outbox rows one replica wrote are sent by another with a free host slot, without waiting for the poll', async () => {
    const url = await pg.server.createDatabase();
    const clock: Clock = { now: () => Date.now() + (T0 - Date.now()) };
    // A processes everything and has one host slot; B claims no tickets (it only sends).
    const a = await replica(url, 'writer', clock, { perHostConcurrency: 1 });
    const b = await replica(url, 'sender', clock, { claimTickets: 0 });
    const hung = a.host.hangNext();
    a.pipeline.start();
    await a.pipeline.ingestAsync(created(ticket({ id: '721', channel: 'phone' })));
    await hung; // A's only slot now holds 721's call, which never returns.
    // B starts now (had it run already, it could have taken 721's row on A's notice): its first round finds nothing.
    b.pipeline.start();
    await waitUntil(() => b.store.listener().listening, "B's listener is up");
    expect((await b.pipeline.idle({ timeoutMs: 10_000 })).idle).toBe(true);
    await a.pipeline.ingestAsync(created(ticket({ id: '722', channel: 'phone' })));
    await waitUntil(() => b.host.calls.some((c) => c.op === 'applyChange' && c.id === '722'), "B sent 722's change", WITHIN_MS);
    expect(a.host.calls.filter((c) => c.id === '722')).toEqual([]);
  }, 60_000);
});
