/**
 * `rule-costs` bench: where the rule layer's time goes on the CFPB corpus, per rule pattern. The engine
 * scans each normalised field with one combined prefilter regex over every pattern (compile-rules.ts,
 * ASCII form for ASCII text) and re-tests each pattern where the prefilter matched (scan-field.ts). Here,
 * best of rounds measured round-robin in one run: the whole prefilter's time, the phrase regexes' time
 * beside it, and each pattern scanned alone (its own cost; the alternation shares work, so the whole
 * costs less than the sum), with its hits; the costliest patterns are split at their top-level
 * alternatives the same way. A pattern's marginal cost inside the alternation (the prefilter without it)
 * is below the noise of a loaded machine, so it is not reported. A second part does the same on Chinese text
(the zh-CN/zh-TW tickets of policies/training/train.jsonl): the compiled non-ASCII pattern scan (Han-led
patterns indexed by first character, han-pattern-index.ts) against one combined regex over every pattern
(the form before), with their hits compared. Reads the engine; changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileRules, type PatternEntry } from '../policies/src/engine/compile-rules';
import { isAscii, normalizeText } from '../policies/src/engine/normalize-text';
import { alternatives, combineForAscii, sharesLeadingBoundary, withoutWordBoundaries } from '../policies/src/engine/pattern-source';
import { ticketFields } from '../policies/src/engine/ticket-fields';
import { parsePolicy } from '../policies/src/validate-policy';
import { preparePolicy } from '../policies/server/load-model';
import type { PatternHit } from '../policies/src/engine/compile-rules';
import type { CompiledClassifier } from '../policies/src/engine/compile-rules';
import { loadChineseCorpus, loadCorpus } from './classify';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';

const ROUNDS = Number(process.env.BENCH_RULE_COST_ROUNDS ?? 7);
const TOP = 12;
const SPLIT = 3;

/** Prefilter matches over the texts, stepping one code unit past each start as scan-field.ts does. */
function scan(re: RegExp | null, texts: string[]): number {
  if (!re) return 0;
  let hits = 0;
  for (const text of texts) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      hits++;
      re.lastIndex = m.index + 1;
    }
  }
  return hits;
}

/** Where a prefilter matches, as "field:index" (to compare two prefilters). */
function positions(re: RegExp | null, texts: string[]): string {
  if (!re) return '';
  const out: string[] = [];
  texts.forEach((text, k) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      out.push(`${k}:${m.index}`);
      re.lastIndex = m.index + 1;
    }
  });
  return out.join(',');
}

