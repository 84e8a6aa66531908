/**
 * Han-led patterns looked for only where one of their first characters stands must find exactly
 * the hits that scanning each pattern over the whole text finds; other patterns are left over.
 */
import type { PatternHit } from '../../../../../policies/src/engine/compile-rules';
import { indexHanPatterns, scanHanPatterns } from '../../../../../policies/src/engine/han-pattern-index';

const entry = (rule: number, source: string) => ({ rule, sticky: new RegExp(source, 'iuy') });

/** Every non-empty match of each pattern at every code point (the definition the index must meet). */
function everyMatch(patterns: ReturnType<typeof entry>[], text: string): PatternHit[] {
  const out: PatternHit[] = [];
  for (const p of patterns) {
    for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) {
      p.sticky.lastIndex = i;
      const m = p.sticky.exec(text);
      if (m && m[0].length) out.push({ rule: p.rule, start: i, end: i + m[0].length, text: m[0] });
    }
  }
  return out;
}

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule;

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
    expect(index!.byRange.map((r) => r.pattern.rule)).toEqual([1]);
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

  it('returns no index when no pattern is Han-led', () => {
    const r = indexHanPatterns([entry(0, 'smoke'), entry(1, '.冒烟')]);
    expect(r.index).toBeNull();
    expect(r.rest).toHaveLength(2);
  });
});
