import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { explainStored } from '../../../../../policies/src/engine/explain-classification';
import type { Policy } from '../../../../../policies/src/types';
import { base, policyWith, inLocale, ticket, type RuleIn } from './classify-kit';

describe('classify: explanation and compilation', () => {
  const rules: RuleIn[] = [
    { id: 'leak', description: 'Electric leakage', phrases: ['漏电'], sets: { category: 'quality', severity: 'L1', signals: ['safety'] } },
    { id: 'court', phrases: ['court'], sets: { signals: ['legal'] } },
  ];

  test('why names the matched text, where, and what the rule indicates, with the policy labels, never a rule id (en explanations)', () => {
    const c = classify(ticket('洗衣机漏电', 'see you in court'), inLocale(policyWith(rules), 'en'));
    expect(c.why.category).toBe('Product quality scored 1 (minimum 1): "漏电" in the subject (Safety hazard).');
    expect(c.why.severity).toBe('L1 urgent set by "漏电" in the subject (Safety hazard).');
    expect(c.why.signals).toEqual({
      safety: 'Safety hazard: "漏电" in the subject (Safety hazard).',
      legal: 'Legal threat: "court" in the description (Legal threat).',
    });
  });

  test('why is in the policy default locale: zh-CN and zh-TW wording and labels, no English words', () => {
    const zh = classify(ticket('洗衣机漏电', 'see you in court'), policyWith(rules));
    expect(zh.why.category).toBe('产品质量 得分 1（最低 1）：主题中的 "漏电"（人身安全）。');
    expect(zh.why.severity).toBe('L1 紧急 由 主题中的 "漏电"（人身安全） 设定。');
    expect(zh.why.signals.legal).toBe(`${base.signals.legal.label['zh-CN']}：描述中的 "court"（${base.signals.legal.label['zh-CN']}）。`);
    const tw = classify(ticket('洗衣机漏电'), inLocale(policyWith(rules), 'zh-TW'));
    expect(tw.why.category).toBe('產品品質 得分 1（最低 1）：主旨中的 "漏电"（人身安全）。');
    for (const text of [zh.why.category, zh.why.severity, ...Object.values(zh.why.signals), tw.why.category]) {
      expect(text!.replace(/"[^"]*"|\bL1\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  test('why is composed from the policy: a rule id never shows, rewording the templates or terms changes the explanation', () => {
    const renamed = rules.map((r) => (r.id === 'leak' ? { ...r, id: 'shock_hazard' } : r));
    const c = classify(ticket('洗衣机漏电'), policyWith(renamed));
    expect(c.why.category).not.toContain('shock_hazard');
    expect(c.why.category).toBe(classify(ticket('洗衣机漏电'), policyWith(rules)).why.category);
    const p = policyWith(rules);
    const terms = { ...p.explanations.terms!, subject: { ...p.explanations.terms!.subject, 'zh-CN': '标题' } };
    const reworded: Policy = {
      ...p,
      explanations: { ...p.explanations, terms, match: { ...p.explanations.match, 'zh-CN': '〔{{rule}}/{{text}}/{{field}}/{{weight}}〕' } },
    };
    expect(classify(ticket('洗衣机漏电'), reworded).why.category).toBe('产品质量 得分 1（最低 1）：〔人身安全/"漏电"/标题/1〕。');
  });

  test('a policy is compiled once per matcher content (remember-compiled-rules.ts) and each match carries its rule data', () => {
    const p = policyWith(rules);
    expect(compileRules(p)).toBe(compileRules(p));
    expect(compileRules(policyWith(rules))).toBe(compileRules(p));
    expect(compileRules(policyWith(rules.slice(0, 1)))).not.toBe(compileRules(p));
    const m = classify(ticket('漏电'), p).matches[0];
    expect(m).toEqual({
      ruleId: 'leak',
      field: 'subject',
      start: 0,
      end: 2,
      text: '漏电',
      sets: { category: 'quality', severity: 'L1', signals: ['safety'] },
      weight: 1,
    });
  });
});

describe('why names an `unless` retraction: which rule, by which words, in which field', () => {
  const dead: RuleIn = {
    id: 'dead',
    phrases: ['not cooling'],
    unless: ['fan mode'],
    unlessScope: 'ticket',
    sets: { category: 'quality', severity: 'L1' },
  };
  const noise: RuleIn = { id: 'noise', phrases: ['noise'], sets: { category: 'quality', severity: 'L2' } };
  const t = ticket('AC not cooling', 'oh wait, it was on fan mode, some noise though');

  test('a ticket-wide retraction is said where the rule would have counted (its severity), in every locale', () => {
    const en = classify(t, inLocale(policyWith([dead, noise]), 'en'));
    expect(en.severity).toBe('L2');
    expect(en.why.severity).toBe(
      'L2 important set by "noise" in the description (L2 important and Product quality). ' +
        'Not counted: "not cooling" in the subject (L1 urgent and Product quality), retracted by "fan mode" in the description.',
    );
    const zh = classify(t, policyWith([dead, noise]));
    expect(zh.why.severity).toContain('未计入：主题中的 "not cooling"（L1 紧急和产品质量），因描述中的 "fan mode" 撤销。');
    expect(en.basis?.retracted).toEqual([
      {
        ruleId: 'dead',
        field: 'subject',
        start: 3,
        end: 14,
        text: 'not cooling',
        by: { field: 'description', start: 19, end: 27, text: 'fan mode' },
      },
    ]);
  });

  test('the stored classification renders the same why again from its basis', () => {
    const p = inLocale(policyWith([dead, noise]), 'en');
    const c = classify(t, p);
    expect(explainStored(c, p, 'en')).toEqual(c.why);
  });

  test('nothing is said when the rule matched nowhere, or when no unless phrase occurs', () => {
    const p = inLocale(policyWith([dead, noise]), 'en');
    const quiet = classify(ticket('AC noise', 'it was on fan mode'), p);
    expect(quiet.why.severity).not.toContain('Not counted');
    expect(quiet.basis?.retracted).toBeUndefined();
    expect(classify(ticket('AC not cooling', 'some noise'), p).why.severity).not.toContain('Not counted');
  });

  test('a rule that sets no severity is named in the category sentence', () => {
    const quality: RuleIn = { ...dead, sets: { category: 'quality' } };
    const c = classify(t, inLocale(policyWith([quality, noise]), 'en'));
    expect(c.why.category).toContain(
      'Not counted: "not cooling" in the subject (Product quality), retracted by "fan mode" in the description.',
    );
  });
});
