import { decideAgentAction } from '../../../../../connector/src/decide/decide-agent-action';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0 } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const facts = { requesterComplaints: () => 1 };
const agent = { id: 'a1', name: 'Lin', role: 'agent', locale: 'en' };

describe('decideAgentAction', () => {
  it('a remedy within authority is recorded without a host call', () => {
    const p = projection(policy, { fields: { purchase_date: '2026-11-01' } });
    const d = decideAgentAction(p, { kind: 'agent.remedy', rank: 'first', agent }, policy, T0, facts);
    expect(d.projection?.remedy.chosen).toMatchObject({ rank: 'first', approval: 'not_needed', by: 'a1' });
    expect(d.change).toBeNull();
  });

  it('a remedy above authority asks for approval with a note and escalates', () => {
    const p = projection(policy, { fields: { purchase_date: '2026-11-01' } });
    const d = decideAgentAction(p, { kind: 'agent.remedy', rank: 'bottom', agent }, policy, T0, facts);
    expect(d.projection?.remedy.chosen?.approval).toBe('pending');
    expect(d.change?.note?.body).toContain('Lin');
    expect(d.change?.group).toBeDefined();
    expect(d.projection?.tier).not.toBe('front_line');
  });

  it('the second rejection fires remedy_rejected_twice', () => {
    const p = projection(policy);
    const once = decideAgentAction(p, { kind: 'agent.remedy_rejected', agent }, policy, T0, facts);
    expect(once.change).toBeNull();
    const twice = decideAgentAction(once.projection, { kind: 'agent.remedy_rejected', agent }, policy, T0, facts);
    expect(twice.projection?.remedy.rejections).toBe(2);
    expect(twice.change).toMatchObject({ group: 'supervisors', priority: 'high' });
    expect(twice.projection?.escalationHistory.map((e) => e.ruleId)).toEqual(['remedy_rejected_twice']);
  });

  it('a correction re-tags and re-dispatches', () => {
    const d = decideAgentAction(
      projection(policy),
      { kind: 'agent.correction', category: 'logistics', severity: 'L3', agent },
      policy,
      T0,
      facts,
    );
    expect(d.change).toMatchObject({
      addTags: ['cd_cat_logistics', 'cd_sev_l3'],
      removeTags: ['cd_cat_quality', 'cd_sev_l2'],
      priority: 'normal',
      group: 'front_line',
    });
    expect(d.projection).toMatchObject({
      category: 'logistics',
      severity: 'L3',
      correction: { category: 'logistics', severity: 'L3', by: 'a1' },
    });
  });
});

describe('decideAgentAction with a role the policy does not know', () => {
  it('records the refusal and changes nothing', () => {
    const d = decideAgentAction(
      projection(policy),
      { kind: 'agent.remedy', rank: 'first', agent: { ...agent, role: 'intern' } },
      policy,
      T0,
      facts,
    );
    expect(d.change).toBeNull();
    expect(d.records[0].kind).toBe('remedy_invalid');
    expect(d.projection?.remedy.chosen ?? null).toBeNull();
  });
});

describe('decideAgentAction: clearing safety or lowering a forced severity (classification.review)', () => {
  const sparking = () =>
    projection(policy, { subject: 'Outlet', description: 'The outlet started sparking and there is a burning smell.' });
  const supervisor = { id: 's1', name: 'Chen', role: 'supervisor', locale: 'en' };

  it('the sparking outlet is L1 with safety to begin with', () => {
    expect(sparking()).toMatchObject({ severity: 'L1', signals: expect.arrayContaining(['safety']) });
  });

  it('an agent below the downgrade role cannot lower it to L3: refused, nothing changes', () => {
    const p = sparking();
    const d = decideAgentAction(p, { kind: 'agent.correction', severity: 'L3', reason: 'looks fine', agent }, policy, T0, facts);
    expect(d.change).toBeNull();
    expect(d.records[0]).toMatchObject({ kind: 'correction_refused', data: { code: 'forbidden' } });
    expect(d.projection).toMatchObject({ severity: 'L1', signals: p.signals, correction: null });
  });

  it('an agent cannot clear the safety signal either', () => {
    const d = decideAgentAction(sparking(), { kind: 'agent.correction', clearSignals: ['safety'], reason: 'x', agent }, policy, T0, facts);
    expect(d.records[0]).toMatchObject({ kind: 'correction_refused', data: { code: 'forbidden' } });
    expect(d.projection?.signals).toContain('safety');
  });

  it('the downgrade role without a reason is refused', () => {
    const d = decideAgentAction(
      sparking(),
      { kind: 'agent.correction', clearSignals: ['safety'], severity: 'L3', agent: supervisor },
      policy,
      T0,
      facts,
    );
    expect(d.records[0]).toMatchObject({ kind: 'correction_refused', data: { code: 'invalid_request' } });
  });

  it('the downgrade role with a reason clears it; an internal note records who, the role and the reason', () => {
    const d = decideAgentAction(
      sparking(),
      {
        kind: 'agent.correction',
        clearSignals: ['safety'],
        severity: 'L3',
        reason: 'customer confirmed it was the wall socket, not our product',
        agent: supervisor,
      },
      policy,
      T0,
      facts,
    );
    expect(d.projection).toMatchObject({
      severity: 'L3',
      correction: { clearedSignals: ['safety'], reason: expect.stringContaining('wall socket'), by: 's1' },
    });
    expect(d.projection?.signals).not.toContain('safety');
    expect(d.change?.removeTags).toEqual(expect.arrayContaining(['cd_sig_safety', 'cd_sev_l1']));
    expect(d.change?.note?.body).toContain('Chen');
    expect(d.change?.note?.body).toContain('wall socket');
    expect(d.records.map((r) => r.kind)).toEqual(['downgraded', 'corrected']);
  });

  it('raising the severity or changing the category needs no special role', () => {
    const d = decideAgentAction(sparking(), { kind: 'agent.correction', category: 'usage', agent }, policy, T0, facts);
    expect(d.projection).toMatchObject({ category: 'usage', severity: 'L1' });
  });

  it('a ticket that needs review is tagged at creation; a confirmation removes the tag', () => {
    const p = projection(policy, { subject: 'hello', description: 'hello there' });
    expect(p.classification.review?.needed).toBe(true);
    const d = decideAgentAction({ ...p, tags: ['cd_review'] }, { kind: 'agent.correction', confirm: true, agent }, policy, T0, facts);
    expect(d.change?.removeTags).toContain('cd_review');
  });
});
