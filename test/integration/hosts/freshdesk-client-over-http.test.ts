/** The Freshdesk client against a stateful fake Freshdesk over real HTTP on 127.0.0.1. */
import { noteHasMarker } from '../../../connector/src/hosts/note-marker';
import { recorder, testPolicy } from '../../unit/connector/src/hosts/host-test-kit';
import { startFakeFreshdesk, type FdState } from './fake-freshdesk-server';
import { fakeHostPerTest, FRESHDESK_AUTH, freshdeskOverHttp } from './over-http-kit';

const policy = testPolicy();
let host: FdState;

fakeHostPerTest(
  () => startFakeFreshdesk(FRESHDESK_AUTH),
  (h) => {
    host = h;
    h.tickets.set(20, {
      id: 20,
      subject: 'Charged twice',
      description_text: 'I was charged twice',
      status: 2,
      priority: 1,
      source: 1,
      tags: ['billing_inbox'],
      custom_fields: { cf_product_batch: null },
      requester_id: 1001,
      group_id: null,
      created_at: '2026-11-21T08:00:00Z',
      updated_at: '2026-11-21T08:00:00Z',
      conversations: [],
    });
    h.conversations.set(20, []);
  },
);

function client() {
  const r = recorder();
  const fd = freshdeskOverHttp({
    domain: 'unused',
    baseUrl: host.url,
    getPolicy: () => policy,
    queue: { intervalCap: 100, interval: 1000 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    sleep: r.sleep,
    random: () => 0.5,
    logger: r.logger,
    metrics: r.metrics,
  });
  return { fd, r };
}

const note = { body: 'Billing / L2: refund check within 48 h.', marker: 'cd:fd:20:evt-3' };

it("tags are merged with the agent's, fields mapped, and the private note carries the marker", async () => {
  const { fd } = client();
  await fd.applyChange('20', {
    addTags: ['cd_cat_billing'],
    priority: 'high',
    group: 'senior',
    status: 'pending',
    fields: { product_batch: 'B7' },
    note,
  });
  const t = host.tickets.get(20)!;
  expect(t).toMatchObject({
    tags: ['billing_inbox', 'cd_cat_billing'],
    priority: 3,
    group_id: 7002,
    status: 3,
    custom_fields: { cf_product_batch: 'B7' },
  });
  const notes = host.conversations.get(20)!;
  expect(notes).toHaveLength(1);
  expect(notes[0].private).toBe(true);
  expect(noteHasMarker(notes[0].body, note.marker)).toBe(true);
  expect(host.log).toEqual(['GET /api/v2/tickets/20 200', 'PUT /api/v2/tickets/20 200', 'POST /api/v2/tickets/20/notes 201']);
});

it('a note that committed but answered 500 is not posted again, and a later retry skips it too', async () => {
  const { fd } = client();
  host.faults.push({ method: 'POST', path: '/api/v2/tickets/20/notes' });
  await fd.applyChange('20', { note });
  await fd.applyChange('20', { note }, { retry: true });
  expect(host.conversations.get(20)!.filter((c) => noteHasMarker(c.body, note.marker))).toHaveLength(1);
});

it('creates a follow-up as a child ticket and reads it back normalised', async () => {
  const { fd } = client();
  const { id } = await fd.createTicket({
    kind: 'follow_up',
    subject: 'Follow-up 20',
    body: 'Call back',
    requesterId: '1001',
    tags: ['cd_follow_up'],
    relatedTicketId: '20',
    dueAt: '2026-11-27T09:00:00.000Z',
  });
  expect(host.tickets.get(Number(id))).toMatchObject({ parent_id: 20, due_by: '2026-11-27T09:00:00.000Z', requester_id: 1001 });
  const back = await fd.getTicket(id);
  expect(back).toMatchObject({ host: 'freshdesk', id, subject: 'Follow-up 20', status: 'open', tags: ['cd_follow_up'] });
});

it('a creation that committed but answered 502 is not made twice, and a retry after a "crash" returns the same ticket', async () => {
  const { fd } = client();
  const input = {
    kind: 'follow_up' as const,
    subject: 'Follow-up 20 (again)',
    body: 'Call back "today"',
    requesterId: '1001',
    tags: ['cd_follow_up'],
    relatedTicketId: '20',
    idempotencyKey: 'cd:freshdesk:20:evt-77:follow_up',
  };
  const before = host.tickets.size;
  host.faults.push({ method: 'POST', path: '/api/v2/tickets' });
  const first = await fd.createTicket(input, { retry: false });
  const again = await fd.createTicket(input, { retry: true });
  expect(again).toEqual(first);
  expect(host.tickets.size).toBe(before + 1);
  expect(host.log.slice(-3)).toEqual(['POST /api/v2/tickets 502', 'GET /api/v2/tickets 200', 'GET /api/v2/tickets 200']);
});

/**
 * Freshdesk replaces the whole tag list on update and has no conditional update (developers.freshdesk.com/api/#update_ticket),
 * so an agent's tag added between our read and our write is lost by the write. Read late, and repair from the agent's
 * own event: the automation webhook of that edit carries its tags and {{ticket.modified_on}} (= `seenTags`, `updatedAt`).
 */
describe('agent edits under racing writes', () => {
  const agentTags = () => host.agentEdits.map((e) => e.tags.find((t) => t.startsWith('agent_'))!);
  const lost = () => agentTags().filter((t) => !host.tickets.get(20)!.tags.includes(t));

  it("a tag added between our read and our write: lost by the write, restored from the agent's event (20 rounds, 0 lost)", async () => {
    const { fd } = client();
    const rounds = 20;
    for (let i = 0; i < rounds; i++) {
      host.agentAfterRead.set(20, (t) => {
        t.tags = [...t.tags, `agent_${i}`];
      });
      await fd.applyChange('20', { addTags: [`cd_step_${i}`] });
      const edit = host.agentEdits[host.agentEdits.length - 1];
      // The agent's automation event reaches the connector after our write; the pipeline hands its tags to the client.
      await fd.applyChange('20', { seenTags: edit.tags, updatedAt: edit.at });
    }
    expect(host.agentEdits).toHaveLength(rounds);
    expect(lost()).toEqual([]);
    for (let i = 0; i < rounds; i++) expect(host.tickets.get(20)!.tags).toContain(`cd_step_${i}`);
  });

  it('a tag added just after our write, in the same second as the next event: the next write keeps it', async () => {
    const { fd } = client();
    await fd.getTicket('20');
    for (let i = 0; i < 10; i++) {
      await fd.applyChange('20', { addTags: [`cd_a_${i}`] });
      const at = host.agentEdit(20, (t) => {
        t.tags = [...t.tags, `agent_${i}`];
      });
      // The next event's modified_on falls in the same second as our write.
      await fd.applyChange('20', { addTags: [`cd_b_${i}`], updatedAt: at });
    }
    expect(lost()).toEqual([]);
  });

  it('the repair never re-adds a tag the connector itself removed, and costs no call when nothing was lost', async () => {
    const { fd } = client();
    host.tickets.get(20)!.tags = ['billing_inbox', 'cd_old'];
    await fd.applyChange('20', { removeTags: ['cd_old'], addTags: ['cd_new'] });
    const calls = host.log.length;
    await fd.applyChange('20', { seenTags: ['billing_inbox', 'cd_old'], updatedAt: '2026-11-21T08:00:00Z' });
    expect(host.tickets.get(20)!.tags).toEqual(['billing_inbox', 'cd_new']);
    expect(host.log.length).toBe(calls);
  });
});
