/**
 * Head-of-line blocking, on real HTTP hosts on 127.0.0.1 with the connector's production retry settings:
 * - Freshdesk's API is down while 30 Freshdesk events for tickets the connector never saw wait to be fetched:
 *   a new Zendesk complaint still gets its note within seconds of the ack (not minutes).
 * - Zendesk answers 429 `Retry-After: 60` for ticket A's update (and for fetching unknown ticket C): ticket B's
 *   event is processed (its sidebar view answers) and its note written within seconds; A's call is a scheduled retry
 *   (`next_attempt_at` ~60 s ahead), not a sleep.
 * The connector runs the default policy with its learned model off (test/support/rules-only-policy.ts): the queues
 * are the subject here, not classification.
 */
import { join } from 'node:path';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import { readFileSync } from 'node:fs';
import {
  APP_SECRET,
  ROOT,
  freshdeskEnv,
  freshdeskReply,
  postFreshdesk,
  postWebhook,
  startDownHost,
  waitUntil,
  zendeskCreated,
  zendeskEnv,
  type FlakyZendesk,
} from './fault-kit';
import { faultPerTest } from './fault-per-test';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';

let dir: string;
let zd: FlakyZendesk;
let fd: Awaited<ReturnType<typeof startDownHost>>;
let c: RunningConnector | null = null;
faultPerTest(
  'cd-hol-',
  (d, z) => ([dir, zd] = [d, z]),
  () => c,
);
afterEach(() => fd?.close());
beforeEach(async () => {
  fd = await startDownHost(50);
});

const start = () =>
  startConnector({
    env: { ...zendeskEnv(join(dir, 'cd.db'), zd.url, { POLICY_FILE: writeRulesOnlyPolicy(dir) }), ...freshdeskEnv(fd.url) },
    port: 0,
    hostname: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    tuning: { pipeline: { pollMs: 200 } },
  });

/**
 * A held pipeline takes minutes here (the old worker awaited the transport's in-line retries; a 429 says
 * Retry-After: 60), a free one well under a second on a quiet box. 2 s failed once (2,041 ms) on a 2-core box
 * at load 8, so the bound sits between the two with room for a loaded machine.
 */
const NOT_HELD_MS = 10_000;

/** Ms from now until ticket `id`'s update (with its internal note) reached Zendesk. */
async function msUntilNote(id: number): Promise<number> {
  const t0 = Date.now();
  await waitUntil(() => zd.puts(id) >= 1, `ticket ${id}'s note reached Zendesk`, 60_000);
  return Date.now() - t0;
}

describe('one host or ticket in trouble does not hold the rest', () => {
  it('Freshdesk down with 30 unknown tickets to fetch: a Zendesk note still goes out within seconds', async () => {
    c = await start();
    for (let i = 0; i < 30; i++) expect(await postFreshdesk(c.url, freshdeskReply(6600 + i))).toBe(202);
    const conn = c;
    await waitUntil(
      () =>
        fd.refused() >= 3 &&
        (conn.db.prepare(`SELECT COUNT(*) AS n FROM ticket_fetches WHERE host = 'freshdesk'`).get() as { n: number }).n === 30,
      'Freshdesk fetches are failing',
    );
    zd.seed(7501);
    expect((await postWebhook(c.url, zendeskCreated(7501))).status).toBe(202);
    const ms = await msUntilNote(7501);
    expect(zd.fake.comments.get(7501)!.filter((x) => !x.public)).toHaveLength(1);
    expect(ms).toBeLessThan(NOT_HELD_MS);
  }, 90_000);

  it('a 429 Retry-After: 60 on ticket A (and on fetching ticket C) does not hold ticket B of the same host', async () => {
    for (const id of [7601, 7602]) zd.seed(id);
    zd.override = (method, path) =>
      (method === 'PUT' && path === '/api/v2/tickets/7601.json') || (method === 'GET' && path.startsWith('/api/v2/tickets/7603'))
        ? { status: 429, headers: { 'retry-after': '60' }, body: { error: 'TooManyRequests' } }
        : null;
    c = await start();
    const conn = c;
    expect((await postWebhook(c.url, zendeskCreated(7601))).status).toBe(202);
    // an event for ticket 7603, which the connector never saw created: it must be fetched (and that fetch gets 429)
    const changed = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/zendesk/webhook-status-changed.json'), 'utf8'));
    Object.assign(changed, { id: 'evt-unknown-7603', subject: 'zen:ticket:7603' });
    changed.detail.id = '7603';
    expect((await postWebhook(c.url, JSON.stringify(changed))).status).toBe(202);
    await waitUntil(
      () =>
        zd.arrivals.some((a) => a.method === 'PUT' && a.path === '/api/v2/tickets/7601.json') &&
        zd.arrivals.some((a) => a.method === 'GET' && a.path.startsWith('/api/v2/tickets/7603')),
      'ticket A and the fetch of C got their 429',
    );

    const acked = Date.now();
    expect((await postWebhook(c.url, zendeskCreated(7602))).status).toBe(202);
    let viewMs = 0;
    await waitUntil(
      async () => {
        const res = await fetch(`${conn.url}/api/v1/tickets/zendesk/7602/view`, {
          headers: { 'x-complaint-desk-key': APP_SECRET, 'x-complaint-desk-agent': 'agent-1' },
        });
        await res.arrayBuffer();
        viewMs = Date.now() - acked;
        return res.status === 200;
      },
      'ticket B is processed (its sidebar view answers)',
      60_000,
    );
    await msUntilNote(7602);
    const noteMs = Date.now() - acked;
    expect(zd.puts(7601)).toBe(0);
    const a = conn.db
      .prepare(`SELECT next_attempt_at, last_error_code FROM outbox WHERE ticket_id = '7601' AND state = 'pending'`)
      .get() as { next_attempt_at: number; last_error_code: string };
    expect(a.last_error_code).toBe('rate_limited');
    expect(a.next_attempt_at).toBeGreaterThan(Date.now() + 50_000); // a scheduled retry, honouring Retry-After
    const fetchC = conn.db.prepare(`SELECT next_attempt_at, last_error_code FROM ticket_fetches WHERE ticket_id = '7603'`).get() as {
      next_attempt_at: number;
      last_error_code: string;
    };
    expect(fetchC).toMatchObject({ last_error_code: 'rate_limited' });
    expect(fetchC.next_attempt_at).toBeGreaterThan(Date.now() + 50_000);
    expect(viewMs).toBeLessThan(NOT_HELD_MS);
    expect(noteMs).toBeLessThan(NOT_HELD_MS);
  }, 90_000);
});
