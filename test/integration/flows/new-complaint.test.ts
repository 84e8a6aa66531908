import { noteMarker } from '../../../connector/src/pipeline/execute-event';
import { withMarker } from '../../../connector/src/hosts/note-marker';
import { created } from '../../fixtures/connector-core/events';
import { ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { endFlows, expectRequest, FD, flowPolicy, GROUPS, startFlow, ZD, zdTicket } from './flow-harness';

const dir = tempDir();
afterEach(() => endFlows());
afterAll(() => dir.cleanup());

const requester = { id: '8001', name: '王女士', email: 'w@example.com' };

describe('flow: new complaint', () => {
  it('Zendesk: one PUT with merged tags (safe_update), priority, group and one internal note', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    expectRequest(flow, ZD, 'get', '/api/v2/tickets/101.json', zdTicket('101', ['agent_tag']));
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/101.json', zdTicket('101', [], '2026-11-23T02:00:09Z'));
    const e = created(ticket({ requester }), 'zendesk', 'zd-ev-1');
    flow.pipeline.ingest(e);
    await flow.pipeline.idle();
    expect(flow.unmatched).toEqual([]);
    expect(flow.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/tickets/101.json', 'PUT /api/v2/tickets/101.json']);
    const body = flow.requests[1].body;
    expect(body).toEqual({
      ticket: {
        tags: ['agent_tag', 'cd_cat_quality', 'cd_sev_l2', 'cd_tier_front_line'],
        safe_update: true,
        updated_stamp: '2026-11-23T02:00:05Z',
        priority: 'high',
        group_id: GROUPS.specialists,
        comment: { body: expect.any(String), public: false },
      },
    });
    const note: string = body.ticket.comment.body;
    expect(
      note.startsWith(
        '投诉助手：产品质量 · L2 重要 · 信号：-。依据："杂音"。须在 2026-11-23 14:00 (Asia/Shanghai) 前首次回复，2026-11-25 10:00 (Asia/Shanghai) 前解决。已派至 专家组。',
      ),
    ).toBe(true);
    expect(note.endsWith(withMarker('', noteMarker('zendesk', 'zd-ev-1', '101', 0)))).toBe(true);
    await flow.close();
  });

  it('Freshdesk: ticket update (priority 3, group) then one private note', async () => {
    const flow = startFlow('freshdesk', flowPolicy(), dir);
    expectRequest(flow, FD, 'get', '/api/v2/tickets/101', { id: 101, tags: [], updated_at: '2026-11-23T02:00:05Z' });
    expectRequest(flow, FD, 'put', '/api/v2/tickets/101', { id: 101, tags: ['cd_cat_quality'], updated_at: '2026-11-23T02:00:09Z' });
    expectRequest(flow, FD, 'post', '/api/v2/tickets/101/notes', { id: 1, private: true });
    flow.pipeline.ingest(created(ticket({ requester }), 'freshdesk', 'fd-ev-1'));
    await flow.pipeline.idle();
    expect(flow.unmatched).toEqual([]);
    expect(flow.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v2/tickets/101',
      'PUT /api/v2/tickets/101',
      'POST /api/v2/tickets/101/notes',
    ]);
    expect(flow.requests[1].body).toEqual({
      tags: ['cd_cat_quality', 'cd_sev_l2', 'cd_tier_front_line'],
      priority: 3,
      group_id: GROUPS.specialists,
    });
    expect(flow.requests[2].body).toEqual({ body: expect.stringContaining('投诉助手：产品质量'), private: true });
    await flow.close();
  });

  it('redelivery of the same event: no second call', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    expectRequest(flow, ZD, 'get', '/api/v2/tickets/101.json', zdTicket('101'));
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/101.json', zdTicket('101'));
    const e = created(ticket({ requester }), 'zendesk', 'zd-ev-dup');
    expect(flow.pipeline.ingest(e).inserted).toBe(true);
    await flow.pipeline.idle();
    expect(flow.pipeline.ingest(e).inserted).toBe(false);
    await flow.pipeline.idle();
    expect(flow.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });
});
