/**
 * Attaches a compiled model to a policy object (the server does this after loading the artifact;
 * `null` detaches it): classify() then combines the rules with the model (apply-model.ts). Pure.
 */
import { combine } from './apply-model';
import type { LinearModel } from './compile-model';
import { explain } from './explain-classification';
import { ngramPhrase, tokensOf } from './feature-phrase';
import { registerModel, registerModelExplainer, registerPhraseFinder } from './model-registry';

registerPhraseFinder({ tokensOf, ngramPhrase });
registerModelExplainer(explain);

export function attachModel(policy: object, model: LinearModel | null): void {
  registerModel(policy, model ? { model, combine } : null);
}
