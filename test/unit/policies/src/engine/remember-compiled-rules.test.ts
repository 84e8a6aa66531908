/**
 * Policies whose matcher inputs (rules, cues, clause starts, replacements) are the same share one compiled matcher;
 * any change to those inputs, or another pattern-index registration, compiles afresh; only the last few are kept.
 */
import { classify } from '../../../../../policies/src/engine';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { patternIndexesInUse, usePatternIndexes } from '../../../../../policies/src/engine/use-pattern-indexes';
import { patternIndexes } from '../../../../../policies/server/pattern-indexes';
import { policyWith, ticket } from './classify-kit';

const rule = (phrase: string) => ({ id: 'r', phrases: [phrase], sets: { category: 'quality' as const } });

describe('compiled rules are remembered by content', () => {
  it('a policy that differs outside the matcher reuses the compiled matcher', () => {
    const a = policyWith([rule('wobbly leg')]);
    const b = policyWith([rule('wobbly leg')], { minCategoryScore: 5 });
    expect(a).not.toBe(b);
    expect(compileRules(b)).toBe(compileRules(a));
    expect(classify(ticket('Chair', 'it has a wobbly leg'), a).matches.map((m) => m.ruleId)).toEqual(['r']);
  });

  it('a changed phrase or replacement compiles afresh and matches what it says', () => {
    const a = policyWith([rule('wobbly leg')]);
    const b = policyWith([rule('loose leg')]);
    expect(compileRules(b)).not.toBe(compileRules(a));
    expect(classify(ticket('Chair', 'it has a loose leg'), b).matches.map((m) => m.ruleId)).toEqual(['r']);
    expect(classify(ticket('Chair', 'it has a loose leg'), a).matches).toEqual([]);
    const replaced = policyWith([rule('wobbly leg')], { normalize: { replace: [['wonky', 'wobbly']] } });
    expect(compileRules(replaced)).not.toBe(compileRules(a));
    expect(classify(ticket('Chair', 'it has a wonky leg'), replaced).matches.map((m) => m.ruleId)).toEqual(['r']);
  });

  it('another pattern-index registration compiles afresh', () => {
    const before = patternIndexesInUse();
    try {
      usePatternIndexes(null);
      const plain = compileRules(policyWith([rule('wobbly leg')]));
      usePatternIndexes(patternIndexes);
      const indexed = compileRules(policyWith([rule('wobbly leg')]));
      expect(indexed).not.toBe(plain);
      expect(compileRules(policyWith([rule('wobbly leg')]))).toBe(indexed);
    } finally {
      usePatternIndexes(before);
    }
  });

  it('keeps the last four: the fifth distinct matcher pushes out the least recently used', () => {
    const zero = compileRules(policyWith([rule('phrase zero')]));
    const one = compileRules(policyWith([rule('phrase one')]));
    for (const n of ['two', 'three']) compileRules(policyWith([rule(`phrase ${n}`)]));
    expect(compileRules(policyWith([rule('phrase zero')]))).toBe(zero); // used again: now the most recent
    compileRules(policyWith([rule('phrase four')])); // the fifth: pushes out `one`, the least recently used
    expect(compileRules(policyWith([rule('phrase zero')]))).toBe(zero);
    const again = compileRules(policyWith([rule('phrase one')]));
    expect(again).not.toBe(one);
    expect(classify(ticket('x', 'phrase one'), policyWith([rule('phrase one')])).matches.map((m) => m.ruleId)).toEqual(['r']);
  });
});
