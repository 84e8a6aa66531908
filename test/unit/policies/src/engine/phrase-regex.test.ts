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
});
