/**
 * Patterns tried only where ASCII text begins with one of their keys must find exactly the hits that
 * trying each pattern at every position finds; what the analysis cannot place is left over, and what
 * cannot match ASCII text at all is set apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { indexAsciiPatterns, scanAnyTextPatterns, scanAsciiPatterns } from '../../../../../policies/src/engine/ascii-pattern-index';
import type { PatternHit } from '../../../../../policies/src/engine/compile-rules';
import { asciiEnglishDescriptions, defaultPolicyPatterns, patternWordSoup, seeded } from '../../../../support/pattern-text';

const entry = (rule: number, source: string) => ({ rule, sticky: new RegExp(source, 'iuy') });

/** Every non-empty match of each pattern at every position (the definition the index must meet). */
function everyMatch(patterns: ReturnType<typeof entry>[], text: string): PatternHit[] {
  const out: PatternHit[] = [];
  for (const p of patterns) {
    for (let i = 0; i < text.length; i++) {
      p.sticky.lastIndex = i;
      const m = p.sticky.exec(text);
      if (m && m[0].length) out.push({ rule: p.rule, start: i, end: i + m[0].length, text: m[0] });
    }
  }
  return out;
}

const order = (a: PatternHit, b: PatternHit) => a.start - b.start || a.rule - b.rule;

function check(patterns: ReturnType<typeof entry>[], texts: string[]) {
  const { index, rest, never } = indexAsciiPatterns(patterns);
  const indexed = patterns.filter((p) => !rest.includes(p) && !never.includes(p));
  let hits = 0;
  for (const text of texts) {
    const got: PatternHit[] = [];
    if (index) scanAsciiPatterns(index, text, got);
    expect({ text, hits: got.sort(order) }).toEqual({ text, hits: everyMatch(indexed, text).sort(order) });
    expect(everyMatch(never, text)).toEqual([]);
    hits += got.length;
  }
  return { index, rest, never, hits };
}

describe('indexAsciiPatterns / scanAsciiPatterns', () => {
  const patterns = [
    entry(0, '\\bsmoke(?:d|s)?\\b'),
    entry(1, "\\b(?:won['’]t|will\\s+not)\\s+(?:start|boot)\\b"),
    entry(2, '(?:^|\\n)\\s*>'),
    entry(3, '^\\s*(?:re|aw)\\s*:'),
    entry(4, '\\b\\d+(?:st|nd|rd|th)\\s+time\\b|\\bagain\\b'), // two alternatives, one hit per position
    entry(5, '.{0,4}fire'), // can start anywhere: left for the combined regex
    entry(6, '(?:所有|全部)?(?:灯|燈)不亮'), // never in ASCII text
    entry(7, 'ſmoke'), // "ſ" matches s and S under iu
    entry(8, '(?:a\\s)?fire(?=\\s)'),
    entry(9, '\\b(?:i|we)\\s+(?:called|rang)\\b[^.]{0,20}?\\bagain\\b'),
  ];

  it('indexes what it can place and sets apart the rest', () => {
    const { rest, never } = indexAsciiPatterns(patterns);
    expect(rest.map((p) => p.rule)).toEqual([5]);
    expect(never.map((p) => p.rule)).toEqual([6]);
  });

  it('finds the same hits as trying every position', () => {
    const { hits } = check(patterns, [
      "RE: it won't start\n> quoted reply\n   >   deeper\nWill  NOT boot. Smoked, smokes, SMOKE and smoked.",
      'aw : the 3rd time and the 21st  time, again and AGAIN; a fire, a  fire, fire\tfire',
      'We called twice and again. I rang them... again. I called, then again.',
      ' re:x',
      '',
      '>',
      'smoke',
    ]);
    expect(hits).toBeGreaterThan(20);
  });

  it('matches the default policy patterns at every position on text made of their own words', () => {
    const sources = defaultPolicyPatterns();
    const all = sources.map((s, i) => entry(i, s));
    // Words and punctuation pulled out of the patterns themselves, shuffled into sentences (seeded).
    const rnd = seeded(7);
    const soup = patternWordSoup(sources, rnd, [' ', ' ', ' ', '  ', '\n', ', ', '. ', "'", '-']);
    // And real complaints: English training tickets that are all ASCII, every fourth word upper-cased.
    const real = asciiEnglishDescriptions().map((t) => t.replace(/\w+/g, (w) => (rnd(4) === 0 ? w.toUpperCase() : w)));
    const texts = [...soup, ...real];
    const { index, rest, hits } = check(all, texts);
    expect(index).not.toBeNull();
    expect(real.length).toBe(100);
    expect(hits).toBeGreaterThan(30); // the texts do exercise the patterns
    expect(rest.length).toBeLessThan(all.length / 10);
  });
});

