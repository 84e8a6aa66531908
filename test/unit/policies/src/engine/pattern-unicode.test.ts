/**
 * `sameWithoutUnicode` lets the engine compile a pattern without the `u` flag (less machine code): it
 * must accept only patterns that match exactly as with `u` on normalised text, from every code point.
 */
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { sameWithoutUnicode } from '../../../../../policies/src/engine/pattern-unicode';
import '../../../../../policies/server/pattern-indexes';
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

const same = (source: string, text: string) => expect(matchesAt(source, 'iy', text)).toEqual(matchesAt(source, 'iuy', text));

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
        .map(([a, b]) => `${a}${'😀'.repeat(k)}${b}`)
        .join('。'),
    ),
  ].map((t) => normalizeText(t, null).text);

  it('accepts only default-policy patterns that match the same without u at every position', () => {
    const c = compileRules(expandScripts(loadPolicy()));
    const plain = c.patterns.filter((p) => sameWithoutUnicode(p.sticky.source));
    expect(plain.length).toBeGreaterThan(c.patterns.length / 3);
    for (const p of plain) for (const t of texts) same(p.sticky.source, t);
  });

  it('compiles the patterns it accepts without u, and the others with it', () => {
    const c = compileRules(expandScripts(loadPolicy()));
    for (const p of c.patterns) expect(p.sticky.flags).toBe(sameWithoutUnicode(p.sticky.source) ? 'iy' : 'iuy');
  });
});
