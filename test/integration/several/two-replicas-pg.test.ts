/**
 * Two connector PROCESSES (the bundled `npm start` entry) on one real PostgreSQL database, behind a
 * round-robin client, against a fake Zendesk on 127.0.0.1. Every ticket gets `ticket.created` and two
 * customer comments, its events spread over both replicas (each acknowledged before the ticket's next is
 * sent). Checks: every acknowledged event processed once, exactly one internal note per ticket, and each
 * ticket's comments recorded in the order they were sent. The second test SIGKILLs a replica mid-stream
 * (the client sends to the survivor what the dead one did not acknowledge) and restarts it. The replicas run the
 * default policy with its learned model off (test/support/rules-only-policy.ts): none of this is about classification.
 */
import { bundledSuite } from '../faults/bundled-suite';
import { ADMIN_TOKEN, APP_SECRET, waitUntil, type Launched } from '../faults/fault-kit';
import { describePostgres } from '../../support/postgres-server';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';
import { commentId, commentOrder, launchReplica, notesOf, pgRows, post, settled, ticketEvent } from './replica-kit';

const COMMENTS = 2;

describePostgres('several connector processes on one PostgreSQL', () => {
  const suite = bundledSuite('cd-replicas-', { postgres: true });
  const launch = async (url: string) => {
    const r = await launchReplica(suite.server, url, suite.zd, { POLICY_FILE: writeRulesOnlyPolicy(suite.dir) });
    suite.track(r.child);
    return r;
  };

  /**
   * Sends every ticket's events in order (the next only after the previous was acknowledged), tickets 8 at a
   * time; event k of ticket n goes to replica (n + k) % 2, or to the other when that one does not answer.
   * `during(i)` runs after the i-th ticket finished. Returns the event ids acknowledged (2xx).
   */
  async function sendAll(
    ids: number[],
    targets: () => string[],
    during: (i: number) => Promise<void> = async () => undefined,
  ): Promise<Set<string>> {
    const acked = new Set<string>();
    let next = 0;
    let finished = 0;
    const one = async (id: number) => {
      for (let k = 0; k <= COMMENTS; k++) {
        const body = ticketEvent(id, k);
        for (let attempt = 0; ; attempt++) {
          const urls = targets();
          const status = await post(urls[(id + k + attempt) % urls.length], body);
          if (status >= 200 && status < 300) {
            acked.add(JSON.parse(body).id);
            break;
          }
          if (attempt > 20) throw new Error(`event ${k} of ticket ${id} was never acknowledged (last status ${status})`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) {
          await one(ids[next++]);
          await during(++finished);
        }
      }),
    );
    return acked;
  }

  async function expectAllDone(url: string, ids: number[], acked: Set<string>, what: string): Promise<void> {
    const { zd } = suite;
    await waitUntil(async () => (await settled(url)) && ids.every((id) => notesOf(zd, id) >= 1), what, 90_000);
    const inbox = await pgRows<{ event_id: string; state: string }>(url, 'SELECT event_id, state FROM inbox');
    const state = new Map(inbox.map((r) => [r.event_id, r.state]));
    expect([...acked].filter((e) => state.get(e) !== 'done')).toEqual([]);
    expect(ids.filter((id) => notesOf(zd, id) !== 1)).toEqual([]);
    expect(ids.filter((id) => zd.puts(id) < 1)).toEqual([]);
    const order = await commentOrder(url);
    const wrong = ids.filter(
      (id) => JSON.stringify(order.get(String(id))) !== JSON.stringify(Array.from({ length: COMMENTS }, (_, i) => commentId(id, i + 1))),
    );
    expect(wrong).toEqual([]);
    const parked = await pgRows(url, `SELECT id FROM outbox WHERE state = 'parked'`);
    expect(parked).toEqual([]);
  }

  it('events spread over two replicas: each processed once, one note per ticket, comments in order', async () => {
    const { pg, zd } = suite;
    const url = await pg.createDatabase();
    const [a, b] = [await launch(url), await launch(url)];
    const ids = Array.from({ length: 40 }, (_, i) => 8100 + i);
    for (const id of ids) zd.seed(id);
    const acked = await sendAll(ids, () => [a.url, b.url]);
    expect(acked.size).toBe(ids.length * (COMMENTS + 1));
    await expectAllDone(url, ids, acked, 'both replicas processed and sent everything');
    // The sidebar API and the admin console read the shared store from either replica (admin-pg.test.ts tests the console).
    const key = { 'x-complaint-desk-key': APP_SECRET, 'x-complaint-desk-agent': 'amy' };
    const views = await Promise.all(
      [a, b].map(async (r) => {
        const res = await fetch(`${r.url}/api/v1/tickets/zendesk/${ids[0]}/view`, { headers: key });
        expect(res.status).toBe(200);
        return (await res.json()) as { ticketId: string; classification: unknown; evidence: unknown };
      }),
    );
    expect(views[0].ticketId).toBe(String(ids[0]));
    expect(views[1].classification).toEqual(views[0].classification);
    const admin = await fetch(`${a.url}/admin/api/health`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as { queue: { inboxPending: number } }).queue.inboxPending).toBe(0);
    for (const r of [a, b]) r.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
  }, 180_000);

  it('a replica SIGKILLed mid-stream: the survivor takes its tickets over; after a restart every acknowledged event was processed once', async () => {
    const { pg, zd } = suite;
    const url = await pg.createDatabase();
    let a: Launched = await launch(url);
    const b = await launch(url);
    const ids = Array.from({ length: 60 }, (_, i) => 8300 + i);
    for (const id of ids) zd.seed(id);
    let aAlive = true;
    let killedAt = 0;
    const acked = await sendAll(
      ids,
      () => (aAlive ? [a.url, b.url] : [b.url]),
      async (i) => {
        if (i !== 20) return;
        a.child.kill('SIGKILL');
        aAlive = false;
        killedAt = Date.now();
      },
    );
    expect(killedAt).toBeGreaterThan(0);
    await a.exited;
    await expectAllDone(url, ids, acked, "the survivor finished everything, including the dead replica's tickets");
    const takeoverMs = Date.now() - killedAt;
    a = await launch(url);
    await waitUntil(async () => (await fetch(`${a.url}/readyz`)).ok, 'the restarted replica is ready');
    await expectAllDone(url, ids, acked, 'nothing more after the restart');
    process.stdout.write(`two replicas, one SIGKILLed: all ${acked.size} acknowledged events done ${takeoverMs} ms after the kill\n`);
    for (const r of [a, b]) r.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
  }, 240_000);
});
