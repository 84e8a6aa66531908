/**
 * Patterns tried only where ASCII text begins with one of their keys must find exactly the hits that
 * trying each pattern at every position finds; what the analysis cannot place is left over, and what
 * cannot match ASCII text at all is set apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { indexAsciiPatterns, scanAsciiPatterns } from '../../../../../policies/src/engine/ascii-pattern-index';
import type { PatternHit } from '../../../../../policies/src/engine/compile-rules';

const entry = (rule: number, source: string) => ({ rule, sticky: new RegExp(source, 'iuy') });

/** Every non-empty match of each pattern at every position (the definition the index must meet). */
function everyMatch(patterns: ReturnType<typeof entry>[], text: string): PatternHit[] {
  const out: PatternHit[] = [];
  for (const p of patterns) {
    for (let i = 0; i < text.length; i++) {
      p.sticky.lastIndex = i;
      const m = p.sticky.exec(text);
      if (m && m[0].length) out.push({ rule: p.rule, start: i, end: i + m[0].length, text: m[0] });
    }
  }
  return out;
}

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule;

function check(patterns: ReturnType<typeof entry>[], texts: string[]) {
  const { index, rest, never } = indexAsciiPatterns(patterns);
  const indexed = patterns.filter((p) => !rest.includes(p) && !never.includes(p));
  let hits = 0;
  for (const text of texts) {
    const got: PatternHit[] = [];
    if (index) scanAsciiPatterns(index, text, got);
    expect({ text, hits: got.sort(order) }).toEqual({ text, hits: everyMatch(indexed, text).sort(order) });
    expect(everyMatch(never, text)).toEqual([]);
    hits += got.length;
  }
  return { index, rest, never, hits };
}

describe('indexAsciiPatterns / scanAsciiPatterns', () => {
  const patterns = [
    entry(0, '\\bsmoke(?:d|s)?\\b'),
    entry(1, "\\b(?:won['’]t|will\\s+not)\\s+(?:start|boot)\\b"),
    entry(2, '(?:^|\\n)\\s*>'),
    entry(3, '^\\s*(?:re|aw)\\s*:'),
    entry(4, '\\b\\d+(?:st|nd|rd|th)\\s+time\\b|\\bagain\\b'), // two alternatives, one hit per position
    entry(5, '.{0,4}fire'), // can start anywhere: left for the combined regex
    entry(6, '(?:所有|全部)?(?:灯|燈)不亮'), // never in ASCII text
    entry(7, 'ſmoke'), // "ſ" matches s and S under iu
    entry(8, '(?:a\\s)?fire(?=\\s)'),
    entry(9, '\\b(?:i|we)\\s+(?:called|rang)\\b[^.]{0,20}?\\bagain\\b'),
  ];

  it('indexes what it can place and sets apart the rest', () => {
    const { rest, never } = indexAsciiPatterns(patterns);
    expect(rest.map((p) => p.rule)).toEqual([5]);
    expect(never.map((p) => p.rule)).toEqual([6]);
  });

  it('finds the same hits as trying every position', () => {
    const { hits } = check(patterns, [
      "RE: it won't start\n> quoted reply\n   >   deeper\nWill  NOT boot. Smoked, smokes, SMOKE and smoked.",
      'aw : the 3rd time and the 21st  time, again and AGAIN; a fire, a  fire, fire\tfire',
      'We called twice and again. I rang them... again. I called, then again.',
      ' re:x',
      '',
      '>',
      'smoke',
    ]);
    expect(hits).toBeGreaterThan(20);
  });

  it('matches the default policy patterns at every position on text made of their own words', () => {
    const policy = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../policies/default.json'), 'utf8'));
    const sources: string[] = policy.classification.rules.flatMap((r: { patterns?: string[] }) => r.patterns ?? []);
    const all = sources.map((s, i) => entry(i, s));
    // Words and punctuation pulled out of the patterns themselves, shuffled into sentences (seeded).
    const words = [...new Set(sources.join(' ').match(/[a-z]+|\d+|[.,!?;:'>$-]/gi) ?? [])];
    let seed = 7;
    const rnd = (n: number) => (((seed = (seed * 1103515245 + 12345) % 2147483648) % n) + n) % n;
    const seps = [' ', ' ', ' ', '  ', '\n', ', ', '. ', "'", '-'];
    const soup = Array.from({ length: 30 }, () =>
      Array.from({ length: 80 }, () => {
        const w = words[rnd(words.length)];
        return (rnd(4) === 0 ? w.toUpperCase() : w) + seps[rnd(seps.length)];
      }).join(''),
    );
    // And real complaints: English training tickets that are all ASCII, every fourth word upper-cased.
    const real = fs
      .readFileSync(path.resolve(__dirname, '../../../../../policies/training/train.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { lang: string; description?: string })
      .filter((t) => t.lang === 'en')
      .map((t) => t.description ?? '')
      .filter((t) => t && /^[\x00-\x7f]*$/.test(t))
      .filter((_, i) => i % 40 === 0)
      .slice(0, 100)
      .map((t) => t.replace(/\w+/g, (w) => (rnd(4) === 0 ? w.toUpperCase() : w)));
    const texts = [...soup, ...real];
    const { index, rest, hits } = check(all, texts);
    expect(index).not.toBeNull();
    expect(real.length).toBe(100);
    expect(hits).toBeGreaterThan(30); // the texts do exercise the patterns
    expect(rest.length).toBeLessThan(all.length / 10);
  });
});
