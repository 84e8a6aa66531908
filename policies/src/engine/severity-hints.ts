/**
 * Review reasons for a severity the model gave real weight to but the classification did not reach
 * (`classification.review.severityHints`): an L1 case without a safety signal (a product or service
 * completely unusable) that ends up L2/L3 is not silent when the model saw it. Pure. Called by the model
 * combination (apply-model.ts), like the signal hints, so the sidebar bundle does not carry it.
 *
 * - `hint:severity:<level>:model` — the model's probability of `<level>` or a more severe one is at or
 *   above the level's `modelAt` while the final severity is less severe than `<level>`.
 */
import { SEVERITY_IDS, severityRank, type SeverityId } from '../ids';
import type { Policy } from '../types';

/**
 * The hint reasons for the final `severity` given the model's probability per level (`modelP`, null
 * without a model): at most one, for the most severe level whose floor is reached.
 */
export function severityHints(policy: Policy, severity: SeverityId, modelP: Record<SeverityId, number> | null): string[] {
  const hints = policy.classification.review?.severityHints;
  if (!hints || !modelP) return [];
  const final = severityRank(severity);
  let atOrAbove = 0;
  for (let i = 0; i < final; i++) {
    const level = SEVERITY_IDS[i];
    atOrAbove += modelP[level];
    const at = (hints as Partial<Record<SeverityId, { modelAt: number }>>)[level]?.modelAt;
    if (at !== undefined && atOrAbove >= at) return [`hint:severity:${level}:model`];
  }
  return [];
}
