/** How the phrase keys are packed into regexes (each regex is one more scan of the text). */
import { buildPhraseRegexes } from '../../../../../policies/src/engine/phrase-regex';

describe('buildPhraseRegexes packing', () => {
  const own = (key: string) => buildPhraseRegexes([key], 'g', true, Infinity)[0].source.length;
  // Four first characters whose own sources are w+50, w+60, w+50 and w+40 characters long.
  const keys = ['a'.repeat(50), 'b'.repeat(60), 'c'.repeat(50), 'd'.repeat(40)];
  const w = own(keys[0]) - 50;
  const max = 2 * w + 100;

  it('packs first-fit, largest first: two regexes where packing in key order needs three', () => {
    expect(keys.map(own)).toEqual([w + 50, w + 60, w + 50, w + 40]);
    const res = buildPhraseRegexes(keys, 'g', true, max);
    expect(res).toHaveLength(2);
    for (const re of res) expect(re.source.length).toBeLessThanOrEqual(max);
  });

  it('finds every key whichever regex holds it', () => {
    const res = buildPhraseRegexes(keys, 'g', true, max);
    for (const k of keys) expect(res.filter((re) => new RegExp(re.source, 'g').test(` ${k} `))).toHaveLength(1);
  });

  it('packs by the real source size: no two regexes would fit in one, none is over the limit', () => {
    // Random word-start and other keys sharing first characters, over several limits: the size the
    // packer works out must be the real one, or a pair would still fit (sums overstate it) or a regex
    // would be split by halving (sums understate it).
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = 'abcdefghijklmnop冒烟起火漏电插头烧焦';
    const chars = Array.from(alphabet);
    const keys = Array.from({ length: 400 }, () => Array.from({ length: 2 + rnd(8) }, () => chars[rnd(chars.length)]).join(''));
    for (const limit of [300, 700, 1500, 4000]) {
      for (const ascii of [false, true]) {
        const res = buildPhraseRegexes(keys, 'gu', ascii, limit);
        const sizes = res.map((r) => r.source.length);
        for (const n of sizes) expect(n).toBeLessThanOrEqual(limit);
        const together = (i: number, j: number) =>
          buildPhraseRegexes(
            keys.filter((k) => new RegExp(`^(?:${res[i].source}|${res[j].source})`, 'u').test(k)),
            'gu',
            ascii,
            Infinity,
          )[0]?.source.length ?? 0;
        for (let i = 0; i < res.length; i++) for (let j = i + 1; j < res.length; j++) expect(together(i, j)).toBeGreaterThan(limit);
      }
    }
  });
});
