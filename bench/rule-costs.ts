/**
 * `rule-costs` bench: where the rule layer's time goes on the CFPB corpus, per rule pattern, and which
 * patterns the pattern index cannot place. On ASCII text the engine tries each indexed pattern only
 * where the text begins with one of its keys (ascii-pattern-index.ts, keys from pattern-prefixes.ts)
 * and scans the patterns it cannot place with one combined prefilter regex, re-testing each where it
 * matches (scan-field.ts). Here, best of rounds measured round-robin in one run: that compiled scan
 * against one combined prefilter over every pattern (the form before), with their hits compared; the
 * phrase regexes beside them; each pattern's own cost in the index (the pattern indexed alone over the
 * corpus: the tries its keys cause), the costliest first with their keys; and every pattern left to
 * the prefilter (tried at every word start), with its cost scanned alone. A second part does the same
 * on Chinese text (the zh-CN/zh-TW tickets of policies/training/train.jsonl): the compiled non-ASCII
 * pattern scan (Han-led patterns indexed by first character, han-pattern-index.ts) against one
 * combined regex over every pattern (the form before), with their hits compared. Reads the engine;
 * changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileRules, type PatternEntry, type PatternHit } from '../policies/src/engine/compile-rules';
import { isAscii, normalizeText } from '../policies/src/engine/normalize-text';
import { asciiPrefilterSource, combineForAscii, withoutWordBoundaries } from '../policies/src/engine/pattern-source';
import { asciiPrefixes } from '../policies/src/engine/pattern-prefixes';
import { prefilterPart } from '../policies/src/engine/pattern-groups';
import { indexAsciiPatterns, scanAsciiPatterns } from '../policies/src/engine/ascii-pattern-index';
import { ticketFields } from '../policies/src/engine/ticket-fields';
import { parsePolicy } from '../policies/src/validate-policy';
import { preparePolicy } from '../policies/server/load-model';
import type { CompiledClassifier } from '../policies/src/engine/compile-rules';
import { loadChineseCorpus, loadCorpus } from './classify';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';

const ROUNDS = Number(process.env.BENCH_RULE_COST_ROUNDS ?? 7);
const TOP = 12;

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

/** Best-of-ROUNDS milliseconds of each function, measured round-robin so load spreads over all of them. */
function timeAll(fns: (() => unknown)[], rounds = ROUNDS): number[] {
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < fns.length; i++) {
      const t0 = performance.now();
      fns[i]();
      best[i] = Math.min(best[i], performance.now() - t0);
    }
  }
  return best;
}

