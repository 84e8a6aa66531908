/**
 * `plainSource` lets the server compile a pattern without the `u` flag (less machine code): the form it
 * gives must match exactly as the pattern with `u` on normalised text, from every code point.
 */
import { compileRules, usePatternIndexes } from '../../../../../policies/src/engine/compile-rules';
import { normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { plainSource, sameWithoutUnicode } from '../../../../../policies/src/engine/pattern-unicode';
import { patternIndexes } from '../../../../../policies/server/pattern-indexes';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { loadPolicy } from '../../../../support/test-policy';

/** Each code point's sticky match of `source` (flags `i` plus `u` or not), as the engine tests a pattern at a position. */
function matchesAt(source: string, flags: string, text: string): (string | null)[] {
  const re = new RegExp(source, flags);
  const out: (string | null)[] = [];
  for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) {
    re.lastIndex = i;
    out.push(re.exec(text)?.[0] ?? null);
  }
  return out;
}

// Normalised like the text the engine matches; astral characters and lone surrogates on either side of
// each script, where a pattern that can match half a surrogate pair would differ.
const texts = [
  '插头😀冒烟了，还有火花🔥！我第二次打电话给你们客服了\ud83d，说好回电但没有。宝宝把电池吃了',
  '又来了：充電器冒煙，燒焦味😡 已經係第三次投訴，\udc00話會打返畀我，到而家都冇',
  'The charger 😀 sparked and smoked; I called you three times. Further to my complaint of 3 May🔥, nobody rang back',
  'refund still not received after 2 weeks \ud800 — my son cut his finger on the blade 😀 and the screen is completely black',
  // Windows (`[^。]{0,12}`) filled with characters outside the BMP: a count of code points, not halves.
  ...[1, 4, 7, 13].map((k) =>
    [
      ['说好', '回电'],
      ['插头', '发黑'],
      ['宝宝', '吃了'],
      ['退款', '还没到'],
      ['客服', '三次'],
      ['手指', '流血'],
    ]
      .map(([a, b]) => `${a}${'😀'.repeat(k)}${b}${a}${'\\ud83d'.repeat(k)}${b}${a}\\ud83d${'😀'.repeat(k)}${b}`)
      .join('。'),
  ),
].map((t) => normalizeText(t, null).text);

describe('sameWithoutUnicode', () => {
  it.each([
    '(?:冒烟|起火)了',
    '\\b(?:spark|smoke)s?\\s+(?:came|coming)\\b',
    '第[二三四两兩]次',
    '[\\u4e00-\\u9fff]{2}说(?:过|了)',
    '(?<![盖門]子?)\\u9065控',
    '[a-z0-9_-]+@\\d{3,}',
    '(?:，|,|。)\\s*(?=又)',
    '^\\s*又(?:来|來)了$',
  ])('accepts %s', (source) => {
    expect(sameWithoutUnicode(source)).toBe(true);
  });

  it.each([
    ['.{0,4}着火', 'a dot matches one half of a surrogate pair without u'],
    ['冒烟[^。]{0,4}了', 'so does a negated class'],
    ['\\S+火', 'and \\S'],
    ['\\W火', 'and \\W'],
    ['\\D火', 'and \\D'],
    ['\\p{Script=Han}火', '\\p is "p" without u'],
    ['\\u{1F525}', 'a code point escape'],
    ['🔥', 'a character outside the BMP'],
    ['\\ud83d\\udd25', 'a surrogate escape'],
    ['café', 'a non-ASCII letter (its case folds differ)'],
    ['[à-ÿ]', 'a range of non-ASCII letters'],
    ['[\\u00c0-\\u00ff]', 'the same range written as escapes'],
    ['(?<x>a)\\k<x>', 'a named back-reference'],
    ['\\Bfoo', '\\B'],
    ['\\cJ', 'a control escape'],
  ])('refuses %s (%s)', (source) => {
    expect(sameWithoutUnicode(source)).toBe(false);
  });

  it('refuses exactly where the two forms differ on text with characters outside the BMP', () => {
    const text = '插头🔥冒烟🔥了，a😀😀着火';
    for (const source of ['冒烟[^。]{0,1}了', '.{0,2}着火', '插头\\S冒烟']) {
      expect(sameWithoutUnicode(source)).toBe(false);
      expect(matchesAt(source, 'iy', text)).not.toEqual(matchesAt(source, 'iuy', text));
    }
  });

  it('spells out a negated class or a dot, one code point at a time, outside look-behinds', () => {
    const astral = '[\\ud800-\\udbff](?:[\\udc00-\\udfff]|(?![\\udc00-\\udfff]))';
    expect(plainSource('冒烟[^。，]{0,4}了')).toBe(`冒烟(?:[^。，\\ud800-\\udbff]|${astral}){0,4}了`);
    expect(plainSource('退款.{0,8}没到')).toBe(`退款(?:[^\\n\\r\\u2028\\u2029\\ud800-\\udbff]|${astral}){0,8}没到`);
    expect(plainSource('(?<![遥遙]控[^。]{0,24})开关')).toBeNull();
    expect(plainSource('(?<!(?=[^。]))开关')).toBeNull();
    expect(plainSource('(?<![遥遙])控(?=[^。]{0,4}坏)')).not.toBeNull();
    expect(plainSource('(?:冒烟|起火)了')).toBe('(?:冒烟|起火)了');
    for (const source of ['\\S+火', '\\p{Script=Han}火', 'café', '🔥']) expect(plainSource(source)).toBeNull();
  });

  it('takes most default-policy patterns, and the server compiles them so', () => {
    usePatternIndexes(null);
    const written = compileRules(expandScripts(loadPolicy())).patterns;
    usePatternIndexes(patternIndexes);
    const compiled = compileRules(expandScripts(loadPolicy())).patterns;
    expect(written.every((p) => p.sticky.flags === 'iuy')).toBe(true);
    const plain = written.map((p) => plainSource(p.sticky.source));
    expect(plain.filter((x) => x !== null).length).toBeGreaterThan(written.length * 0.8);
    expect(compiled.map((p) => [p.sticky.source, p.sticky.flags])).toEqual(
      written.map((p, i) => (plain[i] === null ? [p.sticky.source, 'iuy'] : [plain[i], 'iy'])),
    );
  });

  it('gives forms that match as the written pattern with u at every code point, for every default-policy pattern', () => {
    usePatternIndexes(null);
    const written = compileRules(expandScripts(loadPolicy())).patterns;
    usePatternIndexes(patternIndexes);
    const differ: string[] = [];
    for (const p of written) {
      const plain = plainSource(p.sticky.source);
      if (plain === null) continue;
      for (const t of texts)
        if (JSON.stringify(matchesAt(plain, 'iy', t)) !== JSON.stringify(matchesAt(p.sticky.source, 'iuy', t)))
          differ.push(p.sticky.source);
    }
    expect(differ).toEqual([]);
  });
});
