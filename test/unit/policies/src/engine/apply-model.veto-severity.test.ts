/**
 * A kept signal the model vetoed (vetoKeptSignalBelow, vetoAskedSignalBelow) no longer speaks to the severity
 * head either (`vetoRereadsSeverity`): the head reads the ticket again without the vetoed rules' features, so a
 * hazard question the model read as harmless ("Will the heater smoke?") is not paged as L1 by the very
 * `rule:`/`sig:safety` features the veto overruled.
 */
import { classify } from '../../../../../policies/src/engine';
import type { ModelArtifact } from '../../../../../policies/src/engine/linear-model';
import { attachModel, compileModel } from '../../../../../policies/src/engine/linear-model';
import { loadPolicy } from '../../../../support/test-policy';
import { artifact, policyWith } from './apply-model-kit';

// Outputs: 6 categories, then L1 L2 L3, then the signals. `sig:safety` (the rules found safety) adds 3 to L1's logit:
// with it P(L1) is about 0.69 (past severityAt 0.35), without it 0.1 and L2 (0.6) is the most probable.
function withSafetyFeature(safety: number): ModelArtifact {
  const a = artifact([0.1, 0.6, 0.3], safety);
  a.weights = { 'sig:safety': [0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0] };
  return a;
}

const asked = { id: 'q', subject: 'Drinks fridge', description: 'Will the heater smoke if the gap at the back is small?' };
const stated = { id: 's', subject: 'Drinks fridge', description: 'The heater started to smoke. What gap does it need?' };
const veto = { keepRuleSeverity: ['L1' as const], severityAt: { L1: 0.35 }, vetoKeptSignalBelow: { safety: 0.3 } };

describe('vetoRereadsSeverity', () => {
  it('a vetoed hazard question is not L1 through the features the veto overruled; a kept hazard still is', () => {
    const a = withSafetyFeature(0.5);
    const on = policyWith(a, { ...veto, vetoAskedSignalBelow: { safety: 0.8 }, vetoRereadsSeverity: 'asked' });
    const got = classify(asked, on);
    expect(got.signals).not.toContain('safety');
    expect(got.review!.reasons).toContain('model_vetoed:safety');
    expect(got.severity).toBe('L2');
    expect(got.confidence!.severity).toBeCloseTo(0.6, 5);
    // the severity's "why" no longer says the model chose L1
    expect(got.why.severity).not.toContain('学习模型选择 L1');
    // without the setting the head keeps the vetoed rules' features: L1 (what round 18 shipped)
    const off = classify(asked, policyWith(a, { ...veto, vetoAskedSignalBelow: { safety: 0.8 } }));
    expect(off.signals).not.toContain('safety');
    expect(off.severity).toBe('L1');
    expect(off.why.severity).toContain('学习模型选择 L1');
    // a hazard stated keeps safety (P 0.5 is above the plain veto 0.3) and with it L1
    const kept = classify(stated, on);
    expect(kept.signals).toContain('safety');
    expect(kept.severity).toBe('L1');
  });

  it('"asked" rereads only after a veto of a hazard asked about; "always" after a stated one too, other rules still read', () => {
    // P(safety) 0.1: vetoed even when stated (vetoKeptSignalBelow 0.3)
    const a = withSafetyFeature(0.1);
    const smoke = { id: 'h', subject: 'Heater', description: 'The heater started to smoke.' };
    // "asked": a stated hazard the model vetoed keeps the head's L1 (a real swelling the model missed stays paged)
    const asked = classify(smoke, policyWith(a, { ...veto, vetoRereadsSeverity: 'asked' }));
    expect(asked.signals).not.toContain('safety');
    expect(asked.severity).toBe('L1');
    const always = policyWith(a, { ...veto, vetoRereadsSeverity: 'always' });
    const reread = classify(smoke, always);
    expect(reread.signals).not.toContain('safety');
    expect(reread.severity).toBe('L2');
    // a "completely dead" rule is no safety rule: it keeps its own L1 (keepRuleSeverity) after the reread
    const dead = classify(
      { id: 'd', subject: 'Heater', description: 'The heater started to smoke and now it is completely dead.' },
      always,
    );
    expect(dead.signals).not.toContain('safety');
    expect(dead.severity).toBe('L1');
  });

  it('the default policy rereads the severity after the veto of a hazard asked about', () => {
    // Round 19, left out of training: rounds 18 and 17 gave 5 and 4 fewer false L1 with no L1 lost ("always": 3 L1 lost).
    const p = loadPolicy();
    expect(p.classification.model?.vetoRereadsSeverity).toBe('asked');
    attachModel(p, compileModel(withSafetyFeature(0.5)));
    const got = classify(
      { id: 'q', subject: 'Will this catch fire?', description: 'Putting the fridge in an alcove. What clearance does it need?' },
      p,
    );
    expect(got.signals).not.toContain('safety');
    expect(got.severity).not.toBe('L1');
  });
});
