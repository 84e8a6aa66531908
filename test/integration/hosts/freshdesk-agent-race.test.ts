/**
 * Agent edits under racing writes, through the real pipeline against the fake Freshdesk over HTTP on 127.0.0.1.
 * Freshdesk replaces the tag list on update and has no conditional update (developers.freshdesk.com/api/#update_ticket):
 * each round an agent adds a tag right between the connector's read and its write, then the agent's own automation
 * webhook (the README body, event ticket_updated, {{ticket.tags}} and {{ticket.modified_on}} of that edit) arrives.
 * Counted: agent tags missing after the connector's writes (the race is real) and after the agent events (target 0).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseFreshdeskAutomation } from '../../../connector/src/hosts/freshdesk/parse-freshdesk-automation';
import { T0 } from '../../fixtures/connector-core/projection';
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

function body(event: string, id: number, tags: string[], updatedAt: string) {
  const b = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/freshdesk/webhook-ticket-created.json'), 'utf8'));
  b.event = event;
  b.ticket.id = String(id);
  b.ticket.tags = tags.join(', ');
  b.ticket.updated_at = updatedAt;
  const r = parseFreshdeskAutomation(b, updatedAt);
  if (r.ignored) throw new Error('ignored');
  return r.event;
}

it("counts agent tags lost under racing writes: all lost by the writes, none after the agents' own events", async () => {
  const { db, pipeline } = pipelineOverHttp('freshdesk', host.url, dir.file('race.db'), T0);
  const rounds = 12;
  const ids = Array.from({ length: rounds }, (_, i) => 600 + i);
  for (const id of ids) {
    host.tickets.set(id, {
      id,
      subject: 'Delivery arrived broken',
      description_text: 'The glass lid is shattered.',
      status: 2,
      priority: 2,
      source: 2,
      tags: ['delivery'],
      custom_fields: {},
      requester_id: 7,
      created_at: '2026-11-21T08:00:00Z',
      updated_at: '2026-11-21T08:00:00Z',
    });
    host.conversations.set(id, []);
    host.agentAfterRead.set(id, (t) => {
      t.tags = [...t.tags, `agent_${id}`];
    });
    pipeline.ingest(body('ticket_created', id, ['delivery'], '2026-11-21T08:00:00Z'));
    await pipeline.idle();
  }
  const agentTag = (id: number) => `agent_${id}`;
  const lostNow = () => ids.filter((id) => !host.tickets.get(id)!.tags.includes(agentTag(id))).length;
  expect(host.agentEdits).toHaveLength(rounds);
  const lostByWrites = lostNow();
  for (const e of host.agentEdits) {
    pipeline.ingest(body('ticket_updated', e.id, e.tags, e.at));
    await pipeline.idle();
  }
  const lostAfterRepair = lostNow();
  console.log(
    `agent tags lost under racing writes: ${lostByWrites}/${rounds} after the connector's writes, ${lostAfterRepair}/${rounds} after the agents' events`,
  );
  expect(lostByWrites).toBe(rounds);
  expect(lostAfterRepair).toBe(0);
  // The connector's own tags survived the repair.
  for (const id of ids) expect(host.tickets.get(id)!.tags.some((t: string) => t.startsWith('cd_sev_'))).toBe(true);
  await pipeline.stop();
  db.close();
});
