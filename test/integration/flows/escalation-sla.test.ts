import { created, inboxEvent } from '../../fixtures/connector-core/events';
import { T0, ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { endFlows, expectRequest, flowPolicy, GROUPS, startFlow, writes, ZD, zdTicket, zdTicketReads } from './flow-harness';

const dir = tempDir();
afterEach(() => endFlows());
afterAll(() => dir.cleanup());
const H = 3600_000;
const M = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const requester = { id: '8001', name: '王女士' };

describe('flow: escalation and SLA', () => {
  it('safety complaint: L1, supervisor tier, senior group, urgent, supervisor-notification tag, classification + escalation note in ONE PUT', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '201');
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/201.json', zdTicket('201'));
    flow.pipeline.ingest(
      created(ticket({ id: '201', subject: '电饭煲漏电', description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电。', requester })),
    );
    await flow.pipeline.idle();
    expect(flow.unmatched).toEqual([]);
    const [put] = writes(flow);
    expect(put.body.ticket).toMatchObject({
      tags: ['cd_cat_quality', 'cd_sev_l1', 'cd_sig_safety', 'cd_tier_supervisor', 'cd_escalated', 'cd_notify_supervisor'],
      priority: 'urgent',
      group_id: GROUPS.senior,
    });
    expect(writes(flow)).toHaveLength(1);
    const note: string = put.body.ticket.comment.body;
    expect(note).toContain('投诉助手：产品质量 · L1 紧急 · 信号：人身安全');
    expect(note).toContain('已派至 高级升级组');
    expect(note).toContain('投诉助手：已升级至主管（高级升级组）');
    await flow.close();
  });

  it('breach timer with an injected clock: warning note at 75 %, breach note + escalation at 100 %', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '202');
    nockPuts(flow, '202', 3);
    flow.pipeline.ingest(created(ticket({ id: '202', channel: 'phone', requester })));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 180 * M + 1000);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    flow.clock.set(T0 + 240 * M + 1000);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    const puts = writes(flow).map((r) => r.body.ticket);
    expect(puts).toHaveLength(3);
    expect(puts[1].tags).toEqual(expect.arrayContaining(['cd_sla_warning', 'cd_tier_specialist']));
    expect(puts[1].comment.body).toContain('投诉助手：首次回复时限已用 75%,截止 2026-11-23 14:00 (Asia/Shanghai)');
    expect(puts[1].tags).not.toContain('cd_notify_supervisor');
    expect(puts[2]).toMatchObject({ priority: 'urgent', group_id: GROUPS.supervisors });
    expect(puts[2].tags).toEqual(expect.arrayContaining(['cd_sla_breached', 'cd_escalated', 'cd_tier_supervisor', 'cd_notify_supervisor']));
    expect(puts[2].comment.body).toContain('已超时，已升级至主管');
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('pending pauses the resolve clock; resumed, the breach moves by the paused time', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '203');
    nockPuts(flow, '203', 3);
    const at = async (ms: number, e: Parameters<typeof flow.pipeline.ingest>[0]) => {
      flow.clock.set(ms);
      flow.pipeline.ingest(e);
      await flow.pipeline.idle();
    };
    await at(T0, created(ticket({ id: '203', channel: 'phone', requester })));
    await at(
      T0 + H,
      inboxEvent(
        '203',
        { kind: 'comment.added', comment: { id: 'c1', author: 'agent', public: true, body: '您好', createdAt: iso(T0 + H) } },
        iso(T0 + H),
      ),
    );
    await at(T0 + 2 * H, inboxEvent('203', { kind: 'status.changed', status: 'pending' }, iso(T0 + 2 * H)));
    await at(T0 + 12 * H, inboxEvent('203', { kind: 'status.changed', status: 'open' }, iso(T0 + 12 * H)));
    flow.clock.set(T0 + 48 * H + M); // the unpaused deadline has passed: no breach (only the 75 % warning, due at 36 h + 10 h)
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    expect(writes(flow).map((w) => w.body.ticket.tags)).toEqual([expect.any(Array), expect.arrayContaining(['cd_sla_warning'])]);
    flow.clock.set(T0 + 58 * H + M); // 48 h + 10 h paused
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    const puts = writes(flow).map((r) => r.body.ticket);
    expect(puts).toHaveLength(3);
    expect(puts[2].tags).toContain('cd_sla_breached');
    expect(puts[2].comment.body).toContain('投诉助手：解决时限 2026-11-25 20:00 (Asia/Shanghai) 已超时');
    expect(puts[2].comment.body).not.toMatch(/respond|resolve|acknowledge/);
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });
});

function nockPuts(flow: ReturnType<typeof startFlow>, id: string, times: number) {
  for (let i = 0; i < times; i++) expectRequest(flow, ZD, 'put', `/api/v2/tickets/${id}.json`, zdTicket(id));
}
