import nock from 'nock';
import { createEvidenceLog } from '../../../connector/src/evidence/create-evidence-log';
import { created, inboxEvent } from '../../fixtures/connector-core/events';
import { T0, ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { endFlows, expectRequest, flowPolicy, GROUPS, startFlow, writes, ZD, zdTicket, zdTicketReads } from './flow-harness';

const dir = tempDir();
afterEach(() => endFlows());
afterAll(() => dir.cleanup());
const H = 3600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const requester = { id: '8001', name: '王女士' };

describe('flow: follow-up and malicious-complaint evidence', () => {
  it('solved → after followUp.daysAfterSolve days a linked follow-up task with the script and CSAT question', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '301');
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/301.json', zdTicket('301'));
    expectRequest(flow, ZD, 'post', '/api/v2/tickets.json', { ticket: { id: 7001 } }, 201);
    flow.pipeline.ingest(created(ticket({ id: '301', channel: 'phone', requester, fields: { product_model: '电饭煲 R3' } })));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 5 * H);
    flow.pipeline.ingest(inboxEvent('301', { kind: 'status.changed', status: 'solved' }, iso(T0 + 5 * H)));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 5 * H + 3 * DAY - 60_000);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    expect(writes(flow)).toHaveLength(1);
    flow.clock.set(T0 + 5 * H + 3 * DAY);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    const post = writes(flow)[1];
    expect(post.path).toBe('/api/v2/tickets.json');
    expect(post.body.ticket).toMatchObject({
      subject: '回访：投诉 #301',
      type: 'task',
      tags: ['cd_follow_up'],
      requester_id: 8001,
      group_id: GROUPS.front_line,
      comment: { public: false },
      external_id: expect.stringMatching(/^complaint-desk:follow_up:301:\d+$/),
    });
    expect(post.body.ticket.comment.body).toBe(
      '工单 #301（王女士）回访任务。建议话术："王女士您好，这里是工单 #301 的回访。您的电饭煲 R3现在使用情况如何？请问您对本次处理的满意度是几分（1-5 分）？"',
    );
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('a follow-up create that failed ambiguously (502 after Zendesk made it) is looked up by its reference, not made twice', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '302');
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/302.json', zdTicket('302'));
    expectRequest(flow, ZD, 'post', '/api/v2/tickets.json', { error: 'upstream timeout' }, 502);
    const lookup = nock(ZD)
      .get('/api/v2/tickets.json')
      .query(true)
      .reply((uri) => {
        flow.requests.push({ method: 'GET', path: uri, body: null });
        const externalId = new URL(uri, ZD).searchParams.get('external_id');
        return [200, { tickets: [{ id: 7002, external_id: externalId, type: 'task' }] }];
      });
    flow.pipeline.ingest(created(ticket({ id: '302', channel: 'phone', requester })));
    await flow.pipeline.idle();
    flow.pipeline.ingest(inboxEvent('302', { kind: 'status.changed', status: 'solved' }, iso(T0 + H)));
    await flow.pipeline.idle();
    flow.clock.set(T0 + H + 3 * DAY);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    expect(lookup.isDone()).toBe(true);
    const posts = flow.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    const looked = flow.requests.find((r) => r.method === 'GET' && r.path.startsWith('/api/v2/tickets.json'))!;
    expect(new URL(looked.path, ZD).searchParams.get('external_id')).toBe(posts[0].body.ticket.external_id);
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('malicious tag without evidence: the tag is removed and a note lists what is missing', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '302', ['cd_cat_quality', 'cd_malicious']);
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/302.json', zdTicket('302'));
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/302.json', zdTicket('302'));
    flow.pipeline.ingest(created(ticket({ id: '302', channel: 'phone', requester })));
    await flow.pipeline.idle();
    flow.pipeline.ingest(inboxEvent('302', { kind: 'tags.changed', added: ['cd_malicious'], removed: [] }, iso(T0 + H)));
    await flow.pipeline.idle();
    const put = writes(flow)[1].body.ticket;
    expect(put.tags).toEqual(['cd_cat_quality']);
    expect(put.comment.body).toContain('投诉助手：已移除恶意投诉标记。标记前仍缺少：至少 3 次客户沟通记录');
    expect(put.group_id).toBeUndefined();
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('malicious tag with complete evidence: the record is frozen and the ticket routed to review with the head hash', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '303');
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/303.json', zdTicket('303'));
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/303.json', zdTicket('303'));
    flow.pipeline.ingest(created(ticket({ id: '303', channel: 'phone', requester })));
    for (const n of [1, 2]) {
      flow.pipeline.ingest(
        inboxEvent(
          '303',
          {
            kind: 'comment.added',
            comment: { id: `c${n}`, author: 'customer', public: true, body: '还是有杂音', createdAt: iso(T0 + n * H) },
          },
          iso(T0 + n * H),
        ),
      );
    }
    await flow.pipeline.idle();
    const log = createEvidenceLog(flow.db);
    log.append('zendesk', '303', { type: 'item', at: iso(T0 + 3 * H), by: 'a1', data: { kind: 'call_recording', description: 'call 1' } });
    log.append('zendesk', '303', {
      type: 'item',
      at: iso(T0 + 3 * H),
      by: 'a1',
      data: { kind: 'order_record', description: 'order checked' },
    });
    log.append('zendesk', '303', { type: 'review', at: iso(T0 + 3 * H), by: 's1', data: { role: 'supervisor' } });
    flow.pipeline.ingest(inboxEvent('303', { kind: 'tags.changed', added: ['cd_malicious'], removed: [] }, iso(T0 + 4 * H)));
    await flow.pipeline.idle();
    const state = log.state('zendesk', '303');
    expect(state.frozen).toBe(true);
    const put = writes(flow)[1].body.ticket;
    expect(put.group_id).toBe(GROUPS.review);
    expect(put.tags).toBeUndefined();
    expect(put.comment.body).toContain(`投诉助手：证据已固定（SHA-256 ${state.headHash}），已转 证据审核`);
    expect(log.verifyBundle(log.exportBundle('zendesk', '303'))).toMatchObject({ ok: true });
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });
});
