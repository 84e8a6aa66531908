/**
 * The strings one of which every match of a pattern contains: a text without any of them is never searched for
 * that pattern (han-pattern-index.ts), so they must hold for every match, and should be the rarest such strings.
 */
import { hanFactors } from '../../../../../policies/src/engine/pattern-factors';

const sorted = (x: string[] | null) => (x ? [...x].sort() : x);

describe('hanFactors', () => {
  it('joins adjacent literal characters and alternatives into whole strings', () => {
    expect(sorted(hanFactors('冒烟'))).toEqual(['冒烟']);
    expect(sorted(hanFactors('不(?:冷|冰)了'))).toEqual(['不冰了', '不冷了']);
    expect(sorted(hanFactors('[漏触]电'))).toEqual(['漏电', '触电']);
    expect(sorted(hanFactors('冒烟|起火'))).toEqual(['冒烟', '起火']);
  });

  it('prefers the rarer part of a pattern that opens with common characters', () => {
    // 就/要/会 are everywhere; a match must still contain 差评 or 曝光.
    expect(sorted(hanFactors('(?:就|要|会)[^，。]{0,24}?(?:差评|曝光)'))).toEqual(['差评', '曝光']);
    expect(sorted(hanFactors('(?:完全|根本)(?:都)?不(?:冷|凉)'))).toEqual(['不冷', '不凉']);
  });

  it('does not join across an optional part, but does across a zero-width one', () => {
    expect(sorted(hanFactors('已经(?:都)?坏了'))).toEqual(['坏了']);
    expect(sorted(hanFactors('(?<!不是)没有(?=人)回复'))).toEqual(['没有回复']);
    expect(sorted(hanFactors('\\b漏电\\b'))).toEqual(['漏电']);
  });

  it('keeps what a repeated part needs, without joining it to its neighbours', () => {
    expect(sorted(hanFactors('(?:电线)+烧'))).toEqual(['电线']);
    expect(sorted(hanFactors('[一二三]{1,3}次投诉'))).toEqual(['次投诉']);
  });

  it('has nothing to offer when a match need not contain any Han string', () => {
    expect(hanFactors('冒烟|smoke')).toBeNull(); // one alternative is ASCII
    expect(hanFactors('(?:了|)')).toBeNull(); // may match the empty string
    expect(hanFactors('冒?')).toBeNull();
    expect(hanFactors('[\\u4e00-\\u9fff]{2}')).toBeNull(); // too many characters to list
    expect(hanFactors('\\p{Script=Han}')).toBeNull();
    expect(hanFactors('.{2}')).toBeNull();
    expect(hanFactors('')).toBeNull();
    expect(hanFactors('(?:a|')).toBeNull(); // not a pattern the parser reads
  });

  it('only uses characters without case: a letter ends a run', () => {
    expect(sorted(hanFactors('打call给你们'))).toEqual(['给你们']);
    expect(sorted(hanFactors('(?:发|發)\\s*threads'))).toEqual(['发', '發']);
  });

  it('never names a string some match lacks (sample patterns over a mixed text)', () => {
    const patterns = [
      '(?:已|就|会|要)(?:[^，。！？]){0,24}?(?:差评|曝光)',
      '(?:完全|根本|一点)(?:都)?(?:不|没)(?:有)?(?:冷|凉|转|亮)',
      '(?<!不)(?:冒烟|起火)了?',
      '(?:找|约|修)了?[^，。]{0,10}?(?:[三四五六]|\\d)次',
      '[赔給给](?:[^，。]){0,8}?\\d+(?:\\.\\d+)?\\s*[万萬]',
    ];
    const text = '我已经说过要给差评，冰箱完全不冷，一点都没有转，找了师傅修了三次，要赔10万不然曝光，插头冒烟了，没起火';
    for (const source of patterns) {
      const need = hanFactors(source);
      expect(need).not.toBeNull();
      let matches = 0;
      for (let i = 0; i < text.length; i++) {
        const re = new RegExp(source, 'iuy');
        re.lastIndex = i;
        const m = re.exec(text);
        if (!m || !m[0].length) continue;
        matches++;
        expect(need!.some((s) => m[0].includes(s))).toBe(true);
      }
      expect(matches).toBeGreaterThan(0);
    }
  });
});
