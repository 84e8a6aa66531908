/**
 * SIGTERM while work is in progress, on the real process (the bundled `npm start` entry) with a slow Zendesk
 * API on 127.0.0.1: the host call in flight finishes and is recorded (drain), the process exits 0, events
 * acknowledged but not processed yet stay in the inbox, and a restart finishes them: every ticket is updated
 * exactly once. The connector runs the default policy with its learned model off (test/support/rules-only-policy.ts):
 * draining and redelivery, not classification.
 */
import { join } from 'node:path';
import { bundledSuite, sqliteRows as rows } from './bundled-suite';
import { postWebhook, waitUntil, zendeskCreated, zendeskEnv } from './fault-kit';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';

const suite = bundledSuite('cd-sigterm-');
const launch = (dbFile: string) =>
  suite.launch(zendeskEnv(dbFile, suite.zd.url, { LOG_LEVEL: 'info', POLICY_FILE: writeRulesOnlyPolicy(suite.dir) }));

describe('SIGTERM during processing', () => {
  it('drains the call in flight, exits 0, and the restart finishes the rest exactly once', async () => {
    const { dir, zd } = suite;
    const dbFile = join(dir, 'cd.db');
    for (const id of [7401, 7402, 7403]) zd.seed(id);
    zd.delayMs = 1500; // every Zendesk call is slow

    const first = await launch(dbFile);
    expect((await postWebhook(first.url, zendeskCreated(7401))).status).toBe(202);
    await waitUntil(() => zd.received >= 1, 'the first Zendesk call is in flight');
    // acknowledged (committed) while the worker waits on Zendesk: still in the inbox at shutdown
    for (const id of [7402, 7403]) expect((await postWebhook(first.url, zendeskCreated(id))).status).toBe(202);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('shutting down: draining in-flight work');
    expect(first.output()).toContain('connector stopped');

    // drained: the call in flight completed and was recorded; whatever was not sent yet is durable, not lost
    expect(zd.puts(7401)).toBe(1);
    expect(rows(dbFile, `SELECT ticket_id, state FROM outbox WHERE ticket_id = '7401'`)).toEqual([{ ticket_id: '7401', state: 'done' }]);
    for (const id of ['7402', '7403']) {
      const sent = rows(dbFile, `SELECT 1 FROM outbox WHERE ticket_id = '${id}' AND state = 'done'`).length > 0;
      const left =
        rows(
          dbFile,
          `SELECT 1 FROM inbox WHERE ticket_id = '${id}' AND state = 'pending' UNION ALL SELECT 1 FROM outbox WHERE ticket_id = '${id}' AND state = 'pending'`,
        ).length > 0;
      expect({ id, sentOrLeft: sent || left, puts: zd.puts(Number(id)) }).toEqual({ id, sentOrLeft: true, puts: sent ? 1 : 0 });
    }

    zd.delayMs = 0;
    const second = await launch(dbFile);
    await waitUntil(
      () => rows(dbFile, `SELECT 1 FROM inbox WHERE state <> 'done' UNION ALL SELECT 1 FROM outbox WHERE state <> 'done'`).length === 0,
      'the restart finished the work',
      30_000,
    );
    expect([zd.puts(7401), zd.puts(7402), zd.puts(7403)]).toEqual([1, 1, 1]);
    for (const id of [7401, 7402, 7403]) expect(zd.fake.comments.get(id)!.filter((x) => !x.public)).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);
});
