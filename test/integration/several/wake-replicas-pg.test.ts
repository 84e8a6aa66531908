/**
 * Replicas wake each other on PostgreSQL (LISTEN/NOTIFY on complaint_desk_work). Replica B is a real connector
 * process (the bundled `npm start` entry) with POLL_MS=60000, so only a notice can make it find work within the
 * test's limits; replica A is this test process running the pipeline's ingest path (`ingestAsync`, what the webhook
 * route calls after verifying a webhook) against the same database, never started, so it never processes anything
 * itself. Checks: B processes A's events long before its poll; B's /readyz reports its listener; a dropped LISTEN
 * connection is re-opened and an event whose notice was sent while it was down is still processed at the reconnect.
 */
import { Client } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../connector/src/clock';
import { createPipeline, type Pipeline } from '../../../connector/src/pipeline/create-pipeline';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { pgWorkNotices } from '../../../connector/src/store/postgres/pg-work-notices';
import { created } from '../../fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../../fixtures/connector-core/policy';
import { ticket } from '../../fixtures/connector-core/projection';
import {
  bundleServer,
  launchConnector,
  startFlakyZendesk,
  waitUntil,
  zendeskEnv,
  type FlakyZendesk,
  type Launched,
} from '../faults/fault-kit';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';
import { freePort } from '../../support/free-port';

const POLL_MS = 60_000;
/** Well under B's poll: only a notice (or the listener's reconnect) makes B look this soon. */
const WITHIN_MS = 20_000;

interface Notices {
  listening: boolean;
  drops: number;
  channels: string[];
}

describePostgres('replicas wake each other (LISTEN/NOTIFY)', () => {
  let dir: string;
  let server: string;
  let pg: PgServer;
  let zd: FlakyZendesk;
  let url: string;
  let b: Launched;
  let aStore: PostgresStore;
  let a: Pipeline;
  let db: Client;
  let admin: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-wake-'));
    [server, pg, zd] = await Promise.all([bundleServer(dir), sharedPostgres(), startFlakyZendesk()]);
    url = await pg.createDatabase();
    b = await launchConnector(
      server,
      zendeskEnv('unused.db', zd.url, { DATABASE_URL: url, LOG_LEVEL: 'warn', POLL_MS: String(POLL_MS) }),
      await freePort(),
    );
    aStore = await openPostgresStore(url, { max: 2 });
    a = createPipeline({
      store: aStore,
      hosts: {},
      policyStore: fixedPolicyStore(loadPolicy()),
      clock: systemClock,
      owner: 'replica-a',
      wake: pgWorkNotices(aStore, 'replica-a'),
    });
    // Connections opened now: while the database refuses new ones (last test), these still work.
    db = new Client({ connectionString: url });
    admin = new Client({ connectionString: pg.url });
    await Promise.all([db.connect(), admin.connect()]);
    await waitUntil(async () => (await notices()).listening, "B's listener is up");
  }, 120_000);
  afterAll(async () => {
    if (b && b.child.exitCode === null) b.child.kill('SIGKILL');
    await db?.end().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await aStore?.close();
    await zd?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function notices(): Promise<Notices> {
    const res = await fetch(`${b.url}/readyz`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { notices: Notices }).notices;
  }

  /** Ingests ticket `id` through A; resolves with the ms from A's acknowledgement to B's processing. */
  async function viaA(id: number): Promise<number> {
    zd.seed(id);
    const t = ticket({ id: String(id), channel: 'phone', createdAt: new Date().toISOString() });
    expect((await a.ingestAsync(created(t))).inserted).toBe(true);
    const ackedAt = Date.now();
    let processedAt = 0;
    await waitUntil(
      async () => {
        const r = (await db.query(`SELECT processed_at FROM inbox WHERE ticket_id = $1 AND state = 'done'`, [String(id)])).rows[0];
        if (r) processedAt = Date.parse(String(r.processed_at));
        return !!r;
      },
      `B processed ticket ${id}, acknowledged by A`,
      WITHIN_MS,
    );
    return processedAt - ackedAt;
  }

  it("an idle replica processes another replica's event on its notice, not at its next poll", async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) latencies.push(await viaA(9100 + i));
    expect(latencies.every((ms) => ms < WITHIN_MS)).toBe(true);
    await waitUntil(() => [0, 1, 2, 3, 4].every((i) => zd.puts(9100 + i) >= 1), 'B wrote to the host');
    const n = await notices();
    expect(n.channels.sort()).toEqual(['complaint_desk_policy', 'complaint_desk_work']);
    process.stdout.write(`ack on A -> processed on B (ms): ${latencies.join(', ')}\n`);
  }, 60_000);

  it('a dropped LISTEN connection is re-opened; work announced meanwhile is found at the reconnect', async () => {
    const before = (await notices()).drops;
    // No new connections to B's database while the listener is cut: its reconnects fail and back off.
    const name = (await db.query('SELECT current_database() AS d')).rows[0].d;
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    try {
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
        [name],
      );
      expect(killed.rowCount).toBeGreaterThanOrEqual(1);
      await waitUntil(async () => {
        const n = await notices();
        return !n.listening && n.drops >= before + 2;
      }, "B's listener is down and a reconnect failed");
      // A's notice now reaches no one.
      zd.seed(9200);
      const t = ticket({ id: '9200', channel: 'phone', createdAt: new Date().toISOString() });
      expect((await a.ingestAsync(created(t))).inserted).toBe(true);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
    await waitUntil(async () => (await notices()).listening, "B's listener is back", WITHIN_MS);
    await waitUntil(
      async () => (await db.query(`SELECT 1 FROM inbox WHERE ticket_id = '9200' AND state = 'done'`)).rowCount === 1,
      'B processed the event announced while its listener was down',
      WITHIN_MS,
    );
    // And notices flow again.
    expect(await viaA(9201)).toBeLessThan(WITHIN_MS);
  }, 90_000);
});
