/** Set-up the apply-model tests share: a bias-only artifact and the default policy with a model reference. */
import { attachModel, compileModel, type ModelArtifact } from '../../../../../policies/src/engine/linear-model';
import type { Policy } from '../../../../../policies/src/types';
import { biasOnlyArtifact } from '../../../../support/bias-only-model';
import { loadPolicy } from '../../../../support/test-policy';

// Bias only (test/support/bias-only-model.ts): every text gets these probabilities, category quality first.
export function artifact(sev: [number, number, number], safety: number, table?: number[][]): ModelArtifact {
  return { ...biasOnlyArtifact(sev, { safety }), severityGivenCategory: table };
}

/** The default policy with a model reference of these settings, the artifact attached. */
export function policyWith(a: ModelArtifact, model: Partial<NonNullable<Policy['classification']['model']>>): Policy {
  const base = loadPolicy();
  const p: Policy = {
    ...base,
    classification: {
      ...base.classification,
      model: {
        file: 'x.json',
        enabled: true,
        addSignalAt: 0.85,
        dropSignalBelow: 0.05,
        keepSignals: ['safety'],
        keepRuleSeverity: [],
        ...model,
      },
    },
  };
  attachModel(p, compileModel(a));
  return p;
}
