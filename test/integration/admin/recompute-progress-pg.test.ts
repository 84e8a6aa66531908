/**
 * The dashboard's "recomputing facts" progress on PostgreSQL, over real HTTP on two connector PROCESSES (the bundled
 * `npm start` entry) sharing one real database. After a policy change one replica recomputes the stored facts; the
 * progress is stored with the job (`scheduled_runs.progress`), so both replicas' dashboards show it while the pass
 * runs (held mid-pass here by a lock on ticket_facts) and the finished pass afterwards. On the old code only the
 * replica running the pass showed it; the other answered `recomputing: false, policyVersion: null, done: 0`.
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { bundledSuite } from '../faults/bundled-suite';
import { ADMIN_TOKEN, DEFAULT_POLICY, waitUntil, zendeskCreated, zendeskEnv, type Launched } from '../faults/fault-kit';
import { describePostgres } from '../../support/postgres-server';
import { post, settled } from '../several/replica-kit';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const TICKETS = [601, 602, 603, 604, 605];

interface Facts {
  recomputing: boolean;
  policyVersion: string | null;
  done: number;
  total: number;
}

describePostgres('dashboard recompute progress on every replica (PostgreSQL)', () => {
  const suite = bundledSuite('cd-progress-pg-', { postgres: true });
  let url: string;
  let replicas: Launched[] = [];

  beforeAll(async () => {
    const { pg, zd } = suite;
    url = await pg.createDatabase();
    const env = zendeskEnv('unused.db', zd.url, { DATABASE_URL: url, LOG_LEVEL: 'warn' });
    replicas = [await suite.launch(env), await suite.launch(env)];
    for (const [i, id] of TICKETS.entries()) {
      zd.seed(id);
      expect(await post(replicas[i % 2].url, zendeskCreated(id))).toBe(202);
    }
    await waitUntil(() => settled(url), 'every event processed and sent', 60_000);
  }, 120_000);

  const facts = async (base: string): Promise<Facts> => {
    const r = await fetch(`${base}/admin/api/dashboard`, { headers: admin });
    expect(r.status).toBe(200);
    return ((await r.json()) as { facts: Facts }).facts;
  };

  it('both replicas show the pass one of them runs, while it runs and once it is done', async () => {
    const version = `${JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8')).version}-progress`;
    const lock = new Client({ connectionString: url });
    await lock.connect();
    try {
      // Writes to ticket_facts wait for this transaction: the pass stops after reporting its start.
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE ticket_facts IN SHARE MODE');
      const text = JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8')), version });
      const act = await fetch(`${replicas[1].url}/admin/api/policy/activate`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ text }),
      });
      expect(act.status).toBe(200);
      await waitUntil(
        async () => (await Promise.all(replicas.map((r) => facts(r.url)))).every((f) => f.recomputing && f.policyVersion === version),
        'both dashboards show the recompute in progress',
        20_000,
      );
      const during = await Promise.all(replicas.map((r) => facts(r.url)));
      expect(during[0]).toEqual(during[1]);
      expect(during[0].total).toBe(TICKETS.length);
    } finally {
      await lock.query('COMMIT').catch(() => undefined);
      await lock.end();
    }
    await waitUntil(
      async () => (await Promise.all(replicas.map((r) => facts(r.url)))).every((f) => !f.recomputing),
      'the pass finished',
      20_000,
    );
    for (const r of replicas)
      expect(await facts(r.url)).toEqual({ recomputing: false, policyVersion: version, done: TICKETS.length, total: TICKETS.length });
  }, 60_000);
});
