/**
 * The packed ASCII pattern index must try the same patterns as the object trie it is packed from:
 * the same hits in the same order (scanAsciiPatterns is the reference), which are every position's
 * matches of the indexed patterns.
 */
import { indexAsciiPatterns, scanAsciiPatterns } from '../../../../../policies/src/engine/ascii-pattern-index';
import { packAsciiIndex, scanPackedAsciiPatterns } from '../../../../../policies/src/engine/packed-pattern-trie';
import type { PatternHit } from '../../../../../policies/src/engine/compile-rules';
import { asciiEnglishDescriptions, defaultPolicyPatterns, patternWordSoup, seeded } from '../../../../support/pattern-text';

const entry = (rule: number, source: string) => ({ rule, sticky: new RegExp(source, 'iuy') });

function everyMatch(patterns: ReturnType<typeof entry>[], text: string): PatternHit[] {
  const out: PatternHit[] = [];
  for (const p of patterns)
    for (let i = 0; i < text.length; i++) {
      p.sticky.lastIndex = i;
      const m = p.sticky.exec(text);
      if (m && m[0].length) out.push({ rule: p.rule, start: i, end: i + m[0].length, text: m[0] });
    }
  return out;
}

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule || a.end - b.end;

function check(patterns: ReturnType<typeof entry>[], texts: string[]): number {
  const { index, rest, never } = indexAsciiPatterns(patterns);
  if (!index) throw new Error('nothing indexed');
  const packed = packAsciiIndex(index);
  const indexed = patterns.filter((p) => !rest.includes(p) && !never.includes(p));
  let hits = 0;
  for (const text of texts) {
    const want: PatternHit[] = [];
    scanAsciiPatterns(index, text, want);
    const got: PatternHit[] = [];
    scanPackedAsciiPatterns(packed, text, got);
    // Same hits in the same order (not only the same set): the patterns are tried in the same order.
    expect({ text, hits: got }).toEqual({ text, hits: want });
    expect({ text, hits: [...got].sort(order) }).toEqual({ text, hits: everyMatch(indexed, text).sort(order) });
    hits += got.length;
  }
  return hits;
}

describe('packAsciiIndex / scanPackedAsciiPatterns', () => {
  const patterns = [
    entry(0, '\\bsmoke(?:d|s)?\\b'),
    entry(1, "\\b(?:won['’]t|will\\s+not)\\s+(?:start|boot)\\b"),
    entry(2, '(?:^|\\n)\\s*>'),
    entry(3, '^\\s*(?:re|aw)\\s*:'),
    entry(4, '\\b\\d+(?:st|nd|rd|th)\\s+time\\b|\\bagain\\b'),
    entry(5, 'ſmoke'),
    entry(6, '(?:a\\s)?fire(?=\\s)'),
    entry(7, '\\b(?:i|we)\\s+(?:called|rang)\\b[^.]{0,20}?\\bagain\\b'),
    // Overlapping keys: one a prefix of another, one inside words (no \b), one listed under several keys.
    entry(8, 'smok'),
    entry(9, 'oke(?:d|s)\\b'),
    entry(10, '\\b(?:fire|fired|firing)\\b'),
    entry(11, '\\d+\\s*(?:times|x)\\b'),
    entry(12, '\\bno\\s+smoke\\b'),
  ];

  it('tries the same patterns in the same order as the object trie, on hand-made text', () => {
    const hits = check(patterns, [
      "RE: it won't start\n> quoted reply\n   >   deeper\nWill  NOT boot. Smoked, smokes, SMOKE and smoked.",
      'aw : the 3rd time and the 21st  time, again and AGAIN; a fire, a  fire, fire\tfire',
      'We called twice and again. I rang them... again. I called, then again.',
      ' re:x',
      '',
      '>',
      's',
      'smoke',
      'smokesmokedsmoke fired firing firefire',
      '3 times 12   times 4x 1234567   x no   smoke no\nsmoke nosmoke',
      'no    ',
      '99999',
      'ends with spaces and digits 12 ',
      '_smoke smoke_ 9smoke smoke9 -smoke- \x00smoke\x7f',
    ]);
    expect(hits).toBeGreaterThan(40);
  });

  it('the default policy patterns: same hits, same order, on real complaints and word soup', () => {
    const sources = defaultPolicyPatterns();
    const all = sources.map((s, i) => entry(i, s));
    const soup = patternWordSoup(sources, seeded(11), [' ', ' ', '   ', '\n', ', ', '. ', "'", '-', '', '7 ']);
    const real = asciiEnglishDescriptions().map((t) => t.toLowerCase());
    expect(real.length).toBe(100);
    expect(check(all, [...soup, ...real])).toBeGreaterThan(30);
  });
});
