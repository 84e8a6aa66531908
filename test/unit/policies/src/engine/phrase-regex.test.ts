/** How the phrase keys are packed into regexes (each regex is one more scan of the text). */
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { buildPhraseRegexes, endsAtBoundary, matchesAsWritten, phraseSource } from '../../../../../policies/src/engine/phrase-regex';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { loadPolicy } from '../../../../support/test-policy';

describe('matchesAsWritten', () => {
  it.each(['冒烟', '第2次', '說好的回電', '「爆炸」', '没有反应!', '😡😡'])('checks %s as written', (key) => {
    expect(matchesAsWritten(key)).toBe(true);
  });

  it.each([
    ['smoke', 'a letter with case'],
    ['冒烟ok', 'a letter with case after Han'],
    ['充电 器', 'white space (a run of it matches)'],
    ['2次', 'a word character first (a boundary before it)'],
    ['café', 'a non-ASCII letter with case'],
  ])('leaves %s to its regex (%s)', (key) => {
    expect(matchesAsWritten(key)).toBe(false);
  });

  it("agrees with each default-policy key's own regex at every code point", () => {
    const c = compileRules(expandScripts(loadPolicy()));
    const keys = [...c.byKey.keys()].filter(matchesAsWritten);
    expect(keys.length).toBeGreaterThan(1000);
    // Each key as written, in upper case and with its spaces doubled, after and before a word character, a
    // Han character, a space, an emoji and nothing: where the key's regex and the check as written could differ.
    const around = ['a', '字', ' ', '9', '😀', ''];
    const forms = (k: string, i: number) =>
      [k, k.toUpperCase(), k.replace(/ /g, '  ')].map((f, j) => `${around[(i + j) % 6]}${f}${around[(i + j + 1) % 6]}`);
    const text = normalizeText(keys.flatMap(forms).join('，'), null).text;
    const differ: [string, number][] = [];
    for (const key of keys) {
      const re = new RegExp(phraseSource(key), 'iuy');
      for (let at = text.indexOf(key[0]); at >= 0; at = text.indexOf(key[0], at + 1)) {
        re.lastIndex = at;
        const asWritten = text.startsWith(key, at) && endsAtBoundary(key, text, at + key.length) ? key : null;
        if ((re.exec(text)?.[0] ?? null) !== asWritten) differ.push([key, at]);
      }
    }
    expect(differ).toEqual([]);
  });
});

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
