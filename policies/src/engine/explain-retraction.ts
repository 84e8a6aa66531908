/**
 * The `why` of an `unless` retraction: a rule matched but an `unless` phrase cancelled it (in its field,
 * or in every field with `unlessScope: "ticket"`). Said in the sentence the rule would have counted in
 * (its severity, else the category): what the rule matched, where, and the words that retracted it.
 * Browser-safe.
 */
import type { Retraction } from '../types';
import { evidence, fieldTerm, quote, say, type WordsCtx } from './explain-words';

/** The retraction sentences for the `why` of `where` (with a leading space), '' when there are none. */
export function retractionText(x: WordsCtx, retracted: readonly Retraction[] | undefined, where: 'category' | 'severity'): string {
  if (!retracted?.length) return '';
  let out = '';
  for (const r of retracted) {
    const rule = x.policy.classification.rules.find((q) => q.id === r.ruleId);
    // A rule the policy no longer has (a stored classification) is left out: its labels are unknown.
    if (!rule || (rule.sets.severity ? 'severity' : 'category') !== where) continue;
    const match = { ruleId: r.ruleId, field: r.field, start: r.start, end: r.end, text: r.text, sets: rule.sets, weight: rule.weight ?? 1 };
    const t = say(x, 'retracted', { others: evidence(x, match), text: quote(r.by.text), field: fieldTerm(x, r.by.field) });
    if (t) out += ` ${t}`;
  }
  return out;
}
