/**
 * `phrase-limit` bench: what a rule's phrase list costs, to set the schema's per-rule and per-policy
 * phrase limits (policies/src/schema/phrase-limits.ts) on measurements. The engine folds the phrases
 * of EVERY rule and cue set into one trie (compile-rules.ts, phrase-regex.ts), so the cost follows the
 * policy's distinct phrases, not how they are split between rules. Measured in one run: the default
 * policy as written, the same phrases folded into fewer rules (must cost the same), the same cue phrases
 * in twice as many cue sets (what the number of sets costs: MAX_CUE_SETS; must classify the same), and the default
 * policy plus N extra phrases in signal rules (split at the per-rule limit, within the policy-wide one) (word pairs taken from the CFPB corpus, so they do
 * match real text): validation time, compile time on the server (both Chinese scripts) and in the
 * sidebar (as written), the phrase regexes' total source, rules-alone throughput over the corpus and
 * the policy's gzipped size (what the sidebar downloads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { classify } from '../policies/src/engine';
import { compileRules } from '../policies/src/engine/compile-rules';
import { attachModel } from '../policies/src/engine/linear-model';
import { parsePolicy } from '../policies/src/validate-policy';
import { MAX_POLICY_PHRASES, MAX_RULE_PHRASES, phraseListSizes } from '../policies/src/schema/phrase-limits';
import { expandScripts } from '../policies/server/expand-scripts';
import type { Policy, Ticket } from '../policies/src/types';
import { loadCorpus } from './classify';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';

const SIZES = (process.env.BENCH_PHRASE_LIMIT_SIZES ?? '500,2000,5000').split(',').map(Number);

type Doc = { classification: { rules: { id: string; phrases?: string[]; sets: object }[] } } & Record<string, unknown>;

/** Distinct lower-case word pairs of the corpus not already a phrase, every 3rd one (deterministic). */
function corpusPairs(tickets: Ticket[], known: Set<string>, n: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  let k = 0;
  for (const t of tickets) {
    const words = (t.description ?? '').toLowerCase().match(/[a-z]{3,}/g) ?? [];
    for (let i = 0; i + 1 < words.length && out.length < n; i++) {
      const p = `${words[i]} ${words[i + 1]}`;
      if (seen.has(p) || known.has(p)) continue;
      seen.add(p);
      if (k++ % 3 === 0) out.push(p);
    }
    if (out.length >= n) break;
  }
  return out;
}

const ROUNDS = Number(process.env.BENCH_PHRASE_LIMIT_ROUNDS ?? 5);

