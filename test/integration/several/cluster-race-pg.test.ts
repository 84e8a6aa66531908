/**
 * Tickets of one product batch processed at the same time (PROCESS_CONCURRENCY, or several replicas) on
 * PostgreSQL: each transaction counts the batch's tickets when it decides on a cluster, and must see the others'.
 * The store wrapper holds every transaction right after it saved its ticket until all three have saved theirs,
 * so all three are open at once: without a lock per batch each counted only itself (1 < 3) and the batch's
 * cluster was never opened.
 */
import { adjustableClock } from '../../../connector/src/clock';
import { createPipeline, type Pipeline } from '../../../connector/src/pipeline/create-pipeline';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import type { Store } from '../../../connector/src/store/store';
import { created } from '../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../fixtures/connector-core/policy';
import { T0, ticket } from '../../fixtures/connector-core/projection';
import { recordingHost } from '../../fixtures/connector-core/recording-host';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

const policy = loadPolicy();

describePostgres('a product batch processed concurrently on PostgreSQL', () => {
  let server: PgServer;
  let store: PostgresStore | null = null;
  let pipeline: Pipeline | null = null;
  beforeAll(async () => {
    server = await sharedPostgres();
  }, 60_000);
  afterAll(async () => {
    await pipeline?.stop(1000);
    await store?.close();
    await server?.stop();
  });

  it('three tickets of one batch, all in flight at once: the cluster opens with all three', async () => {
    store = await openPostgresStore(await server.createDatabase(), { max: 8 });
    const real = store;
    const ids = ['701', '702', '703'];
    let saved = 0;
    let allSaved!: () => void;
    const barrier = new Promise<void>((r) => {
      allSaved = r;
    });
    const held: Store = {
      ...real,
      transaction: (fn) =>
        real.transaction((tx) =>
          fn({
            ...tx,
            tickets: {
              ...tx.tickets,
              async save(p) {
                await tx.tickets.save(p);
                if (ids.includes(p.id) && ++saved === ids.length) allSaved();
                if (ids.includes(p.id)) await barrier;
              },
            },
          }),
        ),
    };
    const clock = adjustableClock();
    clock.set(T0);
    pipeline = createPipeline({
      store: held,
      hosts: { zendesk: recordingHost() },
      policyStore: fixedPolicyStore(policy),
      clock,
      processConcurrency: 4,
    });
    for (const id of ids) await pipeline.ingestAsync(created(ticket({ id, fields: { product_batch: 'B-RACE' } })));
    const r = await pipeline.idle({ timeoutMs: 30_000 });
    expect(r.idle).toBe(true);
    const inbox = (await real.pool.query(`SELECT state, error FROM inbox ORDER BY id`)).rows;
    expect(inbox.map((x) => x.state)).toEqual(['done', 'done', 'done']);
    const clusters = (await real.pool.query(`SELECT batch, members FROM clusters`)).rows;
    expect(clusters).toHaveLength(1);
    expect(JSON.parse(clusters[0].members).sort()).toEqual(ids);
    expect((await real.pool.query(`SELECT COUNT(*)::int AS n FROM outbox WHERE op = 'create_ticket'`)).rows[0].n).toBe(1);
  }, 60_000);
});
