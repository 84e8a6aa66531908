import { decideTicketCreated } from '../../../../../connector/src/decide/decide-ticket-created';
import { attachModel, compileModel } from '../../../../../policies/src/engine/linear-model';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection, T0, ticket } from '../../../../fixtures/connector-core/projection';
import { biasOnlyArtifact } from '../../../../support/bias-only-model';

const policy = loadPolicy();
const facts = { host: 'zendesk' as const, policyVersion: policy.version, requesterComplaints: () => 1 };

describe('decideTicketCreated', () => {
  it('classifies an L2 quality complaint into ONE change: tags, priority, group, one note', () => {
    const d = decideTicketCreated(null, ticket(), policy, T0, facts);
    expect(d.projection).toMatchObject({ id: '101', category: 'quality', severity: 'L2', signals: [], tier: 'front_line', status: 'new' });
    expect(d.change?.addTags).toEqual(['cd_cat_quality', 'cd_sev_l2', 'cd_tier_front_line']);
    expect(d.change?.priority).toBe('high');
    expect(d.change?.group).toBe('specialists');
    expect(d.change?.note?.body).toContain('产品质量');
    expect(d.change?.note?.body).toContain('专家组');
    expect(d.creates).toEqual([]);
    expect(d.records.map((r) => r.kind)).toEqual(['classified']);
  });

  it('schedules warning and breach timers for each running clock', () => {
    const d = decideTicketCreated(null, ticket(), policy, T0, facts);
    const plans = d.timers!.plans;
    // email is an online channel: acknowledge (10 min), respond (4 h), resolve (48 h)
    const breach = plans
      .filter((p) => p.kind === 'sla_breach')
      .map((p) => p.dueAt - T0)
      .sort((a, b) => a - b);
    expect(breach).toEqual([10 * 60_000, 240 * 60_000, 2880 * 60_000]);
    const warn = plans
      .filter((p) => p.kind === 'sla_warning')
      .map((p) => p.dueAt - T0)
      .sort((a, b) => a - b);
    expect(warn).toEqual([7.5 * 60_000, 180 * 60_000, 2160 * 60_000]);
  });

  it('escalates a safety complaint to the supervisor tier, senior group, urgent, in the same note', () => {
    const d = decideTicketCreated(
      null,
      ticket({ subject: '电饭煲漏电', description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电。' }),
      policy,
      T0,
      facts,
    );
    expect(d.projection).toMatchObject({ severity: 'L1', signals: ['safety'], tier: 'supervisor' });
    expect(d.change?.addTags).toEqual(expect.arrayContaining(['cd_sev_l1', 'cd_sig_safety', 'cd_tier_supervisor', 'cd_escalated']));
    expect(d.change?.addTags).not.toContain('cd_tier_front_line');
    expect(d.change?.priority).toBe('urgent');
    expect(d.change?.group).toBe('senior');
    expect(d.change?.note?.body.split('\n\n')).toHaveLength(2);
    expect(d.projection!.escalationHistory.map((e) => e.ruleId)).toEqual(['safety_now']);
  });

  it('escalates the third complaint of a requester within the window and a VIP requester', () => {
    const repeat = decideTicketCreated(null, ticket(), policy, T0, { ...facts, requesterComplaints: (days) => (days === 30 ? 3 : 0) });
    expect(repeat.change?.addTags).toEqual(expect.arrayContaining(['cd_repeat', 'cd_tier_specialist']));
    const vip = decideTicketCreated(null, ticket({ requester: { id: 'v', name: 'V', tags: ['vip'] } }), policy, T0, facts);
    expect(vip.change?.addTags).toContain('cd_vip');
    expect(vip.projection!.escalationHistory.map((e) => e.ruleId)).toEqual(['vip']);
  });

  it('ignores a second ticket.created for a known ticket', () => {
    const d = decideTicketCreated(projection(policy), ticket(), policy, T0, facts);
    expect(d.change).toBeNull();
    expect(d.records[0].kind).toBe('duplicate_created');
  });

  it('writes only what it decides (category), records the batch it read, and asks for a re-read when the snapshot had no fields', () => {
    const p2 = loadPolicy((raw) => {
      raw.hostFields.zendesk = { product_batch: 9001, category: 9002 };
    });
    const d = decideTicketCreated(null, ticket({ fields: { product_batch: 'B-7' } }), p2, T0, facts);
    expect(d.change?.fields).toEqual({ category: 'quality' });
    expect(d.projection?.batch).toBe('B-7');
    expect(d.records.map((r) => r.kind)).not.toContain('refresh_ticket');
    const { fields: _f, ...noFields } = ticket({});
    expect(decideTicketCreated(null, noFields, p2, T0, facts).records.map((r) => r.kind)).toContain('refresh_ticket');
    expect(decideTicketCreated(null, noFields, loadPolicy(), T0, facts).records.map((r) => r.kind)).not.toContain('refresh_ticket');
  });
  it('tags a ticket the model thought L1 but that ended L2 for review (hint:severity:L1:model)', () => {
    // A bias-only model: P(L1, L2, L3) = 0.2 / 0.7 / 0.1, no signal; the severity hint floor is 0.15.
    const withModel = loadPolicy((raw) => {
      raw.classification.review.severityHints = { L1: { modelAt: 0.15 } };
      raw.classification.model = { file: 'x.json', enabled: true, keepSignals: ['safety'] };
    });
    attachModel(withModel, compileModel(biasOnlyArtifact([0.2, 0.7, 0.1])));
    const d = decideTicketCreated(
      null,
      ticket({ subject: 'Kettle', description: 'The kettle lid sticks a little when I open it.' }),
      withModel,
      T0,
      facts,
    );
    expect(d.projection?.severity).toBe('L2');
    expect(d.projection?.classification.review?.reasons).toContain('hint:severity:L1:model');
    expect(d.change?.addTags).toContain('cd_review');
  });
});
