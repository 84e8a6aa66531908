/**
 * A rule severity the customer only asks about (`keepRuleSeverityWhenAsked: false`): when every match of the rules
 * setting the kept level lies in a question ("你们门店过年开不开门？", "有冇得用會員價？"), `keepRuleSeverity`
 * does not hold it against the model; the model decides, and the ticket asks for review
 * (`rule_severity_asked:<level>`). A stated "won't turn on" keeps L1, and so does what a signal forces.
 */
import { classify } from '../../../../../policies/src/engine';
import { attachModel, compileModel } from '../../../../../policies/src/engine/linear-model';
import { loadPolicy } from '../../../../support/test-policy';
import { artifact, policyWith } from './apply-model-kit';

// Bias only: the model says L2 for every text (P 0.1 / 0.6 / 0.3), safety 0.5 where a rule found it.
const model = artifact([0.1, 0.6, 0.3], 0.5);
const kept = { keepRuleSeverity: ['L1' as const], severityAt: { L1: 0.35 } };

const askedZh = { id: 'a', subject: '过年开门吗', description: '你们门店过年期间开不开门啊？初三想去提推车' };
const askedEn = { id: 'e', subject: 'Kettle', description: "My kettle won't turn on, is the fuse gone?" };
const stated = { id: 's', subject: 'Kettle', description: "It won't turn on. What should I do?" };
const subjectOnly = { id: 'u', subject: "Kettle won't turn on", description: 'Is there a reset button?' };

describe('keepRuleSeverityWhenAsked', () => {
  it('false: an L1 rule matched only in questions does not hold L1 against the model, and the ticket asks for review', () => {
    const on = policyWith(model, { ...kept, keepRuleSeverityWhenAsked: false });
    for (const t of [askedZh, askedEn, subjectOnly]) {
      const got = classify(t, on);
      expect(got.matches.some((m) => m.sets.severity === 'L1')).toBe(true);
      expect(got.severity).toBe('L2');
      expect(got.review!.reasons).toContain('rule_severity_asked:L1');
      expect(got.disagreements).toContainEqual({ field: 'severity', rules: 'L1', model: 'L2', kept: 'L2' });
    }
  });

  it('a stated match keeps the rule severity; unset (the schema default) keeps it as before', () => {
    const on = policyWith(model, { ...kept, keepRuleSeverityWhenAsked: false });
    const got = classify(stated, on);
    expect(got.severity).toBe('L1');
    expect(got.review?.reasons ?? []).not.toContain('rule_severity_asked:L1');
    const before = policyWith(model, kept);
    for (const t of [askedZh, askedEn, subjectOnly]) expect(classify(t, before).severity).toBe('L1');
  });

  it('what a signal forces still wins over an asked rule severity', () => {
    const on = policyWith(model, { ...kept, keepRuleSeverityWhenAsked: false });
    const got = classify({ id: 'f', subject: 'Heater', description: "The plug sparked and now it won't turn on at all, why?" }, on);
    expect(got.signals).toContain('safety');
    expect(got.severity).toBe('L1');
  });

  it('the default policy lets the model decide an L1 rule severity that was only asked about', () => {
    const p = loadPolicy();
    expect(p.classification.model?.keepRuleSeverityWhenAsked).toBe(false);
    // P(safety) 0.01: under the default policy's safety add threshold (0.3)
    attachModel(p, compileModel(artifact([0.1, 0.6, 0.3], 0.01)));
    expect(classify(askedZh, p).severity).not.toBe('L1');
    expect(classify(stated, p).severity).toBe('L1');
  });
});
