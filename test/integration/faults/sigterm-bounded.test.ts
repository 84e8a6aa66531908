/**
 * SIGTERM while the Zendesk API hangs (every call waits a minute), on the real process (the bundled `npm start`
 * entry): with 10 new complaints and 10 events for tickets the connector never saw (fetches) acknowledged,
 * the process exits 0 within SHUTDOWN_GRACE_MS (+ process teardown), and a restart against a healthy API
 * finishes everything: each complaint gets exactly one note, each unknown ticket is fetched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSuite, sqliteRows } from './bundled-suite';
import { postWebhook, ROOT, waitUntil, zendeskCreated, zendeskEnv } from './fault-kit';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';

const GRACE_MS = 1500;
const suite = bundledSuite('cd-sigterm-bound-');
const count = (dbFile: string, sql: string) => Number(sqliteRows(dbFile, sql)[0].n);

const created = [7801, 7802, 7803, 7804, 7805, 7806, 7807, 7808, 7809, 7810];
const unknown = [7851, 7852, 7853, 7854, 7855, 7856, 7857, 7858, 7859, 7860];

function statusChanged(id: number): string {
  const body = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/zendesk/webhook-status-changed.json'), 'utf8'));
  Object.assign(body, { id: `evt-status-${id}`, subject: `zen:ticket:${id}` });
  body.detail.id = String(id);
  return JSON.stringify(body);
}

describe('SIGTERM while a host hangs', () => {
  it('exits within its grace, and the next start finishes every acknowledged event once', async () => {
    const { dir, zd } = suite;
    const dbFile = join(dir, 'cd.db');
    for (const id of [...created, ...unknown]) zd.seed(id);
    zd.delayMs = 60_000; // the API accepts connections and answers nothing for a minute
    // The default policy with the model off (rules-only-policy.ts): shutdown and redelivery, not classification.
    const env = zendeskEnv(dbFile, zd.url, {
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      POLICY_FILE: writeRulesOnlyPolicy(dir),
    });
    const first = await suite.launch(env);
    for (const id of created) expect((await postWebhook(first.url, zendeskCreated(id))).status).toBe(202);
    for (const id of unknown) expect((await postWebhook(first.url, statusChanged(id))).status).toBe(202);
    await waitUntil(() => zd.received >= 1, 'host calls are hanging in flight');

    const t0 = Date.now();
    first.child.kill('SIGTERM');
    let bound: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      first.exited,
      new Promise<'still running'>((r) => (bound = setTimeout(() => r('still running'), GRACE_MS + 4000))),
    ]);
    clearTimeout(bound); // a timer left behind keeps jest's worker from exiting
    const ms = Date.now() - t0;
    expect({ code, withinBound: ms < GRACE_MS + 4000 }).toEqual({ code: 0, withinBound: true });
    expect(first.output()).toContain('connector stopped');
    // acknowledged = in the inbox; nothing reached the host
    expect(count(dbFile, `SELECT COUNT(*) AS n FROM inbox`)).toBe(created.length + unknown.length);
    expect(created.map((id) => zd.puts(id)).reduce((a, b) => a + b, 0)).toBe(0);

    zd.delayMs = 0;
    const second = await suite.launch({ ...env, LOG_LEVEL: 'silent' });
    await waitUntil(
      () =>
        count(dbFile, `SELECT COUNT(*) AS n FROM outbox WHERE state <> 'done'`) === 0 &&
        count(dbFile, `SELECT COUNT(*) AS n FROM ticket_fetches WHERE state <> 'done'`) === 0 &&
        count(dbFile, `SELECT COUNT(*) AS n FROM inbox WHERE state <> 'done'`) === 0 &&
        created.every((id) => zd.puts(id) >= 1),
      'the restart finished the work',
      30_000,
    );
    expect(created.map((id) => zd.fake.comments.get(id)!.filter((x) => !x.public).length)).toEqual(created.map(() => 1));
    expect(count(dbFile, `SELECT COUNT(*) AS n FROM ticket_fetches WHERE state = 'done'`)).toBe(unknown.length);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});
