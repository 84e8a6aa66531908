/**
 * The compile-time analysis that lets Han-led patterns skip the combined alternation: it must name
 * every character a match can begin with, and answer null (keep the old path) whenever it cannot.
 */
import { anchoredAtStart, hanFirstChars } from '../../../../../policies/src/engine/pattern-first-chars';

const cp = (ch: string) => ch.codePointAt(0)!;
const chars = (...list: string[]) => list.map((ch) => [cp(ch), cp(ch)]);

describe('hanFirstChars', () => {
  it('lists the first characters of literals, alternatives and groups', () => {
    expect(hanFirstChars('冒烟')).toEqual(chars('冒'));
    expect(hanFirstChars('(?:电线|電線|线头)[^。]{0,8}?露出')).toEqual(chars('电', '電', '线').sort((a, b) => a[0] - b[0]));
    expect(hanFirstChars('(?<what>起火|着火)了')).toEqual(chars('起', '着').sort((a, b) => a[0] - b[0]));
  });

  it('looks past optional items, assertions and lookarounds to what may come first', () => {
    const r = hanFirstChars('(?:已经|已經)?(?<!不)(?:冒烟|起火)');
    expect(r).toEqual(chars('冒', '已', '起').sort((a, b) => a[0] - b[0]));
    expect(hanFirstChars('\\b(?:漏)*(?=电)电')).toEqual(chars('漏', '电').sort((a, b) => a[0] - b[0]));
  });

  it('reads classes, escapes and ranges of ideographs', () => {
    expect(hanFirstChars('[一二三]次')).toEqual(chars('一', '三', '二').sort((a, b) => a[0] - b[0]));
    expect(hanFirstChars('小[\\u4e00-\\u9fff]')).toEqual(chars('小'));
    expect(hanFirstChars('[\\u4e00-\\u9fff]{2}说')).toEqual([[0x4e00, 0x9fff]]);
    expect(hanFirstChars('\\u{20000}')).toEqual([[0x20000, 0x20000]]);
  });

  it('places the ASCII alternatives of a mixed lead by their own first characters, in every case', () => {
    const s = [cp('S'), cp('S')] as [number, number];
    const sorted = (...r: [number, number][]) => r.sort((a, b) => a[0] - b[0]);
    // "s" also matches "ſ" (U+017F) under flags `iu`, "k" the Kelvin sign (U+212A).
    expect(hanFirstChars('(?:打|send)电话')).toEqual(sorted(s, [cp('s'), cp('s')], [0x17f, 0x17f], [cp('打'), cp('打')]));
    expect(hanFirstChars('冒烟|kaboom')).toEqual(sorted([cp('K'), cp('K')], [cp('k'), cp('k')], [0x212a, 0x212a], [cp('冒'), cp('冒')]));
    expect(hanFirstChars('(?:宝宝|[bB][bB])吃了')).toEqual(sorted([cp('B'), cp('B')], [cp('b'), cp('b')], [cp('宝'), cp('宝')]));
    expect(hanFirstChars('(?:十|[1-9]\\d)倍')).toEqual(sorted([0x31, 0x39], [cp('十'), cp('十')]));
    expect(hanFirstChars('[一-龥a]')).toEqual(sorted([cp('A'), cp('A')], [cp('a'), cp('a')], [cp('一'), cp('龥')]));
  });

  it('reads an anchored pattern by what follows the anchor and its optional white space', () => {
    const first = hanFirstChars('^\\s*(?:回复|re)\\s*[:：]')!;
    for (const ch of [' ', '\t', '\n', '\u3000', '回', 'r', 'R']) expect(first.some(([lo, hi]) => cp(ch) >= lo && cp(ch) <= hi)).toBe(true);
    expect(first.some(([lo, hi]) => cp('e') >= lo && cp('e') <= hi)).toBe(false);
    expect(hanFirstChars('^\\s*又(?:来|來)了')).not.toBeNull();
  });

  it('falls back (null) when a match can begin with any character, an unknown one, or no Han one', () => {
    expect(hanFirstChars('.{0,8}冒烟')).toBeNull(); // any character
    expect(hanFirstChars('[^。]冒烟')).toBeNull(); // negated class
    expect(hanFirstChars('\\p{L}冒烟')).toBeNull(); // a property: any character
    expect(hanFirstChars('(?:冒烟|été)')).toBeNull(); // a non-ASCII letter: its case variants are not modelled
    expect(hanFirstChars('\\d+次')).toBeNull(); // digits only: not Han-led
    expect(hanFirstChars('smoke')).toBeNull();
    expect(hanFirstChars('[a-z]')).toBeNull();
    expect(hanFirstChars('\\s*smoke')).toBeNull();
  });

  it('falls back when the pattern can match the empty string', () => {
    expect(hanFirstChars('(?:冒烟)?')).toBeNull();
    expect(hanFirstChars('冒*')).toBeNull();
    expect(hanFirstChars('冒{0,2}')).toBeNull();
    expect(hanFirstChars('(?=冒)')).toBeNull();
    expect(hanFirstChars('')).toBeNull();
  });

  it('falls back on syntax it does not model (back-references, unknown group kinds)', () => {
    expect(hanFirstChars('(冒)\\1')).toEqual(chars('冒')); // the first item decides; \\1 comes later
    expect(hanFirstChars('\\1冒')).toBeNull();
    expect(hanFirstChars('\\k<a>冒')).toBeNull();
    expect(hanFirstChars('(?i:冒)')).toBeNull();
  });

  it('never misses a start: the named characters hold every match of sample patterns', () => {
    const patterns = [
      '(?:客服|经理|小[\\u4e00-\\u9fff])[^。]{0,8}?说',
      '(?:已经)?(?:第[二三四]次|再次)(?:联系|投诉)',
      '退款.{0,8}(?:没到|沒到)',
    ];
    const text = '我已经第三次投诉了，小王说会退款但退款一直没到，客服说再等等。再次联系也没用';
    for (const source of patterns) {
      const first = hanFirstChars(source)!;
      expect(first).not.toBeNull();
      for (const m of text.matchAll(new RegExp(source, 'giu'))) {
        const c = m[0].codePointAt(0)!;
        expect(first.some(([lo, hi]) => c >= lo && c <= hi)).toBe(true);
      }
    }
  });
});

describe('anchoredAtStart', () => {
  it('is true only when every alternative begins with ^', () => {
    expect(anchoredAtStart('^\\s*又(?:来|來)了')).toBe(true);
    expect(anchoredAtStart('^又来了|^再来')).toBe(true);
    expect(anchoredAtStart('^又来了|再来')).toBe(false);
    expect(anchoredAtStart('(?:^|\\n)\\s*>')).toBe(false);
    expect(anchoredAtStart('又来了$')).toBe(false);
    expect(anchoredAtStart('\\1^冒')).toBe(false);
  });
});
