/**
 * The rule severity that still stands once the model vetoed a kept signal (`vetoKeptSignalBelow`):
 * the most severe `sets.severity` among the matched rules that set none of the vetoed signals. A
 * hazard word the whole ticket reads as harmless ("smoke bomb" of cat litter) then no longer keeps its
 * rule's L1, while a "completely dead" rule keeps its own. Pure.
 */
import { severityRank, type SeverityId, type SignalId } from '../ids';
import type { Policy } from '../types';

type Rule = Policy['classification']['rules'][number];
const byIdCache = new WeakMap<Policy, Map<string, Rule>>();

function rulesById(policy: Policy): Map<string, Rule> {
  let m = byIdCache.get(policy);
  if (!m) byIdCache.set(policy, (m = new Map(policy.classification.rules.map((r) => [r.id, r]))));
  return m;
}

/** null when no matched rule outside the vetoed signals' rules sets a severity. */
export function severityWithout(policy: Policy, ruleIds: readonly string[], vetoed: readonly SignalId[]): SeverityId | null {
  const rules = rulesById(policy);
  let best: SeverityId | null = null;
  for (const id of ruleIds) {
    const sets = rules.get(id)?.sets;
    if (!sets?.severity || sets.signals?.some((s) => vetoed.includes(s))) continue;
    if (best === null || severityRank(sets.severity) < severityRank(best)) best = sets.severity;
  }
  return best;
}

/** The matched rules that set none of the vetoed signals, in their order (what the severity head rereads). */
export function rulesWithout(policy: Policy, ruleIds: readonly string[], vetoed: readonly SignalId[]): string[] {
  const rules = rulesById(policy);
  return ruleIds.filter((id) => !rules.get(id)?.sets.signals?.some((s) => vetoed.includes(s)));
}