/** Best-of-ROUNDS milliseconds for each regex, measured round-robin so load spreads over all of them. */
function timeAll(res: (RegExp | null)[], texts: string[]): number[] {
  const best = res.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < res.length; i++) {
      const t0 = performance.now();
      scan(res[i], texts);
      best[i] = Math.min(best[i], performance.now() - t0);
    }
  }
  return best;
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies', 'default.json'), 'utf8'));
  if (!parsed.ok) throw new Error('policies/default.json is not valid');
  const policy = parsed.policy;
  preparePolicy(policy, path.join(root, 'policies'));
  const c = compileRules(policy);
  const texts: string[] = [];
  let other = 0;
  for (const t of loadCorpus(root)) {
    for (const [, text] of ticketFields(t)) {
      if (!text) continue;
      const n = normalizeText(text, c.replacer).text;
      if (isAscii(n)) texts.push(n);
      else other++;
    }
  }
  const patterns: PatternEntry[] = c.asciiPatterns;
  const sources = patterns.map((p) => withoutWordBoundaries(p.sticky.source));
  // A rule and its pattern's opening words (a widened lexicon may add script variants, so no index).
  const name = (i: number) => `${c.rules[patterns[i].rule].id} ${sources[i].length > 50 ? `${sources[i].slice(0, 50)}…` : sources[i]}`;
  const alone = sources.map((s) => combineForAscii(s));
  // The compiled prefilter keeps one leading `\\b` for the patterns that start with it (pattern-source.ts
  // asciiPrefilterSource); the baseline is the form before it, with every `\\b` dropped.
  const lead = patterns.filter((p) => sharesLeadingBoundary(p.sticky.source)).length;
  const unfactored = combineForAscii(sources.map((s) => `(?:${s})`).join('|'));
  const times = timeAll([c.asciiPatternRe, unfactored, ...c.asciiPhraseRes, ...alone], texts);
  const [tAll, tUnfactored] = times;
  const tPhrases = times.slice(2, 2 + c.asciiPhraseRes.length).reduce((a, b) => a + b, 0);
  const tAlone = times.slice(2 + c.asciiPhraseRes.length);
  const sum = tAlone.reduce((a, b) => a + b, 0);
  const row = (subject: string, metric: string, value: number, ratio?: number): BenchRow => ({
    bench: 'rule-costs',
    subject,
    metric,
    value,
    unit: 'ms',
    ...(ratio === undefined ? {} : { baseline: 'patterns alone, summed', ratio }),
  });
  const rows: BenchRow[] = [
    row(
      `ASCII pattern prefilter, ${sources.length} patterns (${lead} share one leading \\b), ${texts.length} fields (${other} non-ASCII left out)`,
      'scan time',
      tAll,
      tAll / sum,
    ),
    {
      ...row('the same with every \\b dropped (the form before)', 'scan time', tUnfactored),
      baseline: 'ASCII pattern prefilter',
      ratio: tUnfactored / tAll,
    },
    {
      bench: 'rule-costs',
      subject: 'every \\b dropped: same prefilter positions as compiled',
      metric: 'positions equal',
      value: positions(unfactored, texts) === positions(c.asciiPatternRe, texts) ? 1 : 0,
      unit: 'bool',
    },
    row(`ASCII phrase regexes (${c.asciiPhraseRes.length}), same fields`, 'scan time', tPhrases, tPhrases / sum),
    row(`the ${sources.length} patterns, each alone`, 'scan time, summed', sum, 1),
  ];
  const byRule = new Map<string, { ms: number; n: number }>();
  patterns.forEach((p, i) => {
    const r = byRule.get(c.rules[p.rule].id) ?? { ms: 0, n: 0 };
    byRule.set(c.rules[p.rule].id, { ms: r.ms + tAlone[i], n: r.n + 1 });
  });
  for (const [id, r] of [...byRule].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5))
    rows.push(row(`rule ${id}: its ${r.n} patterns`, 'scan time alone, summed', r.ms, r.ms / sum));
  const order = sources.map((_, i) => i).sort((a, b) => tAlone[b] - tAlone[a]);
  for (const i of order.slice(0, TOP))
    rows.push(row(`${name(i)} (${scan(alone[i], texts)} hits)`, 'scan time alone', tAlone[i], tAlone[i] / sum));
  // The costliest patterns, alternative by alternative.
  for (const i of order.slice(0, SPLIT)) {
    const alts = alternatives(sources[i]);
    if (alts.length < 2) continue;
    const t = timeAll(
      alts.map((a) => combineForAscii(a)),
      texts,
    );
    alts
      .map((a, k) => ({ a, cost: t[k] }))
      .sort((x, y) => y.cost - x.cost)
      .slice(0, 3)
      .forEach(({ a, cost }) =>
        rows.push(
          row(
            `${c.rules[patterns[i].rule].id} alternative ${a.length > 50 ? `${a.slice(0, 50)}…` : a}`,
            'scan time alone',
            cost,
            cost / sum,
          ),
        ),
      );
  }
  return [...rows, ...chineseRows(c, root)];
}

