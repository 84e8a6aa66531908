/**
 * The Zendesk API is down for a while (503 on every call), on 127.0.0.1: the decided calls stay in the durable
 * outbox, /metrics and the admin health show them, and they go out once the API recovers: while running, and
 * after a restart of the connector. Each ticket is updated exactly once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, DEFAULT_POLICY, postWebhook, waitUntil, zendeskCreated, zendeskEnv, type FlakyZendesk } from './fault-kit';
import { faultPerTest } from './fault-per-test';

const policy = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
const tuning = {
  hostRetry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  pipeline: { pollMs: 30, retryBaseMs: 20, retryMaxMs: 100 },
};
let dir: string;
let zd: FlakyZendesk;
let c: RunningConnector | null = null;
faultPerTest(
  'cd-outage-',
  (d, z) => ([dir, zd] = [d, z]),
  () => c,
);

const start = () =>
  startConnector({
    env: zendeskEnv(join(dir, 'cd.db'), zd.url),
    port: 0,
    hostname: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    tuning,
  });

async function outboxMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^complaint_desk_outbox_calls\{host="zendesk",state="(\w+)"\} (\d+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

async function health(url: string): Promise<any> {
  const res = await fetch(`${url}/admin/api/health`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.json();
}

const pending = (conn: RunningConnector) =>
  (conn.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`).get() as { n: number }).n;

describe('host API down for a while', () => {
  it('keeps the calls while the API answers 503, shows them on /metrics and /admin health, sends them after recovery', async () => {
    zd.seed(7001);
    zd.seed(7002);
    zd.down = true;
    c = await start();
    for (const id of [7001, 7002]) expect((await postWebhook(c.url, zendeskCreated(id))).status).toBe(202);
    const conn = c;
    await waitUntil(
      () =>
        zd.refused >= 4 &&
        (conn.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND attempts >= 2`).get() as { n: number }).n === 2,
      'both calls retried while the API is down',
    );

    expect(await outboxMetrics(c.url)).toMatchObject({ pending: 2, retrying: 2, parked: 0 });
    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toMatch(/^complaint_desk_host_calls_total\{host="zendesk",status="503"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^complaint_desk_host_retries_total\{host="zendesk"\} [1-9]\d*$/m);
    const h = await health(c.url);
    expect(h.queue).toMatchObject({ outboxPending: 2, outboxParked: 0 });
    expect(h.hosts.find((x: { host: string }) => x.host === 'zendesk')).toMatchObject({
      status: 'retrying',
      lastError: { code: 'server_error' },
    });
    expect(zd.puts(7001) + zd.puts(7002)).toBe(0);

    zd.down = false;
    await waitUntil(() => pending(conn) === 0, 'the outbox drained after recovery');
    expect([zd.puts(7001), zd.puts(7002)]).toEqual([1, 1]);
    expect(zd.fake.comments.get(7001)!.filter((x) => !x.public)).toHaveLength(1); // one internal note, not one per attempt
    expect(await outboxMetrics(c.url)).toEqual({});
    expect((await health(c.url)).hosts.find((x: { host: string }) => x.host === 'zendesk').status).toBe('ok');
  });

  it('a restart while the API is still down loses nothing: the calls go out after restart and recovery, once', async () => {
    zd.seed(7101);
    zd.down = true;
    c = await start();
    expect((await postWebhook(c.url, zendeskCreated(7101))).status).toBe(202);
    const first = c;
    await waitUntil(() => zd.refused >= 2 && pending(first) === 1, 'the call failed at least once');
    await c.close();
    c = null;

    c = await start();
    expect(pending(c)).toBe(1);
    expect(await outboxMetrics(c.url)).toMatchObject({ pending: 1, retrying: 1 });
    zd.down = false;
    const second = c;
    await waitUntil(() => pending(second) === 0, 'the kept call went out after the restart');
    expect(zd.puts(7101)).toBe(1);
    expect(zd.fake.tickets.get(7101)!.tags).toEqual(expect.arrayContaining(['kettle', `${policy.tags.severityPrefix}l1`]));
    expect(zd.fake.comments.get(7101)!.filter((x) => !x.public)).toHaveLength(1);
  });
});
