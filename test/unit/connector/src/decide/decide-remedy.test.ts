import { checkApprover } from '../../../../../connector/src/decide/decide-remedy';
import { decideAgentAction } from '../../../../../connector/src/decide/decide-agent-action';
import type { TicketProjection } from '../../../../../connector/src/decide/ticket-projection';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const facts = { requesterComplaints: () => 1 };
const lin = { id: 'a1', name: 'Lin', role: 'agent', locale: 'en' };
const sam = { id: 's9', name: 'Sam', role: 'supervisor', locale: 'en' };
const specialist = { id: 'p2', name: 'Pat', role: 'specialist', locale: 'en' };

function pendingBottom(): TicketProjection {
  const p = projection(policy, { fields: { product_model: 'R3', purchase_date: '2026-11-01', order_amount: 1000 } });
  const d = decideAgentAction(p, { kind: 'agent.remedy', rank: 'bottom', agent: lin }, policy, T0, facts);
  expect(d.projection?.remedy.chosen?.approval).toBe('pending');
  return d.projection!;
}

describe('remedy approval', () => {
  it('the approval request note names the approver, the remedy, the agent and the product', () => {
    const p = projection(policy, { fields: { product_model: 'R3', purchase_date: '2026-11-01' } });
    const d = decideAgentAction(p, { kind: 'agent.remedy', rank: 'bottom', agent: lin }, policy, T0, facts);
    expect(d.change?.note?.body).toContain('Lin');
    expect(d.projection?.group).toBe(d.change?.group);
    expect(d.projection?.remedy.chosen).toMatchObject({ decidedBy: null, decidedAt: null });
  });

  it('a supervisor approves: approval, approver and time on the projection, one remedy_decision note', () => {
    const p = pendingBottom();
    const d = decideAgentAction(
      p,
      { kind: 'agent.remedy_decision', decision: 'approved', comment: 'ok, goodwill', agent: sam },
      policy,
      T0 + 60_000,
      facts,
    );
    expect(d.projection?.remedy.chosen).toMatchObject({
      rank: 'bottom',
      by: 'a1',
      approval: 'approved',
      decidedBy: 's9',
      decidedAt: new Date(T0 + 60_000).toISOString(),
      comment: 'ok, goodwill',
    });
    expect(d.change).toEqual({ note: { body: expect.any(String), marker: '' } });
    const body = d.change!.note!.body;
    expect(body).toContain(`Sam 已${policy.remedies.decisionLabels.approved['zh-CN']}方案`);
    expect(body).toContain('工单 #101');
    expect(body).toContain('备注：ok, goodwill');
    expect(body).not.toMatch(/\[[a-z_]+\]/);
    expect(d.records).toEqual([{ kind: 'remedy_decided', data: { rank: 'bottom', decision: 'approved', by: 's9' } }]);
    expect(d.evidence[0]).toMatchObject({ type: 'action', by: 's9', data: { kind: 'agent.remedy_decision', decision: 'approved' } });
  });

  it('a decline without a comment says so with "-"', () => {
    const d = decideAgentAction(pendingBottom(), { kind: 'agent.remedy_decision', decision: 'declined', agent: sam }, policy, T0, facts);
    expect(d.projection?.remedy.chosen?.approval).toBe('declined');
    expect(d.change?.note?.body).toContain(`已${policy.remedies.decisionLabels.declined['zh-CN']}`);
    expect(d.change?.note?.body).toContain('备注：-');
  });

  it('a role whose limits do not cover the option is refused (no change), and the message names the role needed', () => {
    const p = pendingBottom();
    const check = checkApprover(p, policy, 'agent', T0, 'en');
    expect(check).toMatchObject({ ok: false, code: 'forbidden' });
    if (!check.ok) expect(check.message).toContain('role "agent" cannot decide on');
    if (!check.ok) expect(check.message).toContain('needs role "specialist" (Specialist)');
    const d = decideAgentAction(p, { kind: 'agent.remedy_decision', decision: 'approved', agent: lin }, policy, T0, facts);
    expect(d.change).toBeNull();
    expect(d.projection?.remedy.chosen?.approval).toBe('pending');
    expect(d.records[0]).toMatchObject({ kind: 'remedy_decision_refused', data: { role: 'agent' } });
    expect(checkApprover(p, policy, 'nobody', T0, 'en')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('the approver must cover the option: the lowest role that does is named', () => {
    // Default matrix, quality L2 in warranty: "bottom" (120 %) needs a specialist, "second" (a CN¥2,000 refund) a supervisor.
    expect(checkApprover(pendingBottom(), policy, 'supervisor', T0, 'en').ok).toBe(true);
    const bottom = decideAgentAction(
      pendingBottom(),
      { kind: 'agent.remedy_decision', decision: 'approved', agent: specialist },
      policy,
      T0,
      facts,
    );
    expect(bottom.projection?.remedy.chosen).toMatchObject({ approval: 'approved', decidedBy: 'p2' });
    const p = projection(policy, { fields: { purchase_date: '2026-11-01', order_amount: 2000 } });
    const second = decideAgentAction(p, { kind: 'agent.remedy', rank: 'second', agent: lin }, policy, T0, facts).projection!;
    const byPat = checkApprover(second, policy, 'specialist', T0, 'en');
    expect(byPat).toMatchObject({ ok: false, code: 'forbidden' });
    if (!byPat.ok) expect(byPat.message).toContain('needs role "supervisor" (Supervisor)');
    expect(checkApprover(second, policy, 'supervisor', T0, 'en').ok).toBe(true);
  });

  it('nothing pending: conflict', () => {
    const p = projection(policy);
    expect(checkApprover(p, policy, 'supervisor', T0, 'en')).toMatchObject({ ok: false, code: 'conflict' });
    const approved = decideAgentAction(
      pendingBottom(),
      { kind: 'agent.remedy_decision', decision: 'approved', agent: sam },
      policy,
      T0,
      facts,
    ).projection!;
    const again = checkApprover(approved, policy, 'supervisor', T0, 'en');
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    if (!again.ok) expect(again.message).toContain('is approved');
  });
});

describe('remedy approval: roles are policy data (names, ranks, escalateTo)', () => {
  const label = (en: string) => ({ en, 'zh-CN': en, 'zh-TW': en });
  /** Role names that are not tier ids, each naming the tier an approval it must give escalates to. */
  const renamed = (patch: (roles: Record<string, any>) => void = () => undefined) =>
    loadPolicy((raw) => {
      raw.remedies.roles = {
        clerk: { rank: 10, label: label('Clerk'), maxAmount: 100, maxPercent: 10, escalateTo: 'front_line' },
        lead: { rank: 20, label: label('Team lead'), maxAmount: 500, maxPercent: 30, escalateTo: 'specialist' },
        manager: { rank: 30, label: label('Complaints manager'), maxAmount: 5000, maxPercent: 100, escalateTo: 'specialist' },
      };
      patch(raw.remedies.roles);
      for (const r of raw.evidence.requirements) if (r.type === 'review') r.role = 'manager';
      if (raw.classification.review) raw.classification.review.downgradeRole = 'manager';
    });
  const clerk = { id: 'c1', name: 'Cai', role: 'clerk', locale: 'en' };
  const choose = (p: ReturnType<typeof loadPolicy>, rank: 'second' | 'bottom') =>
    decideAgentAction(
      projection(p, { fields: { product_model: 'R3', purchase_date: '2026-11-01' } }),
      { kind: 'agent.remedy', rank, agent: clerk },
      p,
      T0,
      facts,
    );

  it('an approval escalates to the tier the approver role names (escalateTo), with that tier group, whatever the role is called', () => {
    const p = renamed();
    const d = choose(p, 'bottom');
    const approver = d.projection!.remedy.chosen!.approval === 'pending' ? d.projection!.escalationHistory.at(-1)! : null;
    expect(approver).not.toBeNull();
    expect(d.projection!.tier).toBe('specialist');
    expect(d.projection!.group).toBe(p.escalation.tiers.specialist.group);
    expect(d.change).toMatchObject({ group: p.escalation.tiers.specialist.group, addTags: [`${p.tags.tierPrefix}specialist`] });
    expect(approver).toMatchObject({ tier: 'specialist', ruleId: 'remedy_approval:bottom' });
  });

  it('changing only escalateTo moves the approval to another tier', () => {
    const p = renamed((roles) => {
      roles.lead.escalateTo = 'supervisor';
      roles.manager.escalateTo = 'supervisor';
    });
    const d = choose(p, 'bottom');
    expect(d.projection!.tier).toBe('supervisor');
    expect(d.projection!.group).toBe(p.escalation.tiers.supervisor.group);
  });

  it('no role covers the option: the highest-ranked role decides and its escalateTo tier is used', () => {
    const p = renamed((roles) => {
      for (const r of Object.values(roles)) {
        r.maxAmount = 1;
        r.maxPercent = 1;
      }
    });
    const d = choose(p, 'second');
    expect(d.projection!.remedy.chosen!.approval).toBe('pending');
    expect(d.projection!.tier).toBe('specialist');
    expect(d.change!.note!.body).toContain('Complaints manager');
    const check = checkApprover(d.projection!, p, 'lead', T0, 'en');
    expect(check).toMatchObject({ ok: false, code: 'forbidden' });
    expect(check.ok ? '' : check.message).toContain('needs role "manager"');
  });
});
