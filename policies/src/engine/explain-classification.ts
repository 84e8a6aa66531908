/**
 * The `why` of a classification, composed only from the policy's own rule ids, descriptions,
 * ids and the matched text; no domain wording lives here.
 */
import type { CategoryId, SeverityId, SignalId } from '../ids';
import type { Classification, Match, Policy } from '../types';
import type { CompiledClassifier } from './compile-rules';

export interface Decision {
  category: CategoryId;
  scored: boolean;
  best: number;
  minScore: number;
  severity: SeverityId;
  severityRule: number | null;
  forcedBy: SignalId | null;
  signals: SignalId[];
  scores: Partial<Record<CategoryId, number>>;
  firstByRule: Map<number, Match>;
}

const MAX_QUOTE = 60;

function quote(text: string): string {
  const t = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  return JSON.stringify(t);
}

function ruleName(c: CompiledClassifier, idx: number): string {
  const r = c.rules[idx];
  return r.description ? `rule ${r.id} (${r.description})` : `rule ${r.id}`;
}

function evidence(c: CompiledClassifier, idx: number, m: Match): string {
  return `${ruleName(c, idx)} matched ${quote(m.text)} in ${m.field} at ${m.start}-${m.end}`;
}

export function explain(c: CompiledClassifier, policy: Policy, d: Decision): Classification['why'] {
  return { category: explainCategory(c, policy, d), severity: explainSeverity(c, policy, d), signals: explainSignals(c, d) };
}

function explainCategory(c: CompiledClassifier, policy: Policy, d: Decision): string {
  if (!d.scored) {
    const why = Number.isFinite(d.best) ? `the best score ${d.best} is below the minimum ${d.minScore}` : 'no rule gave a category';
    return `${d.category}: ${why}, so the default category applies.`;
  }
  const reasons: string[] = [];
  for (const [idx, m] of d.firstByRule) if (c.rules[idx].sets.category === d.category) reasons.push(`${evidence(c, idx, m)} (weight ${c.rules[idx].weight})`);
  const tied = policy.classification.categoryOrder.filter((id) => id !== d.category && d.scores[id] === d.best);
  const tie = tied.length ? ` Tied with ${tied.join(', ')}; categoryOrder puts ${d.category} first.` : '';
  const others = Object.entries(d.scores).filter(([id]) => id !== d.category).map(([id, s]) => `${id} ${s}`);
  const rest = others.length ? ` Other scores: ${others.join(', ')}.` : '';
  return `${d.category} scored ${d.best} (minimum ${d.minScore}): ${reasons.join('; ')}.${tie}${rest}`;
}

function explainSeverity(c: CompiledClassifier, policy: Policy, d: Decision): string {
  let base: string;
  if (d.severityRule !== null) {
    const r = c.rules[d.severityRule];
    base = `${r.sets.severity} set by ${evidence(c, d.severityRule, d.firstByRule.get(d.severityRule)!)}.`;
  } else {
    base = `${policy.categories[d.category].defaultSeverity} is the default severity of category ${d.category} (no matched rule sets a severity).`;
  }
  if (!d.forcedBy) return base;
  return `${d.severity} forced by signal ${d.forcedBy} (forcesSeverity ${d.severity}); before that: ${base}`;
}

function explainSignals(c: CompiledClassifier, d: Decision): Partial<Record<SignalId, string>> {
  const out: Partial<Record<SignalId, string>> = {};
  for (const s of d.signals) {
    const reasons: string[] = [];
    for (const [idx, m] of d.firstByRule) if (c.rules[idx].sets.signals?.includes(s)) reasons.push(evidence(c, idx, m));
    out[s] = `${s}: ${reasons.join('; ')}.`;
  }
  return out;
}
