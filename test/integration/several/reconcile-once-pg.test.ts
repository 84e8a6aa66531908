/**
 * Reconciliation with two connector PROCESSES on one real PostgreSQL: the job runs once per period across both
 * (each replica asks every second whether the period's run is due; the database lets one claim it), never once
 * per replica, and it keeps running on the survivor after the other is killed. Measured at the fake Zendesk: each
 * run lists changed tickets (GET /api/v2/incremental/tickets/cursor.json), so the listing calls, grouped by time,
 * are the runs. Period: RECONCILE_INTERVAL_MINUTES=0.05 (3 s). On the old code PostgreSQL scheduled no run at all.
 * The replicas run the default policy with its learned model off (test/support/rules-only-policy.ts).
 */
import { bundledSuite } from '../faults/bundled-suite';
import { waitUntil, zendeskEnv } from '../faults/fault-kit';
import { describePostgres } from '../../support/postgres-server';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';
import { pgRows } from './replica-kit';

const PERIOD_MS = 3000;
const LISTING = '/api/v2/incremental/tickets/cursor.json';

describePostgres('reconciliation scheduled once per period across replicas', () => {
  const suite = bundledSuite('cd-reconcile-pg-', { postgres: true });

  /** Starts of the runs seen since `from`: listing calls closer than 1 s to the previous one belong to the same run. */
  const runsSince = (from: number) => {
    const starts: number[] = [];
    let last = -Infinity;
    for (const a of suite.zd.arrivals) {
      if (a.path !== LISTING || a.at < from) continue;
      if (a.at - last > 1000) starts.push(a.at);
      last = a.at;
    }
    return starts;
  };

  it('runs one listing per period with two replicas, and goes on when one is killed', async () => {
    const { pg, zd } = suite;
    const url = await pg.createDatabase();
    const env = zendeskEnv('unused.db', zd.url, {
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      RECONCILE_INTERVAL_MINUTES: String(PERIOD_MS / 60_000),
      POLICY_FILE: writeRulesOnlyPolicy(suite.dir),
    });
    const [a, b] = [await suite.launch(env), await suite.launch(env)];
    const t0 = Date.now();
    await waitUntil(() => runsSince(t0).length >= 1, 'a first reconciliation run', 20_000);
    const from = runsSince(t0)[0];
    await waitUntil(() => Date.now() - from >= 4 * PERIOD_MS + 500, 'four periods', 30_000);
    const runs = runsSince(from).filter((t) => t < from + 4 * PERIOD_MS + 500);
    const gaps = runs.slice(1).map((t, i) => t - runs[i]);
    if (process.env.CD_SHOW) process.stderr.write(`runs at +${runs.map((t) => t - from).join(', +')} ms; gaps ${gaps.join(', ')} ms\n`);
    // One run per period: 4 periods after the first run hold 4 more at most (a per-replica timer gives about twice that).
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(5);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PERIOD_MS - 500);
    const [job] = await pgRows<{ owner: string }>(url, "SELECT owner FROM scheduled_runs WHERE name = 'reconcile'");
    expect(job.owner).toMatch(/:\d+:[0-9a-f]{6}$/);

    // The survivor keeps the schedule alone.
    a.child.kill('SIGKILL');
    await a.exited;
    const killedAt = Date.now();
    await waitUntil(() => runsSince(killedAt).length >= 2, 'two runs after one replica was killed', 30_000);
    b.child.kill('SIGTERM');
    await b.exited;
  }, 120_000);
});
