/**
 * The compile-time analysis that lets Han-led patterns skip the combined alternation: it must name
 * every character a match can begin with, and answer null (keep the old path) whenever it cannot.
 */
import { hanFirstChars } from '../../../../../policies/src/engine/pattern-first-chars';

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

  it('falls back (null) when a match can begin with any character or a non-Han one', () => {
    expect(hanFirstChars('.{0,8}冒烟')).toBeNull(); // any character
    expect(hanFirstChars('[^。]冒烟')).toBeNull(); // negated class
    expect(hanFirstChars('\\d+次')).toBeNull(); // class escape
    expect(hanFirstChars('\\s*冒烟')).toBeNull();
    expect(hanFirstChars('(?:打|send)电话')).toBeNull(); // a Latin letter (case folds)
    expect(hanFirstChars('冒烟|smoke')).toBeNull();
    expect(hanFirstChars('^\\s*(?:回复|re)')).toBeNull();
    expect(hanFirstChars('[a-z]')).toBeNull();
    expect(hanFirstChars('[一-龥a]')).toBeNull();
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
