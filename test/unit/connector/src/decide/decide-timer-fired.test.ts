import { decideTimerFired } from '../../../../../connector/src/decide/decide-timer-fired';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const facts = { requesterComplaints: () => 1 };
const M = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('decideTimerFired', () => {
  const p = projection(policy, { channel: 'phone' });

  it('respond warning at 75 %: warning note + tag, warning rule recorded', () => {
    const d = decideTimerFired(p, 'sla_warning', iso(T0 + 180 * M), policy, T0 + 180 * M, facts);
    expect(d.change?.addTags).toEqual(expect.arrayContaining(['cd_sla_warning', 'cd_tier_specialist']));
    expect(d.change?.note?.body).toContain('75%');
    expect(d.projection?.escalationHistory.map((e) => e.ruleId)).toEqual(['sla_warning']);
    // The clock is named by its policy label in the policy's locale, never by its id.
    expect(d.change?.note?.body).toContain(`${policy.sla.clockLabels.respond['zh-CN']}时限已用 75%`);
    expect(d.change?.note?.body).not.toContain('respond');
    expect(d.change?.addTags).not.toContain('cd_notify_supervisor');
  });

  it('breach of a rule with notifySupervisor: the notification tag is in the same change; absent from the policy, no tag', () => {
    const d = decideTimerFired(p, 'sla_breach', iso(T0 + 240 * M), policy, T0 + 241 * M, facts);
    expect(d.change?.addTags).toContain('cd_notify_supervisor');
    const custom = loadPolicy((raw) => {
      raw.escalation.supervisorNotification.tag = 'page_the_boss';
    });
    expect(decideTimerFired(p, 'sla_breach', iso(T0 + 240 * M), custom, T0 + 241 * M, facts).change?.addTags).toContain('page_the_boss');
    const none = loadPolicy((raw) => {
      delete raw.escalation.supervisorNotification;
    });
    const quiet = decideTimerFired(p, 'sla_breach', iso(T0 + 240 * M), none, T0 + 241 * M, facts);
    expect(quiet.change?.addTags).not.toContain('cd_notify_supervisor');
    expect(quiet.change?.addTags).toContain('cd_sla_breached');
  });

  it('respond breach: breach note + tag + supervisors, urgent', () => {
    const d = decideTimerFired(p, 'sla_breach', iso(T0 + 240 * M), policy, T0 + 241 * M, facts);
    expect(d.change).toMatchObject({ priority: 'urgent', group: 'supervisors' });
    expect(d.change?.addTags).toEqual(expect.arrayContaining(['cd_sla_breached', 'cd_escalated', 'cd_tier_supervisor']));
    expect(d.records[0]).toMatchObject({ kind: 'sla_breach', data: { clock: 'respond' } });
  });

  it('stale: the agent replied, so the respond breach timer is ignored', () => {
    const replied = { ...p, firstAgentReplyAt: iso(T0 + 60 * M) };
    const d = decideTimerFired(replied, 'sla_breach', iso(T0 + 240 * M), policy, T0 + 241 * M, facts);
    expect(d.change).toBeNull();
    expect(d.records[0].kind).toBe('timer_ignored');
  });

  it('follow_up on a solved ticket creates the follow-up task with the script and CSAT question', () => {
    const solved = { ...p, status: 'solved' as const };
    const d = decideTimerFired(solved, 'follow_up', iso(T0), policy, T0, facts);
    expect(d.creates).toHaveLength(1);
    expect(d.creates[0]).toMatchObject({
      kind: 'follow_up',
      relatedTicketId: '101',
      tags: ['cd_follow_up'],
      group: 'front_line',
      requesterId: 'u1',
    });
    expect(d.creates[0].body).toContain('满意度');
    expect(d.creates[0].body).toContain('王女士');
    // The suggested wording is the follow-up script, filled with the ticket's product; nothing left open.
    const withProduct = decideTimerFired({ ...solved, fields: { product_model: 'R3 电饭煲' } }, 'follow_up', iso(T0), policy, T0, facts);
    expect(withProduct.creates[0].body).toContain('您的R3 电饭煲现在使用情况如何');
    expect(withProduct.creates[0].body).not.toMatch(/\[[a-z_]+\]/);
    expect(decideTimerFired({ ...p, status: 'open' }, 'follow_up', iso(T0), policy, T0, facts).creates).toEqual([]);
  });
});
