/**
 * Issue 13's fleet tests: three connector PROCESSES (the bundled `npm start` entry) on one real PostgreSQL, behind a
 * round-robin client (test/support/fleet.ts), against a fake Zendesk on 127.0.0.1.
 * 1. Signed events spread over all three, one replica SIGKILLed mid-stream and restarted: every acknowledged event
 *    processed, exactly one note per ticket, no ticket's events out of order. Size: FLEET_TICKETS tickets × 4
 *    events (default 500 × 4 = the issue's 2,000; measured on the shared 2-core machine at load average 14-17 in
 *    three runs: all done 60-116 s after the first post, the test 73-135 s, this file 3 min 4 s - 4 min 21 s;
 *    FLEET_TICKETS=100 for a quicker run).
 * 2. A host answering 429 with Retry-After over its limit (the same as HOST_RATE_LIMIT_PER_MIN): every call that
 *    arrives, 429s included, counted in every sliding window of the host's, stays within the limit (three separate
 *    limits would let three times through). The host counts 10 s, not a minute (HOST_RATE_LIMIT_WINDOW_MS), so the
 *    test waits one short window instead of a minute. The shared 429 pause itself:
 *    test/integration/store/rate-limit-store.test.ts.
 * 3. Timers due while a replica is dead fire once, on the replicas alive.
 * The replicas run the default policy with its learned model off (test/support/rules-only-policy.ts): none of this is
 * about classification, and the file starts eleven processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlakyZendesk, waitUntil, type FlakyZendesk } from '../faults/fault-kit';
import { sharedBundle } from '../faults/shared-bundle';
import { startFleet, roundRobin, limitHost, type Fleet } from '../../support/fleet';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';
import { sharedPostgres } from '../../support/shared-postgres';
import { busiestWindow } from '../../support/virtual-time';
import { commentId, commentOrder, notesOf, pgRows, settled, ticketEvent } from './replica-kit';

const TICKETS = Number(process.env.FLEET_TICKETS ?? 500);
const COMMENTS = 3;
const UNLIMITED = { HOST_RATE_LIMIT_PER_MIN: '1000000' };
let POLICY: { POLICY_FILE: string };

describePostgres('three connector processes on one PostgreSQL', () => {
  let dir: string;
  let server: string;
  let pg: PgServer;
  let zd: FlakyZendesk;
  let fleet: Fleet | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-fleet-'));
    POLICY = { POLICY_FILE: writeRulesOnlyPolicy(dir) };
    [server, pg, zd] = await Promise.all([sharedBundle(dir), sharedPostgres(), startFlakyZendesk()]);
  }, 90_000);
  afterEach(async () => {
    for (const r of fleet?.replicas ?? []) if (r && r.child.exitCode === null) r.child.kill('SIGKILL');
    fleet = null;
    zd.override = null;
  });
  afterAll(async () => {
    await zd?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every ticket's events in order (each after the previous one's ack), `lanes` tickets at a time; `after(i)` once i tickets are sent. */
  async function sendAll(
    client: ReturnType<typeof roundRobin>,
    ids: number[],
    comments: number,
    lanes: number,
    after: (i: number) => Promise<void> = async () => undefined,
  ) {
    const acked = new Set<string>();
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < ids.length) {
          const id = ids[next++];
          for (let k = 0; k <= comments; k++) {
            const body = ticketEvent(id, k);
            const status = await client.post(body);
            if (status < 200 || status >= 300) throw new Error(`event ${k} of ticket ${id} was never acknowledged (last status ${status})`);
            acked.add(JSON.parse(body).id);
          }
          await after(++done);
        }
      }),
    );
    return acked;
  }

  async function expectAllDone(url: string, ids: number[], acked: Set<string>, comments: number, what: string): Promise<void> {
    await waitUntil(async () => (await settled(url)) && ids.every((id) => notesOf(zd, id) >= 1), what, 240_000);
    const state = new Map(
      (await pgRows<{ event_id: string; state: string }>(url, 'SELECT event_id, state FROM inbox')).map((r) => [r.event_id, r.state]),
    );
    expect([...acked].filter((e) => state.get(e) !== 'done')).toEqual([]);
    expect(ids.filter((id) => notesOf(zd, id) !== 1)).toEqual([]);
    const order = await commentOrder(url);
    const expected = (id: number) => JSON.stringify(Array.from({ length: comments }, (_, i) => commentId(id, i + 1)));
    expect(ids.filter((id) => JSON.stringify(order.get(String(id)) ?? []) !== expected(id))).toEqual([]);
    expect(await pgRows(url, `SELECT id FROM outbox WHERE state = 'parked'`)).toEqual([]);
  }

  it(`${TICKETS * (COMMENTS + 1)} signed events over three replicas, one SIGKILLed mid-stream and restarted`, async () => {
    const url = await pg.createDatabase();
    fleet = await startFleet({ server, pgUrl: url, zendeskUrl: zd.url, n: 3, env: { ...UNLIMITED, ...POLICY } });
    const f = fleet;
    const ids = Array.from({ length: TICKETS }, (_, i) => 20_000 + i);
    for (const id of ids) zd.seed(id);
    const client = roundRobin(f);
    const started = Date.now();
    let killedAt = 0;
    const acked = await sendAll(client, ids, COMMENTS, 12, async (i) => {
      if (i === Math.floor(TICKETS / 3)) {
        killedAt = Date.now();
        await f.kill(0);
      }
      if (i === Math.floor((2 * TICKETS) / 3)) await f.restart(0);
    });
    expect(killedAt).toBeGreaterThan(0);
    expect(acked.size).toBe(TICKETS * (COMMENTS + 1));
    await expectAllDone(url, ids, acked, COMMENTS, 'every acknowledged event processed and sent');
    process.stdout.write(`three replicas, one SIGKILLed: ${acked.size} events acknowledged and done in ${Date.now() - started} ms\n`);
    expect(await f.stop()).toEqual([0, 0, 0]);
  }, 480_000);

  it('a host answering 429 with Retry-After over its limit: the three together stay under the limit in every window of the host', async () => {
    const url = await pg.createDatabase();
    const LIMIT = 30; // HOST_RATE_LIMIT_PER_MIN, shared by the three through the database; the host allows the same
    // The host counts its limit per 10 s. The connectors count per 11 s: the same 1 s of slack for arrival jitter
    // (event loops, HTTP) that a 60 s window configured for a host's minute has.
    const HOST_WINDOW = 10_000;
    fleet = await startFleet({
      server,
      pgUrl: url,
      zendeskUrl: zd.url,
      n: 3,
      env: { HOST_RATE_LIMIT_PER_MIN: String(LIMIT), HOST_RATE_LIMIT_WINDOW_MS: String(HOST_WINDOW + 1000), ...POLICY },
    });
    const ids = Array.from({ length: 20 }, (_, i) => 30_000 + i); // 2 calls each (read, update): more than a window's budget
    for (const id of ids) zd.seed(id);
    const from = zd.arrivals.length;
    const host = limitHost(zd, LIMIT, HOST_WINDOW);
    const acked = await sendAll(roundRobin(fleet), ids, 0, 6);
    await expectAllDone(url, ids, acked, 0, 'every ticket processed and noted');
    const calls = zd.arrivals.slice(from).map((a) => a.at);
    process.stdout.write(
      `rate limit: ${calls.length} calls for ${ids.length} tickets, ${host.rejected.length} answered 429, busiest ${HOST_WINDOW / 1000} s window ${busiestWindow(calls, HOST_WINDOW)}\n`,
    );
    expect(calls.length).toBeGreaterThan(LIMIT);
    // the combined rate, 429s included, never above the limit in any sliding window of the host (three separate limits: 3x)
    expect(busiestWindow(calls, HOST_WINDOW)).toBeLessThanOrEqual(LIMIT);
    // a 429 can only come from arrival jitter at a window's edge; each one paused all three (Retry-After)
    expect(host.rejected.length).toBeLessThanOrEqual(3);
    expect(await fleet.stop()).toEqual([0, 0, 0]);
  }, 240_000);

  it('timers due while a replica is dead fire once, on the replicas alive', async () => {
    const url = await pg.createDatabase();
    fleet = await startFleet({ server, pgUrl: url, zendeskUrl: zd.url, n: 3, env: { ...UNLIMITED, ...POLICY } });
    const ids = Array.from({ length: 9 }, (_, i) => 40_000 + i);
    const now = new Date().toISOString();
    for (const id of ids) {
      zd.seed(id);
      Object.assign(zd.fake.tickets.get(id)!, { created_at: now, updated_at: now }); // opened now: its SLA deadlines lie ahead
    }
    const client = roundRobin(fleet);
    const acked = new Set<string>();
    for (const id of ids) {
      const body = JSON.parse(ticketEvent(id, 0));
      Object.assign(body, { time: now });
      Object.assign(body.detail, { created_at: now, updated_at: now });
      expect(await client.post(JSON.stringify(body))).toBe(202);
      acked.add(body.id);
    }
    await expectAllDone(url, ids, acked, 0, 'the tickets processed, their SLA timers scheduled');
    const timers = await pgRows<{ id: string; ticket_id: string; kind: string }>(
      url,
      `SELECT id, ticket_id, kind FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND ticket_id = ANY($1) ORDER BY id`,
      [ids.map(String)],
    );
    expect(new Set(timers.map((t) => t.ticket_id)).size).toBe(ids.length);
    await fleet.kill(0);
    // The SLA deadlines are hours away: bring them to 2 s from now (the same as the hours passing), with one replica dead.
    await pgRows(
      url,
      `UPDATE timers SET due_at = (extract(epoch from clock_timestamp()) * 1000)::bigint + 2000 + id % 1000 WHERE id = ANY($1)`,
      [timers.map((t) => t.id)],
    );
    const firedEvents = () =>
      pgRows<{ event_id: string; state: string }>(url, `SELECT event_id, state FROM inbox WHERE event_id LIKE 'timer:%'`);
    await waitUntil(
      async () => (await firedEvents()).filter((e) => e.state === 'done').length >= timers.length && (await settled(url)),
      'every timer fired and its event processed, by the two replicas alive',
      60_000,
    );
    const check = async () => {
      const events = await firedEvents();
      expect(events.map((e) => e.event_id).sort()).toEqual(timers.map((t) => `timer:${t.id}`).sort());
      expect(events.filter((e) => e.state !== 'done')).toEqual([]);
      const unfired = await pgRows(url, `SELECT id FROM timers WHERE id = ANY($1) AND fired_at IS NULL`, [timers.map((t) => t.id)]);
      expect(unfired).toEqual([]);
    };
    await check();
    const notes = new Map(ids.map((id) => [id, notesOf(zd, id)]));
    // the dead replica comes back: nothing fires twice
    const back = await fleet.restart(0);
    await waitUntil(async () => (await fetch(`${back.url}/readyz`)).ok && (await settled(url)), 'the restarted replica is ready and idle');
    await check();
    expect(new Map(ids.map((id) => [id, notesOf(zd, id)]))).toEqual(notes);
    expect(await fleet.stop()).toEqual([0, 0, 0]);
  }, 240_000);
});
