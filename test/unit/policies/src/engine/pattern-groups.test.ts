/**
 * The patterns left to the combined prefilter are packed into groups whose regex source stays under
 * V8's optimisation limit; scanning group by group (each group's regex, then its own patterns re-tested
 * where it matches) must find exactly the hits that scanning each pattern at every position finds.
 */
import type { PatternEntry, PatternHit } from '../../../../../policies/src/engine/compile-rules';
import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { packPatternGroups, prefilterPart, type PatternGroup } from '../../../../../policies/src/engine/pattern-groups';
import { MAX_SOURCE } from '../../../../../policies/src/engine/phrase-regex';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import '../../../../../policies/server/pattern-indexes';
import { loadPolicy } from '../../../../support/test-policy';
import { everyMatch } from '../../../../support/every-match';

const entry = (rule: number, source: string): PatternEntry => ({ rule, sticky: new RegExp(source, 'iuy') });

/** The groups' scan as scan-field.ts does it: where a group's regex matches, re-test that group's patterns. */
function groupHits(groups: PatternGroup[], text: string): PatternHit[] {
  const out: PatternHit[] = [];
  for (const g of groups) {
    const re = g.re!;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      for (const p of g.patterns) {
        p.sticky.lastIndex = m.index;
        const pm = p.sticky.exec(text);
        if (pm && pm[0].length) out.push({ rule: p.rule, start: m.index, end: m.index + pm[0].length, text: pm[0] });
      }
      re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
  }
  return out;
}

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule || a.end - b.end;

describe('packPatternGroups', () => {
  const patterns = [
    entry(0, '\\bsmoke\\b'),
    entry(1, '(?:冒烟|起火)[^。]{0,4}?了'),
    entry(2, '\\b(?:sparks?|sparking)\\b'),
    entry(3, '(?:十|[1-9]\\d)倍[^。]{0,10}?(?:不然|否则)'),
    entry(4, '^\\s*又(?:来|來)了'),
    entry(5, '(?:宝宝|[bB][bB])[^。]{0,6}?吃了'),
  ];
  const max = 50;
  const groups = packPatternGroups(patterns, max);

  it('keeps every group under the size limit, with each pattern once and in order', () => {
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) {
      expect(g.re).not.toBeNull();
      expect(g.re!.source.length).toBeLessThanOrEqual(max);
      expect(g.re!.flags).toBe('giu');
    }
    expect(groups.flatMap((g) => g.patterns)).toEqual(patterns);
  });

  it('puts a pattern longer than the limit in a group of its own', () => {
    const long = entry(9, `(?:${'a'.repeat(80)})`);
    const g = packPatternGroups([patterns[0], long, patterns[2]], max);
    expect(g.map((x) => x.patterns.map((p) => p.rule))).toEqual([[0], [9], [2]]);
  });

  it('packs everything into one group when it fits', () => {
    const g = packPatternGroups(patterns);
    expect(g).toHaveLength(1);
    expect(g[0].re!.source).toBe(patterns.map(prefilterPart).join('|'));
  });

  it('packs the patterns without u first, into groups compiled without u, with the same hits', () => {
    const plain = (rule: number, source: string): PatternEntry => ({ rule, sticky: new RegExp(source, 'iy') });
    const mixed = [patterns[1], plain(6, '\\bsmoke\\b'), patterns[3], plain(7, '(?:冒烟|起火)了'), patterns[5]];
    const g = packPatternGroups(mixed, 60);
    expect(g.flatMap((x) => x.patterns.map((p) => p.rule))).toEqual([6, 7, 1, 3, 5]);
    for (const x of g) {
      expect(new Set(x.patterns.map((p) => p.sticky.unicode))).toEqual(new Set([x.re!.unicode]));
      expect(x.re!.flags).toBe(x.re!.unicode ? 'giu' : 'gi');
    }
    expect(g[0].re!.unicode).toBe(false);
    const text = '冒烟😀了，起火了 smoke 宝宝😀吃了，要你赔十倍😀不然投诉';
    expect(groupHits(g, text).sort(order)).toEqual(everyMatch(mixed, text).sort(order));
  });

  it('returns no group for no pattern', () => {
    expect(packPatternGroups([])).toEqual([]);
  });

  it.each([
    '又来了，充电器冒烟了好几次，smoke and sparks。',
    '  又來了 宝宝把电池吃了 BB 也吃了',
    '要你赔十倍，不然投诉；赔20倍否则曝光',
    'sparking smoke-free smoker',
    '',
  ])('finds the same hits as scanning every position: %s', (text) => {
    expect(groupHits(groups, text).sort(order)).toEqual(everyMatch(patterns, text).sort(order));
  });

  it('keeps each combined regex of the default policy under the limit (V8 optimises it)', () => {
    const c = compileRules(expandScripts(loadPolicy()));
    expect(c.patternGroups.length).toBeGreaterThan(0);
    for (const g of c.patternGroups) {
      expect(g.re).not.toBeNull();
      expect(g.re!.source.length).toBeLessThanOrEqual(MAX_SOURCE);
    }
  });
});
