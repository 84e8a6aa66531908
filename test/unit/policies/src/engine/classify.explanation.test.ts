import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import type { Policy } from '../../../../../policies/src/types';
import { base, policyWith, inLocale, ticket, type RuleIn } from './classify-kit';

describe('classify: explanation and compilation', () => {
  const rules: RuleIn[] = [
    { id: 'leak', description: 'Electric leakage', phrases: ['漏电'], sets: { category: 'quality', severity: 'L1', signals: ['safety'] } },
    { id: 'court', phrases: ['court'], sets: { signals: ['legal'] } },
  ];

  test('why names the rule, the matched text and where, with the policy labels (en explanations)', () => {
    const c = classify(ticket('洗衣机漏电', 'see you in court'), inLocale(policyWith(rules), 'en'));
    expect(c.why.category).toBe('Product quality scored 1 (minimum 1): rule leak matched "漏电" in subject.');
    expect(c.why.severity).toBe('L1 urgent set by rule leak matched "漏电" in subject.');
    expect(c.why.signals).toEqual({
      safety: 'Safety hazard: rule leak matched "漏电" in subject.',
      legal: 'Legal threat: rule court matched "court" in description.',
    });
  });

  test('why is in the policy default locale: zh-CN and zh-TW wording and labels, no English words', () => {
    const zh = classify(ticket('洗衣机漏电', 'see you in court'), policyWith(rules));
    expect(zh.why.category).toBe('产品质量 得分 1（最低 1）：规则 leak 命中 "漏电"。');
    expect(zh.why.severity).toBe('L1 紧急 由 规则 leak 命中 "漏电" 设定。');
    expect(zh.why.signals.legal).toBe(`${base.signals.legal.label['zh-CN']}：规则 court 命中 "court"。`);
    const tw = classify(ticket('洗衣机漏电'), inLocale(policyWith(rules), 'zh-TW'));
    expect(tw.why.category).toBe('產品品質 得分 1（最低 1）：規則 leak 命中 "漏电"。');
    for (const text of [zh.why.category, zh.why.severity, ...Object.values(zh.why.signals), tw.why.category]) {
      expect(text!.replace(/"[^"]*"|\b(leak|court|L1)\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  test('why is composed from the policy: renaming a rule or rewording the templates changes the explanation', () => {
    const renamed = rules.map((r) => (r.id === 'leak' ? { ...r, id: 'shock_hazard' } : r));
    const c = classify(ticket('洗衣机漏电'), policyWith(renamed));
    expect(c.why.category).toContain('规则 shock_hazard');
    expect(c.why.category).not.toContain('leak');
    const p = policyWith(rules);
    const reworded: Policy = { ...p, explanations: { ...p.explanations, match: { ...p.explanations.match, 'zh-CN': '〔{{rule}}/{{text}}/{{field}}/{{weight}}〕' } } };
    expect(classify(ticket('洗衣机漏电'), reworded).why.category).toBe('产品质量 得分 1（最低 1）：〔leak/"漏电"/subject/1〕。');
  });

  test('a policy is compiled once per object (WeakMap) and each match carries its rule data', () => {
    const p = policyWith(rules);
    expect(compileRules(p)).toBe(compileRules(p));
    expect(compileRules(policyWith(rules))).not.toBe(compileRules(p));
    const m = classify(ticket('漏电'), p).matches[0];
    expect(m).toEqual({ ruleId: 'leak', field: 'subject', start: 0, end: 2, text: '漏电', sets: { category: 'quality', severity: 'L1', signals: ['safety'] }, weight: 1 });
  });
});