function parse(text: string): Policy {
  const r = parsePolicy(text);
  if (!r.ok) throw new Error(`variant policy is not valid: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  attachModel(r.policy, null);
  return r.policy;
}

function ms(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Tickets per second of one pass over the corpus. */
function pass(tickets: Ticket[], policy: Policy): number {
  const t0 = performance.now();
  for (const t of tickets) classify(t, policy);
  return tickets.length / ((performance.now() - t0) / 1000);
}

interface Variant {
  name: string;
  text: string;
  policy?: Policy;
  best: Record<string, number>;
}

/**
 * Best of ROUNDS for every variant, measured round-robin (load spreads over all of them). A compile
 * includes classifying one ticket, since V8 compiles a regex to code on its first use.
 */
function measureAll(variants: Variant[], tickets: Ticket[]): void {
  const first = tickets[0];
  for (const v of variants) {
    v.best = { validate: Infinity, server: Infinity, sidebar: Infinity, tps: 0 };
    v.policy = expandScripts(parse(v.text));
    classify(first, v.policy);
  }
  for (let r = 0; r < ROUNDS; r++)
    for (const v of variants) {
      v.best.validate = Math.min(
        v.best.validate,
        ms(() => parse(v.text)),
      );
      v.best.server = Math.min(
        v.best.server,
        ms(() => classify(first, expandScripts(parse(v.text)))),
      );
      v.best.sidebar = Math.min(
        v.best.sidebar,
        ms(() => classify(first, parse(v.text))),
      );
      v.best.tps = Math.max(v.best.tps, pass(tickets, v.policy!));
    }
  for (const v of variants) {
    const { phraseRes } = compileRules(v.policy!);
    v.best.source = phraseRes.reduce((s, re) => s + re.source.length, 0);
    v.best.regexes = phraseRes.length;
    v.best.gz = gzipSync(v.text).length;
  }
}

function rows(v: Variant, base: Variant): BenchRow[] {
  const row = (metric: string, key: string, unit: string): BenchRow => ({
    bench: 'phrase-limit',
    subject: v.name,
    metric,
    value: v.best[key],
    unit,
    ...(v === base ? {} : { baseline: base.name, ratio: v.best[key] / base.best[key] }),
  });
  return [
    row('validate (parse + zod)', 'validate', 'ms'),
    row('compile + 1st ticket, server (both scripts)', 'server', 'ms'),
    row('compile + 1st ticket, sidebar (as written)', 'sidebar', 'ms'),
    row(`phrase regex source (${v.best.regexes} regexes)`, 'source', 'chars'),
    row('classify, rules alone (best pass)', 'tps', 'tickets/s'),
    row('policy size (gzip)', 'gz', 'B'),
  ];
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const tickets = loadCorpus(root);
  const raw = fs.readFileSync(path.join(root, 'policies', 'default.json'), 'utf8');
  const doc = JSON.parse(raw) as Doc;
  delete (doc.classification as Record<string, unknown>).model;
  const variants: Variant[] = [{ name: 'default policy', text: JSON.stringify(doc), best: {} }];
  // The same phrases, each signal's phrase rules folded into one rule (rules a cue set names stay
  // apart): the same trie, so the same cost.
  const folded = structuredClone(doc);
  const named = new Set(((folded.classification as Record<string, unknown>).cues as { rules?: string[] }[]).flatMap((c) => c.rules ?? []));
  const firstBySignal = new Map<string, { phrases?: string[] }>();
  folded.classification.rules = folded.classification.rules.filter((r) => {
    const sets = r.sets as { category?: string; severity?: string; signals?: string[] };
    if (named.has(r.id) || sets.category || sets.severity || sets.signals?.length !== 1 || !r.phrases?.length) return true;
    const first = firstBySignal.get(sets.signals[0]);
    if (!first) {
      firstBySignal.set(sets.signals[0], r);
      return true;
    }
    first.phrases = [...(first.phrases ?? []), ...r.phrases];
    return false;
  });
  variants.push({ name: 'same phrases, one phrase rule per signal', text: JSON.stringify(folded), best: {} });
  // The same cue phrases in twice as many cue sets (each set's phrases split in two halves, everything
  // else copied): what the number of sets costs, to set MAX_CUE_SETS. Must classify the corpus the same.
  const split = structuredClone(doc);
  const splitCls = split.classification as Record<string, unknown>;
  const cueSets = splitCls.cues as { id: string; phrases: string[] }[];
  const halves = cueSets.flatMap((c) => {
    if (c.phrases.length < 2) return [c];
    const half = Math.ceil(c.phrases.length / 2);
    return [
      { ...c, id: `${c.id}_a`, phrases: c.phrases.slice(0, half) },
      { ...c, id: `${c.id}_b`, phrases: c.phrases.slice(half) },
    ];
  });
  splitCls.cues = halves;
  const splitVariant: Variant = {
    name: `same cue phrases in ${halves.length} cue sets (was ${cueSets.length})`,
    text: JSON.stringify(split),
    best: {},
  };
  variants.push(splitVariant);
  const known = new Set(doc.classification.rules.flatMap((r) => r.phrases ?? []).map((p) => p.toLowerCase()));
  const pairs = corpusPairs(tickets, known, Math.max(...SIZES));
  // Within the schema's limits: rules of at most MAX_RULE_PHRASES (the split costs nothing, see the
  // folded variant) and a policy of at most MAX_POLICY_PHRASES.
  const room = MAX_POLICY_PHRASES - phraseListSizes(parse(JSON.stringify(doc)).classification).reduce((s, x) => s + x.n, 0);
  for (const n of SIZES) {
    const big = structuredClone(doc);
    const extra = pairs.slice(0, Math.min(n, room));
    for (let i = 0; i < extra.length; i += MAX_RULE_PHRASES)
      big.classification.rules.push({
        id: `bench_extra_${i}`,
        phrases: extra.slice(i, i + MAX_RULE_PHRASES),
        sets: { signals: ['media'] },
      });
    variants.push({ name: `+ ${extra.length} phrases`, text: JSON.stringify(big), best: {} });
  }
  measureAll(variants, tickets);
  const differ = tickets.filter((t) => {
    const a = classify(t, variants[0].policy!);
    const b = classify(t, splitVariant.policy!);
    return a.category !== b.category || a.severity !== b.severity || a.signals.join() !== b.signals.join();
  }).length;
  if (differ) throw new Error(`${splitVariant.name}: ${differ} tickets classified differently from the default policy`);
  return variants.flatMap((v) => rows(v, variants[0]));
}