describe('indexAsciiPatterns(…, anyText) / scanAnyTextPatterns: the same on text with any characters', () => {
  function checkAny(patterns: ReturnType<typeof entry>[], texts: string[]) {
    const { index, rest, never } = indexAsciiPatterns(patterns, true);
    expect(never).toEqual([]);
    const indexed = patterns.filter((p) => !rest.includes(p));
    let hits = 0;
    for (const text of texts) {
      const got: PatternHit[] = [];
      if (index) scanAnyTextPatterns(index, text, got);
      expect({ text, hits: got.sort(order) }).toEqual({ text, hits: everyMatch(indexed, text).sort(order) });
      hits += got.length;
    }
    return { index, rest, hits };
  }
  const patterns = [
    entry(0, '\\bsmoke(?:d|s)?\\b'),
    entry(1, "\\b(?:won['’]t|will\\s+not)\\s+(?:start|boot)\\b"),
    entry(2, '^\\s*(?:re|aw)\\s*:'),
    entry(3, '\\bfire[^.]{0,8}(?:起火|again)'), // a window that reads Han characters: the key stops before it
    entry(4, '(?:所有|全部)?(?:灯|燈)不亮'), // Han-led: left over
    entry(5, '(?:打|send)\\s*email'), // can begin with a Han character: left over
    entry(6, 'ſmoke'),
    entry(7, '\\bcaf[eé]\\s+fire'), // grows through a non-ASCII letter: the key stops before it
    entry(8, '\\b(?:i|we)\\s+(?:called|rang)\\b[^.]{0,20}?\\bagain\\b'),
    entry(9, '\\d+\\s*(?:次|times)'),
    entry(10, '\\bno\\s+smoke'), // a key that runs through white space: non-ASCII white space reads as " "
  ];

  it('leaves over what can begin with a non-ASCII character other than white space', () => {
    expect(checkAny(patterns, []).rest.map((p) => p.rule)).toEqual([4, 5]);
  });

  it('finds the same hits as trying every position, in Chinese, mixed and astral text', () => {
    const { hits } = checkAny(patterns, [
      '插头smoke了，smoked冒烟。我已經call過三次 will\u3000not start 佢話 won’t boot',
      're\u3000: 灯不亮 fire起火 FIRE再次again fire…again',
      '😀smoke 𐐀smoke ésmoke ſmoke SMOKE\u00a0fire café fire CAFÉ\u2028fire',
      '我们called了 we rang 你们 again。we called 两次 again',
      '3次 12 times ３次 4\u3000次',
      '\ud800smoke\udc00 smoke\ud83d',
      '有no\u3000smoke，no\u2028smoke、no\u1680\u00a0smoke NO\ufeffsmoke no烟smoke',
    ]);
    expect(hits).toBeGreaterThan(15);
  });

  it('the default policy patterns: same hits as every position on Chinese training text with English words', () => {
    const all = defaultPolicyPatterns().map((s, i) => entry(i, s));
    const lines = fs
      .readFileSync(path.resolve(__dirname, '../../../../../policies/training/train.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { lang: string; description?: string });
    const zh = lines.filter((t) => t.lang.startsWith('zh')).map((t) => t.description ?? '');
    const en = lines.filter((t) => t.lang === 'en').map((t) => t.description ?? '');
    // Chinese tickets with an English sentence and astral or accented characters spliced in.
    const spice = ['😀', 'é', '\u3000', '𐐀', ' ', 'ſ'];
    const texts = zh
      .filter((_, i) => i % 300 === 0)
      .map((t, i) => {
        const e = en[(i * 37) % en.length].slice(0, 160);
        const cut = Math.floor(t.length / 2);
        return `${t.slice(0, cut)}${spice[i % spice.length]}${e}${spice[(i + 1) % spice.length]}${t.slice(cut)}`;
      });
    expect(texts.length).toBeGreaterThan(30);
    const { index, rest, hits } = checkAny(all, texts);
    expect(index).not.toBeNull();
    expect(hits).toBeGreaterThan(15);
    expect(all.length - rest.length).toBeGreaterThan(200); // the Latin patterns (the rest are mostly Han-led)
  });
});
