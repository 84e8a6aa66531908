/**
 * What several replicas share beyond the queue, on a real PostgreSQL with a pool per "replica": the scheduled-run
 * claim lets exactly one of many concurrent callers run a period's job (and none while it is held), and policy
 * activations from several pools at once leave exactly one active version, one version per text.
 */
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

describePostgres('jobs and policy versions shared by replicas on PostgreSQL', () => {
  let server: PgServer;
  let stores: PostgresStore[] = [];
  beforeAll(async () => {
    server = await sharedPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  beforeEach(async () => {
    const url = await server.createDatabase();
    stores = [];
    for (let i = 0; i < 4; i++) stores.push(await openPostgresStore(url, { max: 3 }));
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('lets one of 12 concurrent claimers run each period, none while the run is held, the holder again', async () => {
    const claimAll = (period: number, lease: number) =>
      Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 4].schedule.claim('job', `r${i}`, period, lease)));
    const first = await claimAll(60_000, 60_000);
    expect(first.filter(Boolean)).toHaveLength(1);
    const owner = `r${first.indexOf(true)}`;
    // The period has not come again: nobody, not even the holder.
    expect((await claimAll(60_000, 60_000)).filter(Boolean)).toHaveLength(0);
    // Period 0 (due at once) but held by `owner`: only the holder may claim again (renewing its lease).
    await stores[0].pool.query("UPDATE scheduled_runs SET next_run_at = 0 WHERE name = 'job'");
    const held = await claimAll(0, 60_000);
    expect(held.filter(Boolean)).toHaveLength(1);
    expect(held.indexOf(true)).toBe(Number(owner.slice(1)));
    // Finished: the next due period goes to exactly one again.
    await stores[1].schedule.finish('job', owner);
    await stores[0].pool.query("UPDATE scheduled_runs SET next_run_at = 0 WHERE name = 'job'");
    expect((await claimAll(60_000, 60_000)).filter(Boolean)).toHaveLength(1);
  });

  it('keeps exactly one active policy version under concurrent activations, one version per text', async () => {
    const v = (n: number) => ({
      version: `v${n}`,
      json: `{"version":"v${n}"}`,
      sha256: String(n).padStart(64, '0'),
      source: 'admin' as const,
      by: 'test',
      at: new Date().toISOString(),
    });
    const results = await Promise.all([1, 2, 3, 1, 2, 3, 1, 2].map((n, i) => stores[i % 4].policyVersions.activate(v(n))));
    const active = await stores[0].pool.query('SELECT id, sha256 FROM policy_versions WHERE active = 1');
    expect(active.rows).toHaveLength(1);
    const history = await stores[2].policyVersions.history();
    // A text sent again while it is active is the same version (unchanged); otherwise each activation is a row.
    expect(history.length).toBe(results.filter((r) => !r.unchanged).length);
    expect(Number(active.rows[0].id)).toBe(Math.max(...history.map((h) => h.id)));
    expect(await stores[3].policyVersions.activeId()).toBe(history[0].id);
  });
});
