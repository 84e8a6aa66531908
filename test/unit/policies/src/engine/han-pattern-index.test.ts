/**
 * Han-led patterns looked for only where one of their first characters stands must find exactly
 * the hits that scanning each pattern over the whole text finds; other patterns are left over.
 */
import type { PatternHit } from '../../../../../policies/src/engine/compile-rules';
import { indexHanPatterns, scanHanPatterns } from '../../../../../policies/src/engine/han-pattern-index';
import { everyMatch } from '../../../../support/every-match';

const entry = (rule: number, source: string) => ({ rule, sticky: new RegExp(source, 'iuy') });

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule;
const text = (h: PatternHit) => h.text;

describe('indexHanPatterns / scanHanPatterns', () => {
  const patterns = [
    entry(0, '(?:冒烟|起火)'),
    entry(1, '[\\u4e00-\\u9fff]{2}说(?:过|了)'),
    entry(2, '(?:已经|已經)?(?:第[二三四]次)'),
    entry(3, '.{0,4}着火'), // can start anywhere: left for the combined regex
    entry(4, '\\bsmoke\\b'),
    entry(5, '𠀀字'),
  ];
  const { index, rest } = indexHanPatterns(patterns);

  it('indexes the Han-led patterns and leaves the others', () => {
    expect(index).not.toBeNull();
    expect(rest.map((p) => p.rule)).toEqual([3, 4]);
    expect(index!.byRange.map((r) => index!.patterns[r.slot].rule)).toEqual([1]);
  });

  it.each([
    '充电器冒烟了，已经第三次投诉，客服说过会换，结果又起火。',
    '第二次第三次已經第四次 冒 烟 冒烟冒烟',
    'smoke 冒烟 𠀀字 and 經理說了',
    'no chinese here at all',
    '',
  ])('finds the same hits as scanning every position: %s', (text) => {
    const indexed = rest.length ? patterns.filter((p) => !rest.includes(p)) : patterns;
    const got: PatternHit[] = [];
    scanHanPatterns(index!, text, got);
    expect(got.sort(order)).toEqual(everyMatch(indexed, text).sort(order));
  });

  describe('a leading alternation that mixes Han and ASCII alternatives', () => {
    const mixed = [
      entry(10, '(?:宝宝|孩子|[bB][bB])[^。！？]{0,6}?(?:吃了|误食)'),
      entry(11, '(?:打|发|send)(?:了|过)?\\s*[\\d一二三四五]+\\s*(?:个|通|封|次)\\s*(?:电话|email|邮件)'),
      entry(12, '(?:十|[1-9]\\d)倍[^。]{0,20}?(?:不然|否则)'),
      entry(13, '^\\s*又(?:来|來)了'),
      entry(14, '^\\s*(?:re|回复)\\s*[:：]'),
      entry(15, '(?:差评|post)[^，。]{0,6}?(?:写好|寫好)'),
    ];
    const m = indexHanPatterns(mixed);

    it('indexes each pattern, its ASCII alternatives by their own first characters', () => {
      expect(m.rest).toEqual([]);
      for (const ch of ['b', 'B', 's', 'S', 'ſ', 'p', 'P', '1', '9', '宝', '发', '十', '差'])
        expect(m.index!.byChar.has(ch.codePointAt(0)!)).toBe(true);
    });

    it('tries the patterns anchored at the start only there, not at every space', () => {
      expect(m.index!.start.map((slot) => m.index!.patterns[slot].rule)).toEqual([13, 14]);
      for (const ch of [' ', '\u3000', 'r', '又', '回']) expect(m.index!.byChar.has(ch.codePointAt(0)!)).toBe(false);
    });

    it.each([
      'BB把电池吃了，bb又误食了一个', // found only through [bB][bB]
      '我SEND了3封email，ſend过五次邮件，又打了4通电话', // "send" in any case, and the long s
      '赔20倍，不然曝光；十倍否则投诉', // a digit lead and a Han lead
      '  又来了，这是第三次', // an anchored pattern after white space
      'RE: 回复：你们的客服', // only at the start
      'Re：订单问题 post已经写好了，差评也寫好',
      '又来了 BB吃了',
      '',
    ])('finds the same hits as scanning every position: %s', (text) => {
      const got: PatternHit[] = [];
      scanHanPatterns(m.index!, text, got);
      expect(got.sort(order)).toEqual(everyMatch(mixed, text).sort(order));
    });

    it('finds the matches that start with an ASCII alternative', () => {
      const got: PatternHit[] = [];
      scanHanPatterns(m.index!, 'BB把电池吃了，SEND了3封email，20倍不然，  又来了', got);
      expect(got.map((h) => text(h)).sort()).toEqual(['20倍不然', 'BB把电池吃了', 'SEND了3封email']);
    });
  });

  describe('patterns that need a string the text lacks', () => {
    // Each opens with a common character; a match must contain 差评 / 曝光, or 不冷了.
    const needy = [entry(20, '(?:就|要|会)[^，。]{0,12}?(?:差评|曝光)'), entry(21, '不(?:冷|冰)了'), entry(22, '(?:就|要)(?:走|来)')];
    const n = indexHanPatterns(needy);
    const tried = (text: string) => {
      const seen: number[] = [];
      for (const p of n.index!.patterns) {
        const exec = p.sticky.exec.bind(p.sticky);
        p.sticky.exec = (s: string) => (seen.push(p.rule), exec(s));
      }
      const got: PatternHit[] = [];
      scanHanPatterns(n.index!, text, got);
      for (const p of n.index!.patterns) delete (p.sticky as Partial<RegExp>).exec;
      return { seen: [...new Set(seen)].sort(), got: got.sort(order) };
    };

    it('are not tried anywhere in it, and the hits are the same', () => {
      const t = '我就要说，要会不会不冷，就走了，不冷了吗';
      const r = tried(t);
      expect(r.seen).toEqual([21, 22]); // 20 needs 差评 or 曝光: never tried, although 就/要/会 are everywhere
      expect(r.got).toEqual(everyMatch(needy, t).sort(order));
      expect(r.got.map(text)).toEqual(['就走', '不冷了']);
    });

    it('are tried once the text has one of the strings', () => {
      const t = '我就要说，不然就会去写差评';
      const r = tried(t);
      expect(r.seen).toEqual([20]); // 22 needs 就走, 就来, 要走 or 要来
      expect(r.got).toEqual(everyMatch(needy, t).sort(order));
      expect(r.got.map(text)).toEqual(['就会去写差评', '会去写差评']);
    });
  });

  it('returns no index when no pattern is Han-led', () => {
    const r = indexHanPatterns([entry(0, 'smoke'), entry(1, '.冒烟')]);
    expect(r.index).toBeNull();
    expect(r.rest).toHaveLength(2);
  });
});
