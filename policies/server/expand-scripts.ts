/**
 * Expands a validated policy's Chinese phrases (rule phrases, patterns, `unless`, cues with their `until` and
 * `keepWith` phrases, clause starters,
 * replacement keys) into simplified, Taiwan and Hong Kong traditional forms, so one lexicon written in
 * either script matches both. Runs on the server when a policy is loaded; the widened copy is registered with the
 * engine (`useLexicon`) and the policy document itself is left as written (stored, hashed, diffed
 * and served unchanged; the sidebar never bundles the converter). Returns the policy; idempotent.
 * The widened lists are kept in the preparation cache (prepare-cache.ts), keyed by the classification as written:
 * a process preparing a policy an earlier one prepared skips the converter (loading its dictionaries alone costs
 * about a third of a second).
 */
import { useLexicon } from '../src/engine/compile-rules';
import type { Policy } from '../src/types';
import { holdExclusions } from './hold-exclusions';
import { scriptVariants } from './opencc';
import { cacheKey, jsonThroughCache } from './prepare-cache';

const expanded = new WeakSet<Policy>();

/**
 * Characters opencc writes in their standard traditional form where Hong Kong (Cantonese) text keeps
 * the simplified-looking one: the particle 晒 ("all", 熱晒, 軟晒) becomes 曬 ("to sun-dry").
 */
const CANTONESE_KEPT: readonly (readonly [string, string])[] = [['曬', '晒']];

/** The forms one entry widens to: itself, its simplified, Taiwan and Hong Kong forms, and the Cantonese ones kept. */
export function scriptForms(entry: string): string[] {
  const out = new Set<string>();
  for (const v of scriptVariants(entry)) {
    out.add(v);
    for (const [standard, kept] of CANTONESE_KEPT) if (v.includes(standard)) out.add(v.replaceAll(standard, kept));
  }
  return [...out];
}

function widen(list: string[] | undefined): string[] | undefined {
  if (!list) return list;
  const out = new Set<string>();
  for (const p of list) for (const v of scriptForms(p)) out.add(v);
  return [...out];
}

/**
 * What expandScripts changes, in policy order: each rule's phrases, unless, patterns; each cue's phrases, unless,
 * unlessInTicket, until, keepWith; the starters; the replacements.
 */
interface Widened {
  rules: [string[], string[], string[]][];
  cues: [string[], string[], string[], string[], string[]][];
  starters: string[][];
  replace: [string, string][] | null;
}

function widenAll(c: Policy['classification']): Widened {
  let replace: Widened['replace'] = null;
  if (c.normalize) {
    const pairs = new Map<string, string>();
    for (const [from, to] of c.normalize.replace) for (const v of scriptVariants(from)) if (!pairs.has(v)) pairs.set(v, to);
    replace = [...pairs.entries()];
  }
  return {
    rules: c.rules.map((r) => [widen(r.phrases) ?? [], widen(r.unless) ?? [], widen(r.patterns?.map(holdExclusions)) ?? []]),
    cues: (c.cues ?? []).map((cue) => [
      widen(cue.phrases) ?? [],
      widen(cue.unless) ?? [],
      widen(cue.unlessInTicket) ?? [],
      widen(cue.until) ?? [],
      widen(cue.keepWith) ?? [],
    ]),
    starters: (c.clauseStarts ?? []).map((set) => widen(set.starters) ?? []),
    replace,
  };
}

/** Whether cached lists fit this classification's shape (if not, the phrases are widened again). */
function fits(w: Widened, c: Policy['classification']): boolean {
  return (
    Array.isArray(w.rules) &&
    w.rules.length === c.rules.length &&
    Array.isArray(w.cues) &&
    w.cues.length === (c.cues ?? []).length &&
    w.cues.every((lists) => lists.length === 5) &&
    Array.isArray(w.starters) &&
    w.starters.length === (c.clauseStarts ?? []).length &&
    (w.replace === null) === !c.normalize
  );
}

function cachedWidening(c: Policy['classification']): Widened {
  return jsonThroughCache(
    cacheKey('lexicon', JSON.stringify(c)),
    (w) => (fits(w as Widened, c) ? (w as Widened) : null),
    () => widenAll(c),
  );
}

export function expandScripts(policy: Policy): Policy {
  if (expanded.has(policy)) return policy;
  const c = structuredClone(policy.classification);
  const w = cachedWidening(policy.classification);
  c.rules.forEach((r, i) => ([r.phrases, r.unless, r.patterns] = w.rules[i]));
  (c.cues ?? []).forEach((cue, i) => {
    [cue.phrases, cue.unless] = w.cues[i];
    if (cue.unlessInTicket) cue.unlessInTicket = w.cues[i][2];
    if (cue.until) cue.until = w.cues[i][3];
    if (cue.keepWith) cue.keepWith = w.cues[i][4];
  });
  (c.clauseStarts ?? []).forEach((set, i) => (set.starters = w.starters[i]));
  if (c.normalize) c.normalize.replace = w.replace!;
  useLexicon(policy, c);
  expanded.add(policy);
  return policy;
}
