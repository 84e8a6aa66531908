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
    const d = decideAgentAction(projection(policy), { kind: 'agent.correction', category: 'logistics', severity: 'L3', agent }, policy, T0, facts);
    expect(d.change).toMatchObject({ addTags: ['cd_cat_logistics', 'cd_sev_l3'], removeTags: ['cd_cat_quality', 'cd_sev_l2'], priority: 'normal', group: 'front_line' });
    expect(d.projection).toMatchObject({ category: 'logistics', severity: 'L3', correction: { category: 'logistics', severity: 'L3', by: 'a1' } });
  });
});

describe('decideAgentAction with a role the policy does not know', () => {
  it('records the refusal and changes nothing', () => {
    const d = decideAgentAction(projection(policy), { kind: 'agent.remedy', rank: 'first', agent: { ...agent, role: 'intern' } }, policy, T0, facts);
    expect(d.change).toBeNull();
    expect(d.records[0].kind).toBe('remedy_invalid');
    expect(d.projection?.remedy.chosen ?? null).toBeNull();
  });
});