const clip = (s: string, n = 50) => (s.length > n ? `${s.slice(0, n)}…` : s);
const key = (h: PatternHit) => `${h.rule}:${h.start}:${h.end}`;

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
  // load-model.ts registers the pattern indexes, and with them the ASCII path (compile-ascii-path.ts).
  if (!c.asciiPatterns) throw new Error('no ASCII path compiled: are the pattern indexes registered?');
  const patterns: PatternEntry[] = c.asciiPatterns;
  const indexed = patterns.filter((p) => !c.asciiOtherPatterns.includes(p));
  const before = combineForAscii(asciiPrefilterSource(patterns.map((p) => p.sticky.source)));
  const compiled = () => {
    const out = combinedHits(c.asciiPatternRe, c.asciiOtherPatterns, texts);
    if (c.asciiScan) for (const text of texts) c.asciiScan(text, out);
    return out;
  };
  const [tCompiled, tBefore, ...tPhrases] = timeAll([
    compiled,
    () => combinedHits(before, patterns, texts),
    ...c.asciiPhraseRes.map((re) => () => scan(re, texts)),
  ]);
  const same = compiled().map(key).sort().join() === combinedHits(before, patterns, texts).map(key).sort().join();
  const row = (subject: string, metric: string, value: number, unit = 'ms'): BenchRow => ({
    bench: 'rule-costs',
    subject,
    metric,
    value,
    unit,
  });
  const beforeName = `one combined prefilter over all ${patterns.length}, with re-tests (the form before)`;
  const rows: BenchRow[] = [
    row(`ASCII patterns: ${beforeName}, ${texts.length} fields (${other} non-ASCII left out)`, 'scan time', tBefore),
    {
      ...row(
        `ASCII patterns as compiled: ${indexed.length} tried where their keys begin + one prefilter over ${c.asciiOtherPatterns.length}`,
        'scan time',
        tCompiled,
      ),
      baseline: 'the form before',
      ratio: tCompiled / tBefore,
    },
    row('ASCII patterns: same hits as compiled and as the form before', 'hits equal', same ? 1 : 0, 'bool'),
    row(
      `ASCII phrase regexes (${c.asciiPhraseRes.length}), same fields`,
      'scan time',
      tPhrases.reduce((a, b) => a + b, 0),
    ),
  ];
  // Each indexed pattern's own cost: its sticky regex run at every position its keys make the index try it.
  const tries = indexed.map((p) => triesOf(p, texts));
  const tIndexed = timeAll(
    tries.map((list, i) => () => {
      const re = indexed[i].sticky;
      for (const [text, at] of list) {
        re.lastIndex = at;
        re.exec(text);
      }
    }),
  );
  const name = (p: PatternEntry) => `${c.rules[p.rule].id} ${clip(p.sticky.source)}`;
  const sum = tIndexed.reduce((a, b) => a + b, 0);
  rows.push(row(`the ${indexed.length} indexed patterns' tries (${tries.reduce((a, l) => a + l.length, 0)})`, 'test time, summed', sum));
  const order = indexed.map((_, i) => i).sort((a, b) => tIndexed[b] - tIndexed[a]);
  for (const i of order.slice(0, TOP)) {
    const keys = (asciiPrefixes(indexed[i].sticky.source) ?? []).flatMap((a) => a.keys.map((k) => (a.at === 'word' ? k : `${a.at}:${k}`)));
    rows.push({
      ...row(`${name(indexed[i])} keys ${clip(JSON.stringify(keys.slice(0, 6)), 60)} (${tries[i].length} tries)`, 'test time', tIndexed[i]),
      baseline: 'indexed patterns, summed',
      ratio: tIndexed[i] / sum,
    });
  }
  // Patterns the index cannot place: in the prefilter, tried at every word start (or every position).
  const left = timeAll(c.asciiOtherPatterns.map((p) => () => scan(combineForAscii(withoutWordBoundaries(p.sticky.source)), texts)));
  c.asciiOtherPatterns.forEach((p, i) => rows.push(row(`NOT INDEXED (prefilter, every position): ${name(p)}`, 'scan time alone', left[i])));
  if (!c.asciiOtherPatterns.length) rows.push(row('patterns the index cannot place (left to the prefilter)', 'count', 0, 'patterns'));
  // BENCH_RULE_COST_ZH=0 leaves out the Chinese part (its form-before baseline takes minutes).
  return [...rows, ...(process.env.BENCH_RULE_COST_ZH === '0' ? [] : chineseRows(c, root))];
}

/** Where the index tries `p` (its keys begin there) over the texts, as (text, position). */
function triesOf(p: PatternEntry, texts: string[]): [string, number][] {
  const index = indexAsciiPatterns([p]).index!;
  const out: [string, number][] = [];
  const sticky = p.sticky;
  const exec = sticky.exec;
  sticky.exec = function (this: RegExp, s: string) {
    out.push([s, this.lastIndex]);
    return exec.call(this, s);
  };
  try {
    for (const text of texts) scanAsciiPatterns(index, text, []);
  } finally {
    sticky.exec = exec;
  }
  return out;
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
 * combined regex per group of the rest, pattern-groups.ts) against one combined regex over every pattern (the form before),
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
  const all = new RegExp(c.patterns.map(prefilterPart).join('|'), 'giu');
  const compiled = (): PatternHit[] => {
    const out = c.patternGroups.flatMap((g) => combinedHits(g.re, g.patterns, texts));
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
  const hitsBefore = combinedHits(all, c.patterns, texts).map(key).sort().join();
  const hitsAfter = compiled().map(key).sort().join();
  const alone = c.patterns.map((p) => new RegExp(p.sticky.source, 'giu'));
  const tAlone = alone.map((re) => best(() => scan(re, texts), 1));
  const sum = tAlone.reduce((a, b) => a + b, 0);
  const others = c.patternGroups.reduce((n, g) => n + g.patterns.length, 0);
  const indexed = c.patterns.length - others;
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
      subject: `Chinese: as compiled, ${indexed} Han-led patterns indexed by first character + ${c.patternGroups.length} regexes over ${others}, with re-tests`,
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
