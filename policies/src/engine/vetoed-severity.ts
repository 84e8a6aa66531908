/**
 * The rule severity that still stands once the model vetoed a kept signal (`vetoKeptSignalBelow`):
 * the most severe `sets.severity` among the matched rules that set none of the vetoed signals. A
 * hazard word the whole ticket reads as harmless ("smoke bomb" of cat litter) then no longer keeps its
 * rule's L1, while a "completely dead" rule keeps its own. With `vetoRereadsSeverity` the model's
 * severity head also rereads the ticket without those rules (`rulesWithout`, apply-model.ts). Pure.
 */
import { severityRank, type SeverityId, type SignalId } from '../ids';
import type { Match, Policy, Ticket } from '../types';
import { askedOnly } from './asked-signals';

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
  for (const id of rulesWithout(policy, ruleIds, vetoed)) {
    const severity = rules.get(id)?.sets.severity;
    if (severity && (best === null || severityRank(severity) < severityRank(best))) best = severity;
  }
  return best;
}

/** The matched rules that set none of the vetoed signals, in their order (what the severity head rereads). */
export function rulesWithout(policy: Policy, ruleIds: readonly string[], vetoed: readonly SignalId[]): string[] {
  const rules = rulesById(policy);
  return ruleIds.filter((id) => !rules.get(id)?.sets.signals?.some((s) => vetoed.includes(s)));
}

/**
 * Whether the severity head rereads the ticket without the vetoed signals' rules (`vetoRereadsSeverity`):
 * `"always"` after any veto, `"asked"` when the rules found every vetoed signal only in questions.
 */
export function rereadsSeverity(
  ref: NonNullable<Policy['classification']['model']>,
  vetoed: readonly SignalId[],
  ticket: Ticket | undefined,
  matches: readonly Match[],
): boolean {
  const mode = ref.vetoRereadsSeverity;
  if (!mode || vetoed.length === 0) return false;
  return mode === 'always' || (ticket !== undefined && vetoed.every((s) => askedOnly(ticket, matches, s)));
}
