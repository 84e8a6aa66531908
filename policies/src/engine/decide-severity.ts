/**
 * The model's severity from its probabilities: blended with P(severity | category), a more severe
 * level taken at its own threshold, a guess from the words alone held to a surer one, and capped by
 * the "still works" rules. Pure.
 */
import { CATEGORY_IDS, SEVERITY_IDS, severityRank as rank, type CategoryId, type SeverityId } from '../ids';
import type { Policy } from '../types';
import type { LinearModel } from './compile-model';

function argmax<T extends string>(p: Record<T, number>): T {
  let best: T | null = null;
  for (const k of Object.keys(p) as T[]) if (best === null || p[k] > p[best]) best = k;
  return best!;
}

const capsByPolicy = new WeakMap<Policy, Map<string, SeverityId>>();

/**
 * The model's severity lowered to the least severe cap among the matched `capSeverityRules` (each
 * rule's own `sets.severity`): "still works", "works again" keep a guess from the words below L1.
 */
export function capSeverity(policy: Policy, ruleIds: readonly string[], severity: SeverityId): SeverityId {
  const ids = policy.classification.model?.capSeverityRules;
  if (!ids?.length) return severity;
  let caps = capsByPolicy.get(policy);
  if (!caps) {
    caps = new Map();
    for (const r of policy.classification.rules) if (ids.includes(r.id) && r.sets.severity) caps.set(r.id, r.sets.severity);
    capsByPolicy.set(policy, caps);
  }
  let out = severity;
  for (const id of ruleIds) {
    const cap = caps.get(id);
    if (cap && rank(cap) > rank(out)) out = cap;
  }
  return out;
}

/**
 * The model's severity: the most probable after blending in P(severity | category) from the
 * training labels (`categorySeverityWeight`), unless a more severe level reaches its `severityAt`
 * (`severityAtWithoutRules` when no rule matched). Without a rule match, a level that has a
 * `severityAtWithoutRules` threshold is not chosen below it even as the most probable: the most
 * probable less severe level is (a guess from the words alone must be surer before it pages anyone).
 */
export function decideSeverity(
  model: LinearModel,
  ref: NonNullable<Policy['classification']['model']>,
  category: CategoryId,
  p: Record<SeverityId, number>,
  ruleMatched: boolean,
): SeverityId {
  let base = blendedArgmax(model, ref.categorySeverityWeight ?? 0, category, p);
  const thresholds = ruleMatched ? ref.severityAt : (ref.severityAtWithoutRules ?? ref.severityAt);
  for (const s of SEVERITY_IDS) {
    if (rank(s) >= rank(base)) break;
    const at = thresholds?.[s];
    if (at !== undefined && p[s] >= at) return s;
  }
  const floor = ruleMatched ? undefined : ref.severityAtWithoutRules;
  while (floor?.[base] !== undefined && p[base] < floor[base]! && rank(base) < SEVERITY_IDS.length - 1) {
    const below = SEVERITY_IDS.slice(rank(base) + 1);
    base = below.reduce((a, b) => (p[b] > p[a] ? b : a));
  }
  return base;
}

function blendedArgmax(model: LinearModel, w: number, category: CategoryId, p: Record<SeverityId, number>): SeverityId {
  const table = model.artifact.severityGivenCategory;
  if (!table || w === 0) return argmax(p);
  const row = table[CATEGORY_IDS.indexOf(category)];
  let best: SeverityId = SEVERITY_IDS[0];
  let bestScore = -Infinity;
  SEVERITY_IDS.forEach((s, i) => {
    const v = Math.log(p[s]) + w * Math.log(row[i]);
    if (v > bestScore) {
      bestScore = v;
      best = s;
    }
  });
  return best;
}
