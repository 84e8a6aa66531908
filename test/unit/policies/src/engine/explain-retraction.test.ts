import { retractionText } from '../../../../../policies/src/engine/explain-retraction';
import type { Retraction } from '../../../../../policies/src/types';
import { inLocale, policyWith } from './classify-kit';

const dead = {
  id: 'dead',
  phrases: ['not cooling'],
  unless: ['fan mode'],
  sets: { category: 'quality' as const, severity: 'L1' as const },
};
const r: Retraction = {
  ruleId: 'dead',
  field: 'subject',
  start: 3,
  end: 14,
  text: 'not cooling',
  by: { field: 'comment:7', start: 0, end: 8, text: 'fan mode' },
};

describe('retractionText', () => {
  const policy = inLocale(policyWith([dead]), 'en');

  it('says the retraction in the sentence of what the rule would have set, naming a comment field by its term', () => {
    expect(retractionText({ policy, locale: 'en' }, [r], 'severity')).toBe(
      ' Not counted: "not cooling" in the subject (L1 urgent and Product quality), retracted by "fan mode" in the customer\'s comment.',
    );
    expect(retractionText({ policy, locale: 'en' }, [r], 'category')).toBe('');
  });

  it('leaves out a rule the policy no longer has, and says nothing without the template', () => {
    expect(retractionText({ policy, locale: 'en' }, [{ ...r, ruleId: 'gone' }], 'severity')).toBe('');
    const { retracted: _, ...rest } = policy.explanations;
    expect(retractionText({ policy: { ...policy, explanations: rest }, locale: 'en' }, [r], 'severity')).toBe('');
    expect(retractionText({ policy, locale: 'en' }, undefined, 'severity')).toBe('');
  });
});
