/**
 * Catch-up on missed events: webhooks dropped on the way (a `ticket_created` for two tickets, a status change for a
 * third) are recovered by one reconciliation run against the fake Freshdesk over HTTP (List All Tickets with
 * `updated_since`, as developers.freshdesk.com/api/#list_all_tickets documents), through the same inbox; a second
 * run, and a late redelivery of a dropped webhook, process nothing twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runReconcile } from '../../../connector/src/reconcile/run-reconcile';
import { parseFreshdeskAutomation } from '../../../connector/src/hosts/freshdesk/parse-freshdesk-automation';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { startFakeFreshdesk, type FdState } from './fake-freshdesk-server';
import { FRESHDESK_AUTH, fakeHostPerTest, pipelineOverHttp } from './over-http-kit';

const dir = tempDir();
let host: FdState;
fakeHostPerTest(
  () => startFakeFreshdesk(FRESHDESK_AUTH),
  (h) => (host = h),
);
afterAll(() => dir.cleanup());

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function webhook(event: string, t: Record<string, any>) {
  const b = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/freshdesk/webhook-ticket-created.json'), 'utf8'));
  Object.assign(b.ticket, {
    id: String(t.id),
    subject: t.subject,
    description: t.description_text,
    status: t.status === 4 ? 'Resolved' : 'Open',
    tags: t.tags.join(', '),
    created_at: t.created_at,
    updated_at: t.updated_at,
  });
  b.event = event;
  const r = parseFreshdeskAutomation(b, t.updated_at);
  if (r.ignored) throw new Error('ignored');
  return r.event;
}

it('events dropped at the webhook are recovered within one period, and nothing is processed twice', async () => {
  // The host's clock and the connector's agree (real time): the tickets were created a few minutes ago.
  const start = Date.now() - 5 * 60_000;
  const { db, hosts, pipeline } = pipelineOverHttp('freshdesk', host.url, dir.file('reconcile.db'), Date.now());
  host.clock.now = start;
  const subjects: Record<number, string> = { 701: 'Kettle lid broken', 702: 'Refund not received', 703: 'Charger sparks and smokes' };
  for (const id of [701, 702, 703]) {
    const at = iso(start + (id - 700) * 1000);
    host.tickets.set(id, {
      id,
      subject: subjects[id],
      description_text: `${subjects[id]}, please help.`,
      status: 2,
      priority: 2,
      source: 2,
      tags: [],
      custom_fields: {},
      requester_id: 70,
      created_at: at,
      updated_at: at,
    });
    host.conversations.set(id, []);
  }
  // Only 701's ticket_created reaches the connector.
  pipeline.ingest(webhook('ticket_created', host.tickets.get(701)!));
  await pipeline.idle();
  // Then an agent resolves 701 on Freshdesk (after the connector's own write); that automation webhook is dropped too.
  host.clock.now = Date.now() + 10_000;
  host.agentEdit(701, (t) => {
    t.status = 4;
  });
  host.clock.now = Date.now();
  const dropped = webhook('status_changed', host.tickets.get(701)!);

  const kinds = () => db.prepare(`SELECT ticket_id, kind FROM inbox ORDER BY id`).all() as { ticket_id: string; kind: string }[];
  const created = () =>
    db.prepare(`SELECT ticket_id, COUNT(*) AS n FROM decisions WHERE kind = 'classified' GROUP BY ticket_id ORDER BY ticket_id`).all();
  expect(created()).toEqual([{ ticket_id: '701', n: 1 }]);

  const period = 10 * 60_000;
  const callsBefore = host.log.length;
  const first = await runReconcile({ db, hosts, now: () => Date.now() + 20_000, lookbackMs: period });
  await pipeline.idle();
  expect(first).toEqual([expect.objectContaining({ host: 'freshdesk', bootstrapped: 2, refreshed: 1, statusEvents: 1 })]);
  const reads = host.log.slice(callsBefore).filter((l) => l.startsWith('GET')).length;
  console.log(
    `reconciliation: ${reads} Freshdesk reads for 3 recovered tickets (${(reads / 3).toFixed(2)} per ticket, listing included); writes are the normal processing of the recovered events`,
  );
  expect(created()).toEqual([
    { ticket_id: '701', n: 1 },
    { ticket_id: '702', n: 1 },
    { ticket_id: '703', n: 1 },
  ]);
  const p701 = db.prepare(`SELECT status FROM tickets WHERE host = 'freshdesk' AND id = '701'`).get() as { status: string };
  expect(p701.status).toBe('solved');
  expect(host.listings[0]).toMatch(/updated_since=.*order_by=updated_at&order_type=asc&per_page=100&page=1/);

  // The next period: the cursor is durable (a new run reads it from the database) and nothing is fed twice.
  const before = kinds().length;
  const second = await runReconcile({ db, hosts, now: () => Date.now() + 20_000 + period, lookbackMs: period });
  await pipeline.idle();
  expect(second).toEqual([expect.objectContaining({ bootstrapped: 0, refreshed: 0, statusEvents: 0 })]);
  expect(kinds().length).toBe(before);
  expect(host.listings[1]).not.toBe(host.listings[0]);

  // The dropped webhook is redelivered late: it is stored, but the ticket's state does not change twice.
  pipeline.ingest(dropped);
  await pipeline.idle();
  expect(created()).toEqual([
    { ticket_id: '701', n: 1 },
    { ticket_id: '702', n: 1 },
    { ticket_id: '703', n: 1 },
  ]);
  const statusDecisions = db.prepare(`SELECT COUNT(*) AS n FROM decisions WHERE ticket_id = '701' AND kind LIKE '%status%'`).get() as {
    n: number;
  };
  expect(statusDecisions.n).toBeLessThanOrEqual(1);
  await pipeline.stop();
  db.close();
});
