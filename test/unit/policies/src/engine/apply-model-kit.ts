/** Set-up the apply-model tests share: a bias-only artifact and the default policy with a model reference. */
import { attachModel, compileModel, type ModelArtifact } from '../../../../../policies/src/engine/linear-model';
import type { Policy } from '../../../../../policies/src/types';
import { biasOnlyArtifact } from '../../../../support/bias-only-model';
import { loadPolicy } from '../../../../support/test-policy';

// Bias only (test/support/bias-only-model.ts): every text gets these probabilities, category quality first.
export function artifact(sev: [number, number, number], safety: number, table?: number[][]): ModelArtifact {
  return { ...biasOnlyArtifact(sev, { safety }), severityGivenCategory: table };
}

/** The model reference policyWith and policyVariant give the default policy: these settings over a base. */
function modelSettings(model: Partial<NonNullable<Policy['classification']['model']>>): NonNullable<Policy['classification']['model']> {
  return {
    file: 'x.json',
    enabled: true,
    addSignalAt: 0.85,
    dropSignalBelow: 0.05,
    keepSignals: ['safety'],
    keepRuleSeverity: [],
    ...model,
  };
}

/** The default policy with a model reference of these settings, the artifact attached. */
export function policyWith(a: ModelArtifact, model: Partial<NonNullable<Policy['classification']['model']>>): Policy {
  const base = loadPolicy();
  const p: Policy = { ...base, classification: { ...base.classification, model: modelSettings(model) } };
  attachModel(p, compileModel(a));
  return p;
}

/**
 * Default policy objects policyVariant reuses, one per capSeverityRules list: decide-severity.ts caches a policy's
 * caps the first time it reads them. The engine caches the compiled rules and the tables made from rules, cues,
 * amounts and signals per policy object (about 0.35 s of CPU to compile the default rules again for a new one); the
 * model settings are read from `classification.model` at each classify, the model from the one attached.
 */
const variantBases = new Map<string, Policy>();

/**
 * What policyWith gives, on a reused policy object: its `classification.model` is replaced by these settings and
 * this artifact attached, so the rules are compiled once per file, not once per variant. The object is only this
 * variant until the next policyVariant call: classify with it before making another (keep policyWith where a test
 * holds two variants at once).
 */
export function policyVariant(a: ModelArtifact, model: Partial<NonNullable<Policy['classification']['model']>>): Policy {
  const settings = modelSettings(model);
  const key = JSON.stringify(settings.capSeverityRules ?? []);
  let p = variantBases.get(key);
  if (!p) variantBases.set(key, (p = loadPolicy()));
  p.classification = { ...p.classification, model: settings };
  attachModel(p, compileModel(a));
  return p;
}
