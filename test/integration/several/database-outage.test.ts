/**
 * A connector PROCESS on PostgreSQL whose database server stops (as a crash) and starts again: the process keeps
 * running (no crash loop), /readyz answers 503 naming the database while it is away and 200 once it is back,
 * /metrics shows complaint_desk_database_up 0 then 1 with the failed pings counted, and a webhook sent after the
 * restart is processed. The server is the real PostgreSQL of test/support/postgres-server.ts. The connector runs the
 * default policy with its learned model off (test/support/rules-only-policy.ts): none of this is about classification.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startFlakyZendesk, waitUntil, type FlakyZendesk, type Launched } from '../faults/fault-kit';
import { sharedBundle } from '../faults/shared-bundle';
import { describePostgres, startPostgres, type PgServer } from '../../support/postgres-server';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';
import { launchReplica, notesOf, post, ticketEvent } from './replica-kit';

const metric = async (base: string, name: string): Promise<number | null> => {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
};

describePostgres('a connector process when its PostgreSQL goes away and comes back', () => {
  let dir: string;
  let server: string;
  let pg: PgServer;
  let zd: FlakyZendesk;
  let replica: Launched | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-outage-'));
    [server, pg, zd] = await Promise.all([sharedBundle(dir), startPostgres(), startFlakyZendesk()]);
  }, 90_000);
  afterAll(async () => {
    if (replica && replica.child.exitCode === null) replica.child.kill('SIGKILL');
    await zd?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays up, reports the outage on /readyz and /metrics, and works again after the restart', async () => {
    const url = await pg.createDatabase();
    // durable commits, as in production (the test server is tuned for speed: synchronous_commit=off)
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${url.split('/').pop()}" SET synchronous_commit = on`);
    await admin.end();
    const r = await launchReplica(server, url, zd, { POLICY_FILE: writeRulesOnlyPolicy(dir) });
    replica = r;
    zd.seed(9901);
    zd.seed(9902);
    expect(await post(r.url, ticketEvent(9901, 0))).toBe(202);
    await waitUntil(() => notesOf(zd, 9901) === 1, 'the first ticket was processed', 30_000);
    expect((await fetch(`${r.url}/readyz`)).status).toBe(200);
    expect(await metric(r.url, 'complaint_desk_database_up')).toBe(1);

    await pg.halt();
    await waitUntil(async () => (await fetch(`${r.url}/readyz`)).status === 503, '/readyz answers 503', 30_000);
    const body = await (await fetch(`${r.url}/readyz`)).json();
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.policy.ok).toBe(true);
    await waitUntil(async () => (await metric(r.url, 'complaint_desk_database_up')) === 0, 'the gauge shows the database down', 30_000);
    await waitUntil(
      async () => ((await metric(r.url, 'complaint_desk_database_errors_total')) ?? 0) >= 2,
      'failed pings are counted',
      30_000,
    );
    // a webhook while the database is away is refused (not acknowledged), never lost silently
    expect(await post(r.url, ticketEvent(9902, 0))).toBeGreaterThanOrEqual(500);
    expect(r.child.exitCode).toBeNull();

    await pg.restart();
    await waitUntil(async () => (await fetch(`${r.url}/readyz`)).status === 200, '/readyz answers 200 again', 60_000);
    await waitUntil(async () => (await metric(r.url, 'complaint_desk_database_up')) === 1, 'the gauge shows the database back', 60_000);
    expect(await post(r.url, ticketEvent(9902, 0))).toBe(202);
    await waitUntil(() => notesOf(zd, 9902) === 1, 'the ticket sent after the restart was processed', 60_000);
    expect(notesOf(zd, 9901)).toBe(1);
    expect(r.child.exitCode).toBeNull();
    expect(r.output()).toContain('database unreachable');
    expect(r.output()).toContain('database reachable again');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  }, 180_000);
});
