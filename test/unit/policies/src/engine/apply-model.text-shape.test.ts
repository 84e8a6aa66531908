/**
 * A model feature read from the ticket's shape, defined by a training option the artifact records: the share of
 * the body's sentences that are questions (`questionShares`: `text:questions:<pct>`). The run time reads the
 * thresholds from the artifact, so a model trained without them classifies exactly as before.
 */
import { classify } from '../../../../../policies/src/engine';
import { ruleFeaturesOf } from '../../../../../policies/src/engine/apply-model';
import type { ModelArtifact } from '../../../../../policies/src/engine/linear-model';
import { loadPolicy } from '../../../../support/test-policy';
import { artifact, policyWith } from './apply-model-kit';

// Bias only: category quality, severity L2 (P 0.1 / 0.6 / 0.3) for every text; weights added per test.
const base = artifact([0.1, 0.6, 0.3], 0.01);
// Output order: 6 categories (quality, logistics, usage, service, billing, other), then L1, L2, L3, then signals.
const row = (cat: number[], sev: number[]) => [...cat, ...sev, 0, 0, 0, 0, 0, 0];

function withFeatures(options: Partial<ModelArtifact['options']>, weights: Record<string, number[]>): ModelArtifact {
  return { ...base, options: { ...base.options, ...options }, weights };
}

const enquiry = { id: 'q', subject: 'Plan fee', description: "What's the cancellation fee if I end my plan now? Is it pro rata?" };
const report = { id: 'r', subject: 'Plan fee', description: 'The heater rattles when it starts. Is it normal?' };

describe('question share', () => {
  const weights = { 'text:questions:100': row([0, 0, 0, 0, 0, 0], [0, 0, 3]) };

  it('a body of questions only reaches the 100 % share and reads as routine; a report with a question does not', () => {
    const p = policyWith(withFeatures({ questionShares: [0.5, 1] }, weights), {});
    const got = classify(enquiry, p);
    expect(got.severity).toBe('L3');
    expect(classify(report, p).severity).toBe('L2');
  });

  it('a model trained without questionShares never sees the feature', () => {
    const p = policyWith(withFeatures({}, weights), {});
    expect(classify(enquiry, p).severity).toBe('L2');
  });

  it('ruleFeaturesOf reads the body without the subject line', () => {
    const p = loadPolicy();
    const text = 'plan fee\nwhat is the fee?\n';
    expect(ruleFeaturesOf(p, [], [], text, 'plan fee', [0.5, 1])).toEqual(['text:question', 'text:questions:50', 'text:questions:100']);
    expect(ruleFeaturesOf(p, [], [], text, '', [0.5, 1])).toEqual(['text:question', 'text:questions:50']);
    expect(ruleFeaturesOf(p, [], [], text, 'plan fee')).toEqual(['text:question']);
  });
});
