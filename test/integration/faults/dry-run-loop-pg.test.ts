/**
 * The PostgreSQL twin of dry-run-loop.test.ts: a policy dry run over the 3,000 newest tickets stored in
 * PostgreSQL (read by the admin worker through a pool of its own, then model load and two classifications per
 * ticket) must leave the connector's event loop free. Measured as there: the event loop's thread may use only a
 * small share of the CPU the dry run costs (load-independent), and signed webhooks posted during the run are each
 * acknowledged without a long stall (a generous guard on a shared 2-core box). The dashboard's aggregates on
 * PostgreSQL run in the server: the loop only awaits them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';
import { DEFAULT_POLICY, startFlakyZendesk, zendeskEnv, type FlakyZendesk } from './fault-kit';
import { acksDuring, cpuOf, dryRun } from './loop-kit';

const BOUND_MS = 1000;
const N = 3000;

describePostgres('a dry run over tickets stored in PostgreSQL', () => {
  let dir: string;
  let pg: PgServer;
  let zd: FlakyZendesk;
  let c: RunningConnector;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-dryrun-pg-'));
    [pg, zd] = await Promise.all([sharedPostgres(), startFlakyZendesk()]);
    const url = await pg.createDatabase();
    c = await startConnector({
      env: zendeskEnv('unused.db', zd.url, { DATABASE_URL: url }),
      port: 0,
      hostname: '127.0.0.1',
      logger: createLogger({ level: 'silent' }),
      startPipeline: false,
    });
    // 3,000 projection rows as the pipeline stores them (half safety, half delivery wording), in one statement.
    const db = new Client({ connectionString: url });
    await db.connect();
    await db.query(`INSERT INTO tickets (host, id, requester_id, subject, created_at, status, category, severity, classification, tier, snapshot, policy_version, updated_at)
      SELECT 'zendesk', 'seed-' || i, 'req-' || (i % 50), 'Kettle ' || i, to_char(timestamp '2026-11-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'new', 'quality', 'L2', '{}', 'L1',
        json_build_object('description', CASE WHEN i % 2 = 1 THEN 'The kettle charger started smoking and sparking.' ELSE 'Where is my parcel? It is two weeks late.' END)::text,
        'seed', '2026-11-01T00:00:00Z'
      FROM generate_series(1, ${N}) AS i`);
    await db.end();
  }, 90_000);
  afterAll(async () => {
    await c?.close();
    await zd?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const candidate = () => JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8')), version: 'pg-candidate' });

  it('keeps acknowledging webhooks while it runs', async () => {
    const { result, acks, runMs, lagMs } = await acksDuring(c.url, () => dryRun(c.url, { text: candidate(), limit: N }));
    const { status, body } = result;
    if (process.env.CD_SHOW)
      process.stderr.write(
        `PG dry run ${runMs} ms; ${acks.length} acks during it, slowest ${Math.max(...acks).toFixed(1)} ms; loop lag max ${lagMs.toFixed(1)} ms\n`,
      );
    expect(status).toBe(200);
    expect(body.source).toBe('recent');
    expect(body.report.total).toBe(N);
    expect(acks.length).toBeGreaterThanOrEqual(5);
    const bound = Math.max(BOUND_MS, runMs / 4);
    expect(Math.max(...acks)).toBeLessThan(bound);
    expect(lagMs).toBeLessThan(bound);
  }, 90_000);

  const linux = process.platform === 'linux' ? it : it.skip;
  linux(
    "leaves its work to the admin worker: the event loop's thread uses a small share of its CPU",
    async () => {
      const { result, allMs, mainMs } = await cpuOf(() => dryRun(c.url, { text: candidate(), limit: N }));
      const { status, body } = result;
      if (process.env.CD_SHOW)
        process.stderr.write(`PG dry run CPU: ${allMs.toFixed(0)} ms in the process, ${mainMs} ms on the event loop's thread\n`);
      expect(status).toBe(200);
      expect(body.report.total).toBe(N);
      expect(allMs).toBeGreaterThan(200);
      expect(mainMs / allMs).toBeLessThan(0.25);
    },
    90_000,
  );
});
