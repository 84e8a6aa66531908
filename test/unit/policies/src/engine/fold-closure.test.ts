/**
 * The case closure the first-character index relies on: every character a pattern character matches
 * under flags `iu` must be listed, else the index would skip a position where the pattern matches.
 */
import { ASCII_FOLD_PEERS, foldClosure, isHanRange } from '../../../../../policies/src/engine/fold-closure';

const one = (ch: string): [number, number] => [ch.codePointAt(0)!, ch.codePointAt(0)!];
const has = (ranges: [number, number][], ch: string) => ranges.some(([lo, hi]) => ch.codePointAt(0)! >= lo && ch.codePointAt(0)! <= hi);

describe('foldClosure', () => {
  it('knows every non-ASCII character that matches an ASCII letter under iu (checked over all code points)', () => {
    const found: Record<string, number[]> = {};
    const letter = /^[a-z]$/iu;
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!letter.test(ch)) continue;
      const ascii = [...'abcdefghijklmnopqrstuvwxyz'].find((l) => new RegExp(`^${l}$`, 'iu').test(ch))!;
      (found[ascii] ??= []).push(cp);
    }
    expect(found).toEqual(ASCII_FOLD_PEERS);
  });

  it('adds the other case and the peers of ASCII letters, nothing to other ASCII', () => {
    const r = foldClosure([one('s'), one('B'), one('1'), one('>')])!;
    for (const ch of ['s', 'S', 'ſ', 'b', 'B', '1', '>']) expect(has(r, ch)).toBe(true);
    expect(r).toHaveLength(7);
    expect(has(foldClosure([one('K')])!, '\u212a')).toBe(true);
  });

  it('keeps Han ideographs and white space as they are', () => {
    expect(foldClosure([one('冒'), [0x4e00, 0x9fff]])).toEqual([one('冒'), [0x4e00, 0x9fff]]);
    expect(foldClosure([[0x2000, 0x200a], one('\u3000')])).toEqual([[0x2000, 0x200a], one('\u3000')]);
  });

  it('gives up on characters whose case variants it does not know', () => {
    expect(foldClosure([one('冒'), one('é')])).toBeNull();
    expect(foldClosure([one('Ⅰ')])).toBeNull(); // a Roman numeral: it has a lower case
    expect(foldClosure([[0x80, 0x10ffff]])).toBeNull();
  });

  it('tells Han ranges from others', () => {
    expect(isHanRange(one('冒'))).toBe(true);
    expect(isHanRange([0x4e00, 0x9fff])).toBe(true);
    expect(isHanRange([0x4e00, 0xa000])).toBe(false);
    expect(isHanRange(one('a'))).toBe(false);
  });
});
