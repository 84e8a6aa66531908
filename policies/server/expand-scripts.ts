/**
 * Expands a validated policy's Chinese phrases (rule phrases, patterns, `unless`, cues, clause starters,
 * replacement keys) into simplified, Taiwan and Hong Kong traditional forms, so one lexicon written in
 * either script matches both. Runs on the server when a policy is loaded; the widened copy is registered with the
 * engine (`useLexicon`) and the policy document itself is left as written (stored, hashed, diffed
 * and served unchanged; the sidebar never bundles the converter). Returns the policy; idempotent.
 */
import { useLexicon } from '../src/engine/compile-rules';
import type { Policy } from '../src/types';
import { holdExclusions } from './hold-exclusions';
import { scriptVariants } from './opencc';

const expanded = new WeakSet<Policy>();

/**
 * Characters opencc writes in their standard traditional form where Hong Kong (Cantonese) text keeps
 * the simplified-looking one: the particle 晒 ("all", 熱晒, 軟晒) becomes 曬 ("to sun-dry").
 */
const CANTONESE_KEPT: readonly (readonly [string, string])[] = [['曬', '晒']];

function widen(list: string[] | undefined): string[] | undefined {
  if (!list) return list;
  const out = new Set<string>();
  for (const p of list)
    for (const v of scriptVariants(p)) {
      out.add(v);
      for (const [standard, kept] of CANTONESE_KEPT) if (v.includes(standard)) out.add(v.replaceAll(standard, kept));
    }
  return [...out];
}

export function expandScripts(policy: Policy): Policy {
  if (expanded.has(policy)) return policy;
  const c = structuredClone(policy.classification);
  for (const r of c.rules) {
    r.phrases = widen(r.phrases) ?? [];
    r.unless = widen(r.unless) ?? [];
    r.patterns = widen(r.patterns?.map(holdExclusions)) ?? [];
  }
  for (const cue of c.cues ?? []) {
    cue.phrases = widen(cue.phrases) ?? [];
    cue.unless = widen(cue.unless) ?? [];
  }
  for (const set of c.clauseStarts ?? []) set.starters = widen(set.starters) ?? [];
  if (c.normalize) {
    const pairs = new Map<string, string>();
    for (const [from, to] of c.normalize.replace) for (const v of scriptVariants(from)) if (!pairs.has(v)) pairs.set(v, to);
    c.normalize.replace = [...pairs.entries()];
  }
  useLexicon(policy, c);
  expanded.add(policy);
  return policy;
}