/** Every (pattern, start) the exact sticky regexes accept where `re` matches, as scan-field.ts does. */
function combinedHits(re: RegExp | null, patterns: readonly PatternEntry[], texts: string[]): PatternHit[] {
  const out: PatternHit[] = [];
  if (!re) return out;
  for (const text of texts) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      for (const p of patterns) {
        p.sticky.lastIndex = m.index;
        const pm = p.sticky.exec(text);
        if (pm && pm[0].length) out.push({ rule: p.rule, start: m.index, end: m.index + pm[0].length, text: pm[0] });
      }
      re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
  }
  return out;
}

/**
 * The same on Chinese text (the zh-CN/zh-TW tickets of policies/training/train.jsonl, in the repo):
 * the pattern scan of non-ASCII text as compiled (Han-led patterns indexed by first character, one
 * combined regex over the rest) against one combined regex over every pattern (the form before),
 * with the hits compared, and the costliest patterns alone. Best of 3 rounds: the old form is slow.
 */
function chineseRows(c: CompiledClassifier, root: string): BenchRow[] {
  const texts: string[] = [];
  for (const t of loadChineseCorpus(root)) {
    for (const [, text] of ticketFields(t)) {
      if (!text) continue;
      const n = normalizeText(text, c.replacer).text;
      if (!isAscii(n)) texts.push(n);
    }
  }
  const all = new RegExp(c.patterns.map((p) => `(?:${withoutWordBoundaries(p.sticky.source)})`).join('|'), 'giu');
  const compiled = (): PatternHit[] => {
    const out = combinedHits(c.patternRe, c.otherPatterns, texts);
    if (c.hanScan) for (const text of texts) c.hanScan(text, out);
    return out;
  };
  const best = (fn: () => unknown, rounds = 3) => {
    let ms = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      fn();
      ms = Math.min(ms, performance.now() - t0);
    }
    return ms;
  };
  const tBefore = best(() => scan(all, texts), 1);
  const tAfter = best(compiled);
  const key = (h: PatternHit) => `${h.rule}:${h.start}:${h.end}`;
  const hitsBefore = combinedHits(all, c.patterns, texts).map(key).sort().join();
  const hitsAfter = compiled().map(key).sort().join();
  const alone = c.patterns.map((p) => new RegExp(p.sticky.source, 'giu'));
  const tAlone = alone.map((re) => best(() => scan(re, texts), 1));
  const sum = tAlone.reduce((a, b) => a + b, 0);
  const indexed = c.patterns.length - c.otherPatterns.length;
  const zh = `${texts.length} Chinese fields`;
  const rows: BenchRow[] = [
    {
      bench: 'rule-costs',
      subject: `Chinese: one combined regex over all ${c.patterns.length} patterns (the form before, ${all.source.length} B of source), ${zh}`,
      metric: 'scan time',
      value: tBefore,
      unit: 'ms',
    },
    {
      bench: 'rule-costs',
      subject: `Chinese: as compiled, ${indexed} Han-led patterns indexed by first character + one regex over ${c.otherPatterns.length}, with re-tests`,
      metric: 'scan time',
      value: tAfter,
      unit: 'ms',
      baseline: 'Chinese: one combined regex',
      ratio: tAfter / tBefore,
    },
    {
      bench: 'rule-costs',
      subject: 'Chinese: same pattern hits as compiled and as the form before',
      metric: 'hits equal',
      value: hitsBefore === hitsAfter ? 1 : 0,
      unit: 'bool',
    },
    {
      bench: 'rule-costs',
      subject: `Chinese: the ${c.patterns.length} patterns, each alone`,
      metric: 'scan time, summed',
      value: sum,
      unit: 'ms',
    },
  ];
  const order = tAlone.map((_, i) => i).sort((a, b) => tAlone[b] - tAlone[a]);
  for (const i of order.slice(0, 5)) {
    const src = c.patterns[i].sticky.source;
    rows.push({
      bench: 'rule-costs',
      subject: `Chinese: ${c.rules[c.patterns[i].rule].id} ${src.length > 50 ? `${src.slice(0, 50)}…` : src}`,
      metric: 'scan time alone',
      value: tAlone[i],
      unit: 'ms',
    });
  }
  return rows;
}
