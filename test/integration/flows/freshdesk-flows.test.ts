import nock from 'nock';
import { created, inboxEvent } from '../../fixtures/connector-core/events';
import { T0, ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { endFlows, expectRequest, FD, flowPolicy, GROUPS, startFlow, writes, type Flow } from './flow-harness';

const dir = tempDir();
afterEach(() => endFlows());
afterAll(() => dir.cleanup());
const iso = (ms: number) => new Date(ms).toISOString();

/** Freshdesk ticket reads, updates and notes for these ids, any number of times. */
function freshdeskTickets(flow: Flow, ids: string[]) {
  for (const id of ids) {
    const record = (method: string) => (uri: string, body: unknown) => {
      flow.requests.push({ method, path: uri, body: body || null });
      return [200, { id: Number(id), tags: [], updated_at: '2026-11-23T02:00:05Z' }] as [number, nock.Body];
    };
    nock(FD).persist().get(`/api/v2/tickets/${id}`).query(true).reply(record('GET'));
    nock(FD).persist().put(`/api/v2/tickets/${id}`).reply(record('PUT'));
    nock(FD).persist().post(`/api/v2/tickets/${id}/notes`).reply(record('POST'));
  }
}

describe('flow: Freshdesk', () => {
  it('batch cluster → one tracker ticket linking every member, and a private note on each member', async () => {
    const flow = startFlow('freshdesk', flowPolicy(), dir);
    freshdeskTickets(flow, ['11', '12', '13']);
    expectRequest(flow, FD, 'post', '/api/v2/tickets', { id: 77, tags: ['cd_cluster'] }, 201);
    for (const id of ['11', '12', '13']) {
      flow.pipeline.ingest(created(ticket({ id, requester: { id: `5${id}`, name: 'C' }, fields: { product_batch: 'L-9' } }), 'freshdesk'));
      await flow.pipeline.idle();
    }
    const tracker = writes(flow).filter((w) => w.path === '/api/v2/tickets');
    expect(tracker).toHaveLength(1);
    expect(tracker[0].body).toMatchObject({ subject: '批次 L-9：14 天内 3 起投诉', tags: ['cd_cluster'], related_ticket_ids: [13, 11, 12], status: 2 });
    const memberNotes = writes(flow).filter((w) => w.path.endsWith('/notes') && String(w.body.body).includes('#77'));
    expect(memberNotes.map((n) => n.path).sort()).toEqual(['/api/v2/tickets/11/notes', '/api/v2/tickets/12/notes', '/api/v2/tickets/13/notes']);
    for (const n of memberNotes) expect(n.body).toMatchObject({ private: true });
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('follow-up after solve: a child ticket of the solved one, in the follow-up group', async () => {
    const flow = startFlow('freshdesk', flowPolicy(), dir);
    freshdeskTickets(flow, ['21']);
    expectRequest(flow, FD, 'post', '/api/v2/tickets', { id: 78 }, 201);
    flow.pipeline.ingest(created(ticket({ id: '21', channel: 'phone', requester: { id: '521', name: '李先生' } }), 'freshdesk'));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 3_600_000);
    flow.pipeline.ingest(inboxEvent('21', { kind: 'status.changed', status: 'solved' }, iso(T0 + 3_600_000), 'freshdesk'));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 3_600_000 + 3 * 86_400_000);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    const post = writes(flow).find((w) => w.path === '/api/v2/tickets')!;
    expect(post.body).toMatchObject({ subject: '回访：投诉 #21', parent_id: 21, group_id: GROUPS.front_line, tags: ['cd_follow_up'], requester_id: 521 });
    expect(post.body.description).toContain('满意度');
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });
});
