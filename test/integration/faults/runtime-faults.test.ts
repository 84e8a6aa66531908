/**
 * Faults while running, on a real server (127.0.0.1) and a real SQLite file:
 * - the disk fills up during a webhook → 503 (the host retries), nothing stored, nothing acked; the
 *   redelivery after space is freed is accepted and processed once;
 * - the policy file is replaced by a broken one → the running policy stays, the error log names the file
 *   and each JSON path; a fixed file is picked up again.
 * The disk-full connector runs the default policy with its learned model off (test/support/rules-only-policy.ts): the
 * store is the subject there, and the model would read its 100 KB complaint for nothing.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { APP_SECRET, DEFAULT_POLICY, logSink, postWebhook, waitUntil, zendeskCreated, zendeskEnv, type FlakyZendesk } from './fault-kit';
import { faultPerTest } from './fault-per-test';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';

let dir: string;
let zd: FlakyZendesk;
let c: RunningConnector | null = null;
faultPerTest(
  'cd-runtime-faults-',
  (d, z) => ([dir, zd] = [d, z]),
  () => c,
);

/** What is committed, seen through a second connection to the file. */
function inboxCount(file: string, eventId: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM inbox WHERE event_id = ?').get(eventId) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('disk full during a webhook', () => {
  it('answers 503 and stores nothing; the redelivery after space is freed gets 202 and is processed once', async () => {
    const file = join(dir, 'cd.db');
    zd.seed(7301);
    c = await startConnector({
      env: zendeskEnv(file, zd.url, { POLICY_FILE: writeRulesOnlyPolicy(dir) }),
      port: 0,
      hostname: '127.0.0.1',
      logger: createLogger({ level: 'silent' }),
      tuning: { pipeline: { pollMs: 30 } },
    });
    // The store may not grow any more: the next write that needs a page fails with SQLITE_FULL, as on a full disk.
    const pages = Number(c.db.pragma('page_count', { simple: true }));
    c.db.pragma(`max_page_count = ${pages}`);
    const body = zendeskCreated(7301, `The charger is smoking. ${'Details of what happened. '.repeat(4000)}`);
    const refused = await postWebhook(c.url, body);
    expect(refused.status).toBe(503);
    expect(refused.json.error.code).toBe('unavailable');
    expect(inboxCount(file, 'evt-created-7301')).toBe(0);
    expect(await (await fetch(`${c.url}/metrics`)).text()).toMatch(/^complaint_desk_webhooks_total\{host="zendesk",result="error"\} 1$/m);

    c.db.pragma('max_page_count = 1073741823');
    const accepted = await postWebhook(c.url, body);
    expect(accepted).toMatchObject({ status: 202, json: { accepted: true } });
    expect(inboxCount(file, 'evt-created-7301')).toBe(1);
    await waitUntil(() => zd.puts(7301) === 1, 'the redelivered event reached Zendesk');
    await c.pipeline.idle();
    expect(zd.puts(7301)).toBe(1);
  });
});

describe('policy file replaced by a broken one while running', () => {
  it('keeps the running policy, logs the file and each JSON path at error level, and takes the next good file', async () => {
    const policyFile = join(dir, 'policy.json');
    const good = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
    writeFileSync(policyFile, JSON.stringify({ ...good, version: '2026.11.60' }, null, 2));
    const log = logSink();
    c = await startConnector({
      env: zendeskEnv(join(dir, 'cd.db'), zd.url, { POLICY_FILE: policyFile }),
      port: 0,
      hostname: '127.0.0.1',
      logger: createLogger({ level: 'info', destination: log.stream }),
      watchPolicy: true,
      startPipeline: false,
    });
    const key = { 'x-complaint-desk-key': APP_SECRET, 'x-complaint-desk-agent': 'amy' };
    const etag = (await fetch(`${c.url}/api/v1/policy`, { headers: key })).headers.get('etag');
    const rejected = () => log.lines.filter((l) => l.msg === 'policy file rejected; the running policy stays');

    const broken = {
      ...good,
      version: '2026.11.61',
      severities: { ...good.severities, L2: { ...good.severities.L2, respondWithinMinutes: 0 } },
      sla: { ...good.sla, warnAtPercent: 250 },
    };
    writeFileSync(policyFile, JSON.stringify(broken, null, 2));
    await waitUntil(() => rejected().length >= 1, 'the broken file was read and rejected');
    const line = rejected()[0];
    expect(line).toMatchObject({ level: 'error', file: policyFile });
    expect(line.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['severities.L2.respondWithinMinutes', 'sla.warnAtPercent']),
    );
    expect(c.policyStore.current().version).toBe('2026.11.60');
    const served = await fetch(`${c.url}/api/v1/policy`, { headers: { ...key, 'if-none-match': etag! } });
    expect(served.status).toBe(304);

    writeFileSync(policyFile, '{ "version": "2026.11.62", ');
    await waitUntil(() => rejected().length >= 2, 'the truncated file was rejected');
    expect(rejected().at(-1)!.problems[0].path).toMatch(/line 1, column/);
    expect(c.policyStore.current().version).toBe('2026.11.60');

    writeFileSync(policyFile, JSON.stringify({ ...good, version: '2026.11.63' }, null, 2));
    const conn = c;
    await waitUntil(() => conn.policyStore.current().version === '2026.11.63', 'the fixed file was activated');
  });
});
