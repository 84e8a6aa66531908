/**
 * The needed strings must hold for every match: random patterns built from the constructs the analysis reads
 * (literals, classes, alternatives with an empty one, optional and repeated parts, lookarounds, `\b`, anchors,
 * mixed Han and ASCII) over random texts of the same characters. The Han index, which skips a pattern in a text
 * lacking its strings, must find exactly what trying every pattern at every position finds.
 */
import type { PatternHit } from '../../../../../policies/src/engine/compile-rules';
import { indexHanPatterns, scanHanPatterns } from '../../../../../policies/src/engine/han-pattern-index';
import { hanFactors } from '../../../../../policies/src/engine/pattern-factors';
import { everyMatch } from '../../../../support/every-match';
import { seededRandom as random } from '../../../../support/seeded-random';

const HAN = ['不', '冷', '了', '就', '要'];
const OTHER = ['a', 'b', ' ', '，'];
const ALPHABET = [...HAN, ...HAN, ...HAN, ...OTHER];

function patternOf(next: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const atom = (): string => {
    const r = next();
    if (r < 0.45) return pick(HAN);
    if (r < 0.55) return pick(OTHER);
    if (r < 0.65) return `[${pick(HAN)}${pick(HAN)}]`;
    if (r < 0.7) return '[^，]';
    if (r < 0.8 && depth < 2) {
      const alts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => (next() < 0.5 ? pick(HAN) : patternOf(next, depth + 1)));
      if (next() < 0.2) alts.push('');
      return `(?:${alts.join('|')})`;
    }
    return pick(HAN);
  };
  const items: string[] = [];
  if (depth === 0 && next() < 0.15) items.push('^');
  const n = 1 + Math.floor(next() * 4);
  for (let i = 0; i < n; i++) {
    const r = next();
    if (r < 0.08) items.push(`(?<!${pick(HAN)})`);
    else if (r < 0.12) items.push(`(?=${pick(HAN)})`);
    else if (r < 0.15) items.push('\\b');
    let a = atom();
    const q = next();
    if (q < 0.15) a += '?';
    else if (q < 0.25) a += '{0,3}';
    else if (q < 0.32) a += '+';
    else if (q < 0.36) a += '{1,2}?';
    items.push(a);
  }
  return items.join('');
}

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule || a.end - b.end;

describe('needed strings on random patterns and texts', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])(
    'seed %i: every match holds a needed string, and the index finds every match',
    (seed) => {
      const next = random(seed);
      const sources = Array.from({ length: 60 }, () => patternOf(next));
      const entries = sources.map((source, rule) => ({ rule, sticky: new RegExp(source, 'iuy') }));
      const texts = Array.from({ length: 40 }, () =>
        Array.from({ length: 20 + Math.floor(next() * 60) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''),
      );
      const { index, rest } = indexHanPatterns(entries);
      const indexed = entries.filter((e) => !rest.includes(e));
      let withNeeds = 0;
      let checked = 0;
      for (const e of entries) {
        const need = hanFactors(e.sticky.source);
        if (need) withNeeds++;
        for (const text of texts)
          for (const hit of everyMatch([e], text)) {
            checked++;
            if (need)
              expect([e.sticky.source, hit.text, need.some((s) => hit.text.includes(s))]).toEqual([e.sticky.source, hit.text, true]);
          }
      }
      // The analysis must have had something to say, and the patterns must have matched, or the check proves nothing.
      expect(withNeeds).toBeGreaterThan(20);
      expect(checked).toBeGreaterThan(500);
      expect(index).not.toBeNull();
      for (const text of texts) {
        const got: PatternHit[] = [];
        scanHanPatterns(index!, text, got);
        expect(got.sort(order)).toEqual(everyMatch(indexed, text).sort(order));
      }
    },
  );
});
