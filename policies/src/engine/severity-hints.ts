/**
 * Review reasons for a severity the model gave real weight to but the classification did not reach
 * (`classification.review.severityHints`): an L1 case without a safety signal (a product or service
 * completely unusable) that ends up L2/L3 is not silent when the model saw it. Pure. Called by the model
 * combination (apply-model.ts), like the signal hints, so the sidebar bundle does not carry it.
 *
 * - `hint:severity:<level>:model` — the model's probability of `<level>` or a more severe one is at or
 *   above the level's `modelAt` while the final severity is less severe than `<level>`;
 * - `hint:severity:<level>:model:<signal>` — below `modelAt` but at or above the lower floor
 *   `modelAtBySignal[<signal>]` of a signal the classification carries (an escalating customer: threats and
 *   repeat contact weigh the model's severity down towards L2). The signal with the lowest floor is named.
 */
import { SEVERITY_IDS, severityRank, type SeverityId, type SignalId } from '../ids';
import type { Policy } from '../types';

type Hint = NonNullable<NonNullable<Policy['classification']['review']>['severityHints']>['L1'];

/**
 * The hint reasons for the final `severity` and `signals` given the model's probability per level
 * (`modelP`, null without a model): at most one, for the most severe level whose floor is reached.
 */
export function severityHints(
  policy: Policy,
  severity: SeverityId,
  modelP: Record<SeverityId, number> | null,
  signals: readonly SignalId[] = [],
): string[] {
  const hints = policy.classification.review?.severityHints;
  if (!hints || !modelP) return [];
  const final = severityRank(severity);
  let atOrAbove = 0;
  for (let i = 0; i < final; i++) {
    const level = SEVERITY_IDS[i];
    atOrAbove += modelP[level];
    const hint = (hints as Partial<Record<SeverityId, Hint>>)[level];
    if (!hint) continue;
    if (atOrAbove >= hint.modelAt) return [`hint:severity:${level}:model`];
    const by = lowestSignalFloor(hint, signals);
    if (by && atOrAbove >= by.at) return [`hint:severity:${level}:model:${by.signal}`];
  }
  return [];
}

/** The carried signal whose `modelAtBySignal` floor is lowest (first in `signals` on a tie), or null. */
function lowestSignalFloor(hint: NonNullable<Hint>, signals: readonly SignalId[]): { signal: SignalId; at: number } | null {
  const floors = hint.modelAtBySignal;
  if (!floors) return null;
  let best: { signal: SignalId; at: number } | null = null;
  for (const s of signals) {
    const at = floors[s];
    if (at !== undefined && (best === null || at < best.at)) best = { signal: s, at };
  }
  return best;
}
