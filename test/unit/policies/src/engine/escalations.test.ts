import { escalations } from '../../../../../policies/src/engine/escalations';
import type { SlaClock, EscalationInput, Policy, SlaState } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

const load = (edit?: (p: any) => void): Policy => loadPolicy(edit);
const policy = load();

function clock(id: SlaClock['id'], state: SlaClock['state']): SlaClock {
  return {
    id,
    state,
    dueAt: '2026-11-22T12:00:00.000Z',
    warnAt: '2026-11-22T11:30:00.000Z',
    budgetMs: 1,
    elapsedMs: 1,
    remainingMs: 0,
    percent: 80,
    stoppedAt: null,
  };
}
function sla(respond: SlaClock['state'], resolve: SlaClock['state'] = 'ok'): SlaState {
  return {
    severity: 'L2',
    calendar: 'always',
    acknowledge: null,
    respond: clock('respond', respond),
    resolve: clock('resolve', resolve),
    state: respond,
    nextChangeAt: null,
  };
}
const base: EscalationInput = { severity: 'L3', signals: [] };

describe('escalations', () => {
  test('no trigger: front line, the severity dispatch group and priority, nothing to tag', () => {
    const r = escalations(base, policy);
    expect(r).toEqual({
      tier: 'front_line',
      hits: [],
      group: policy.severities.L3.group,
      priority: policy.severities.L3.priority.zendesk,
      addTags: [],
      notifySupervisor: false,
    });
    expect(escalations({ severity: 'L1', signals: [] }, policy).priority).toBe('urgent');
  });

  test('safety goes to the supervisor tier, its group, urgent, notify, with an explaining reason', () => {
    const r = escalations({ ...base, signals: ['safety'] }, policy);
    expect(r.tier).toBe('supervisor');
    expect(r.group).toBe('senior');
    expect(r.priority).toBe('urgent');
    expect(r.notifySupervisor).toBe(true);
    expect(r.addTags).toEqual(['cd_escalated']);
    expect(r.hits.map((h) => h.ruleId)).toEqual(['safety_now']);
    expect(r.hits[0].reason).toBe(
      `${policy.escalation.rules[0].description!['zh-CN' as never]}（${policy.signals.safety.label['zh-CN']}）`,
    );
    // In another locale: the rule's description and the signal's label in that locale, never ids.
    expect(escalations({ ...base, signals: ['safety'] }, policy, 'en').hits[0].reason).toBe(
      'Safety: immediately to the senior team, notify a supervisor (Safety hazard)',
    );
  });

  test('several hits: highest tier wins, tags are a union without duplicates', () => {
    const r = escalations({ ...base, signals: ['legal', 'media', 'safety'], requesterTags: ['vip'] }, policy);
    expect(r.hits.map((h) => h.ruleId)).toEqual(['safety_now', 'threats', 'vip']);
    expect(r.hits[1].reason).toContain(`${policy.signals.legal.label['zh-CN']}和${policy.signals.media.label['zh-CN']}`);
    expect(r.tier).toBe('supervisor');
    expect(r.group).toBe('senior');
    expect(r.addTags).toEqual(['cd_escalated', 'cd_vip']);
  });

  test('group: last hit at the highest tier that names a group, else the tier group', () => {
    const two = load((p) => {
      p.escalation.rules = [
        { id: 'a', when: { type: 'signal', anyOf: ['legal'] }, then: { tier: 'specialist', group: 'senior' } },
        { id: 'b', when: { type: 'signal', anyOf: ['media'] }, then: { tier: 'specialist', group: 'review' } },
        { id: 'c', when: { type: 'signal', anyOf: ['regulator'] }, then: { tier: 'specialist' } },
        { id: 'd', when: { type: 'signal', anyOf: ['extortion'] }, then: { tier: 'front_line', group: 'front_line' } },
      ];
    });
    expect(escalations({ ...base, signals: ['legal', 'media', 'regulator', 'extortion'] }, two).group).toBe('review');
    expect(escalations({ ...base, signals: ['legal', 'extortion'] }, two).group).toBe('senior');
    expect(escalations({ ...base, signals: ['regulator'] }, two).group).toBe(two.escalation.tiers.specialist.group);
    // A rule without description uses its id in the reason.
    expect(escalations({ ...base, signals: ['regulator'] }, two).hits[0].reason).toBe(`c（${policy.signals.regulator.label['zh-CN']}）`);
  });

  test('priority is the most urgent of the hits and the severity; never lowered', () => {
    expect(escalations({ ...base, requesterTags: ['vip'] }, policy).priority).toBe('high');
    expect(escalations({ severity: 'L1', signals: [], requesterTags: ['vip'] }, policy).priority).toBe('urgent');
  });

  test('sla: warning fires at warning and after; breach only at breach; per clock or any', () => {
    expect(escalations({ ...base, sla: sla('ok') }, policy).hits).toEqual([]);
    expect(escalations({ ...base, sla: sla('warning') }, policy).hits.map((h) => h.ruleId)).toEqual(['sla_warning']);
    const breached = escalations({ ...base, sla: sla('ok', 'breached') }, policy);
    expect(breached.hits.map((h) => h.ruleId)).toEqual(['sla_warning', 'sla_breach']);
    expect(breached.hits[1].reason).toBe(
      `${(policy.escalation.rules.find((x) => x.id === 'sla_breach')!.description as Record<string, string>)['zh-CN']}（解决）`,
    ); // clocks by their policy label, not their id
    expect(breached.tier).toBe('supervisor');
    const perClock = load((p) => {
      p.escalation.rules = [
        { id: 'resolve_late', when: { type: 'sla', clock: 'resolve', state: 'breached' }, then: { tier: 'supervisor' } },
      ];
    });
    expect(escalations({ ...base, sla: sla('breached', 'ok') }, perClock).hits).toEqual([]);
    expect(escalations({ ...base, sla: sla('ok', 'breached') }, perClock).tier).toBe('supervisor');
    expect(escalations({ ...base, sla: null }, perClock).hits).toEqual([]);
  });

  test('repeat requester: asks for the rule window, fires at the count', () => {
    const asked: number[] = [];
    const count = (n: number) => (days: number) => {
      asked.push(days);
      return n;
    };
    expect(escalations({ ...base, requesterComplaints: count(2) }, policy).hits).toEqual([]);
    const r = escalations({ ...base, requesterComplaints: count(3) }, policy);
    expect(asked).toEqual([30, 30]);
    expect(r.hits.map((h) => h.ruleId)).toEqual(['repeat_requester']);
    expect(r.addTags).toEqual(['cd_escalated', 'cd_repeat']);
    expect(r.hits[0].reason).toContain('3 ≥ 3 / 30 d');
  });

  test('vip by requester tag (case-insensitive), not by other tags', () => {
    expect(escalations({ ...base, requesterTags: ['KEY_ACCOUNT'] }, policy).hits.map((h) => h.ruleId)).toEqual(['vip']);
    expect(escalations({ ...base, requesterTags: ['newsletter'] }, policy).hits).toEqual([]);
  });

  test('remedy rejected twice escalates to the supervisor', () => {
    expect(escalations({ ...base, remedyRejections: 1 }, policy).hits).toEqual([]);
    const r = escalations({ ...base, remedyRejections: 2 }, policy);
    expect(r.tier).toBe('supervisor');
    expect(r.group).toBe('supervisors');
    expect(r.notifySupervisor).toBe(true);
  });

  test('severity trigger', () => {
    const p = load((j) => {
      j.escalation.rules = [
        {
          id: 'l1_watch',
          description: 'Every L1 to specialists',
          when: { type: 'severity', anyOf: ['L1'] },
          then: { tier: 'specialist', addTags: ['watch'] },
        },
      ];
    });
    expect(escalations({ severity: 'L2', signals: [] }, p).hits).toEqual([]);
    const r = escalations({ severity: 'L1', signals: [] }, p);
    expect(r.hits[0]).toEqual({
      ruleId: 'l1_watch',
      tier: 'specialist',
      group: null,
      priority: null,
      addTags: ['watch'],
      note: true,
      notifySupervisor: false,
      reason: `Every L1 to specialists（${p.severities.L1.label['zh-CN']}）`,
    });
    expect(r.group).toBe(p.escalation.tiers.specialist.group);
  });
});
