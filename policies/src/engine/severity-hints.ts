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
 *   repeat contact weigh the model's severity down towards L2). The signal with the lowest floor is named;
 * - `hint:severity:<level>:model:rule:<id>` — below those but at or above the floor `modelAtByRule[<id>]` of
 *   a rule that matched (a wording that says a whole function is gone but does not force L1: "什么都用不了",
 *   "nothing comes out"). The rule with the lowest floor is named.
 */
import { SEVERITY_IDS, severityRank, type SeverityId, type SignalId } from '../ids';
import type { Policy } from '../types';

type Hint = NonNullable<NonNullable<NonNullable<Policy['classification']['review']>['severityHints']>['L1']>;

/**
 * The hint reasons for the final `severity` and `signals` given the model's probability per level
 * (`modelP`, null without a model) and the ids of the rules that matched: at most one, for the most
 * severe level whose floor is reached. `passageP` gives, when called, the highest probability of each level
 * or a more severe one that a paragraph read alone gives (null for a body of one paragraph); it is called
 * only when the whole text reaches no floor.
 */
export function severityHints(
  policy: Policy,
  severity: SeverityId,
  modelP: Record<SeverityId, number> | null,
  signals: readonly SignalId[] = [],
  ruleIds: readonly string[] = [],
  passageP?: () => Record<SeverityId, number> | null,
): string[] {
  const hints = policy.classification.review?.severityHints;
  if (!hints || !modelP) return [];
  const final = severityRank(severity);
  let atOrAbove = 0;
  let passages: Record<SeverityId, number> | null | undefined;
  for (let i = 0; i < final; i++) {
    const level = SEVERITY_IDS[i];
    atOrAbove += modelP[level];
    const hint = (hints as Partial<Record<SeverityId, Hint>>)[level];
    if (!hint) continue;
    if (atOrAbove >= hint.modelAt) return [`hint:severity:${level}:model`];
    const by = lowestFloor(hint.modelAtBySignal, signals);
    if (by && atOrAbove >= by.at) return [`hint:severity:${level}:model:${by.id}`];
    const rule = lowestFloor(hint.modelAtByRule, ruleIds);
    if (rule && atOrAbove >= rule.at) return [`hint:severity:${level}:model:rule:${rule.id}`];
    if (hint.passageAt === undefined) continue;
    if (passages === undefined) passages = passageP?.() ?? null;
    if (passages && passages[level] >= hint.passageAt) return [`hint:severity:${level}:passage`];
  }
  return [];
}

/** The listed id (a carried signal, a matched rule) whose floor is lowest (first in `ids` on a tie), or null. */
function lowestFloor(floors: Partial<Record<string, number>> | undefined, ids: readonly string[]): { id: string; at: number } | null {
  if (!floors) return null;
  let best: { id: string; at: number } | null = null;
  for (const id of ids) {
    const at = floors[id];
    if (at !== undefined && (best === null || at < best.at)) best = { id, at };
  }
  return best;
}
