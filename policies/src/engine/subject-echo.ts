/**
 * A subject that only echoes the body: "Reddit thread" over "Saw on Reddit that the update fixed it",
 * "Trading Standards reference" over "Trading Standards guidance says…". A cue cancels the body's
 * match (a platform named as a source, a regulator cited), but the subject has no room for the cue's
 * words. So a subject match is cancelled too when, in another field, a cue cancelled a match of the
 * same rule on the same words. Only for rules that set nothing but signals that force no severity
 * (threats, repeat contact): a hazard named in the subject always stands. Pure; browser-safe.
 */
import type { Policy } from '../types';
import type { CompiledClassifier } from './compile-rules';

/** The key of a rule's match on some words, as `echoKeys` and the subject compare them. */
export function echoKey(rule: number, text: string): string {
  return `${rule}\u0000${text.normalize('NFKC').toLowerCase()}`;
}

const eligible = new WeakMap<CompiledClassifier, Set<number>>();

/** Indexes of the rules a body cue may cancel in the subject (see above). Cached per compiled policy. */
export function echoRules(policy: Policy, c: CompiledClassifier): Set<number> {
  let out = eligible.get(c);
  if (!out) {
    out = new Set();
    c.rules.forEach((r, i) => {
      const signals = r.sets.signals ?? [];
      if (!r.sets.category && !r.sets.severity && signals.length > 0 && signals.every((s) => !policy.signals[s]?.forcesSeverity))
        out!.add(i);
    });
    eligible.set(c, out);
  }
  return out;
}

/** Keys (echoKey) of the body's cued matches of eligible rules: the subject's same matches are cancelled. */
export function echoKeys(rules: ReadonlySet<number>, cued: readonly { rule: number; text: string }[]): Set<string> {
  const keys = new Set<string>();
  for (const h of cued) if (rules.has(h.rule)) keys.add(echoKey(h.rule, h.text));
  return keys;
}
