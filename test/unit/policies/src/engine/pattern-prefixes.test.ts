/**
 * The compile-time analysis that lets a pattern be tried only where ASCII text begins with one of its
 * keys: every non-empty match must begin with a key, and whatever it cannot place must give null
 * (the pattern then stays in the combined prefilter regex).
 */
import { asciiPrefixes, keyOf } from '../../../../../policies/src/engine/pattern-prefixes';

const keys = (source: string) => asciiPrefixes(source)?.map((a) => `${a.at}:${a.keys.join('|')}`);

/** The text at `i` read as keys: lower case, a run of whitespace or digits as one character. */
function keyAt(text: string, i: number, length: number): string {
  let out = '';
  for (let j = i; j < text.length && out.length < length; j++) {
    const k = String.fromCharCode(keyOf(text.charCodeAt(j)));
    if ((k === ' ' || k === '0') && out.endsWith(k) && j > i) continue;
    out += k;
  }
  return out;
}

describe('asciiPrefixes', () => {
  it('grows literal words to their end and stops where anything may follow', () => {
    expect(keys('\\bsmoke\\b')).toEqual(['word:smoke']);
    expect(keys('\\b(?:plugs?|sockets?)\\b[^.!?]{0,30}?\\bscorched')).toEqual(['word:plug|sock']);
    expect(keys('\\bcharged\\b[^.]{0,30}\\btwice')).toEqual(['word:charged']);
  });

  it('lists every alternative, optional first words and classes, case-folded', () => {
    expect(keys('\\b(?:there\\s+was\\s+)?no\\s+fuse')).toEqual(['word:no fuse|there was ']); // at most 10 characters
    expect(keys("\\b[Ww]on['’]t\\s+start")).toEqual(["word:won't star"]); // the ’ cannot be in ASCII text
    expect(keys('\\bAB|\\bcd')).toEqual(['word:ab', 'word:cd']);
  });

  it('reads a run of whitespace or of digits as one key character', () => {
    expect(keys('\\bno\\s+heat')).toEqual(['word:no heat']);
    expect(keys('\\b\\d+\\s*x\\b')).toEqual(['word:0 x|0x']);
  });

  it('anchors at a word start only after a leading \\b and a word character, at the text start after ^', () => {
    expect(asciiPrefixes('\\bsmoke')![0].at).toBe('word');
    expect(asciiPrefixes('smoke')![0].at).toBe('any');
    expect(asciiPrefixes("\\b(?:'|s)moke")![0].at).toBe('any'); // a quote can open it: \b then means something else
    expect(asciiPrefixes('^\\s*again\\b')![0].at).toBe('start');
    expect(asciiPrefixes('(?:^|\\n)\\s*>')![0].at).toBe('any');
  });

  it('says a pattern cannot match ASCII text when every match needs a Han character', () => {
    expect(asciiPrefixes('(?:所有|全部)?(?:灯|燈)(?:都|全)(?:不|唔)亮')).toEqual([]);
    expect(asciiPrefixes('(?:打|send)\\s*\\d+\\s*(?:个|個|次)')).toEqual([]);
    expect(asciiPrefixes('(?<![盖蓋]子?)(?:完全|根本)不能用')).toEqual([]);
  });

  it('for text with any characters (anyText): keys stop before a non-ASCII character; null when one can begin a match', () => {
    const any = (source: string) => asciiPrefixes(source, undefined, true)?.map((a) => `${a.at}:${a.keys.join('|')}`);
    expect(asciiPrefixes('(?:所有|全部)?(?:灯|燈)不亮', undefined, true)).toBeNull(); // [] for ASCII text: never there
    expect(asciiPrefixes('(?:打|send)\\s*\\d+\\s*(?:个|個|次)', undefined, true)).toBeNull();
    expect(any('\\bsmoke\\s+alarm')).toEqual(['word:smoke alar']); // keys stop at MAX_DEPTH
    expect(any('\\bsmoke[^.]{0,8}fire')).toEqual(['word:smoke']); // [^.] reads Han characters too
    expect(any('\\bcaf[eé] fire')).toEqual(['word:caf']); // [eé] may read é: no key grows into it
    expect(keys('\\bcaf[eé] fire')).toEqual(['word:cafe fire']);
    expect(any('\\s*re:')).toEqual(['any: re:|re:']); // \\s: its non-ASCII members read as a space
    expect(any('ſmoke')).toEqual(['any:smoke']);
  });

  it('falls back (null) when a match can begin with almost anything or the syntax is not modelled', () => {
    expect(asciiPrefixes('.{0,8}smoke')).toBeNull(); // any character
    expect(asciiPrefixes('[^.!?]{1,40}\\bsmoke')).toBeNull(); // a negated class
    expect(asciiPrefixes('(\\w)\\1')).toBeNull(); // a back-reference is reached
    expect(asciiPrefixes('\\k<a>smoke')).toBeNull();
    expect(asciiPrefixes('(?i:smoke)')).toBeNull();
    expect(asciiPrefixes('\\p{L}+smoke')).toBeNull(); // \p{…} is read as any character
  });

  it('looks past lookarounds and an optional first item, and drops the empty match', () => {
    expect(keys('(?<!not\\s)(?=s)smoke')).toEqual(['any:smoke']);
    expect(keys('(?:a\\s)?fire')).toEqual(['any:a fire|fire']);
    expect(keys('x?')).toEqual(['any:x']); // the empty match is never a hit
  });

  it('never misses a start: every match of sample patterns begins with one of its keys', () => {
    const patterns = [
      "\\b(?:won['’]t|will\\s+not|does\\s+not)\\s+(?:start|boot)(?:\\s+up)?\\b",
      '\\b(?:i|we)\\s+ordered\\b[^.!?]{1,60}?\\b(?:and|but)\\s+got\\b',
      '\\b(?:second|third|\\d+(?:st|nd|rd|th))\\s+time\\b',
      '(?:^|\\n)\\s*>',
      '^\\s*(?:re|aw)\\s*:',
      '\\b(?:one|1)[- ]star\\b',
      '\\b\\d+x\\b.{0,40}\\b(?:or|unless)\\b',
      "\\bcut (?:his|her|my)(?: [a-z]+['’]s)? (?:hand|finger)s?\\b",
      'ſmoke|\\u212Aettle',
    ];
    const text =
      "RE: again\n> quoted\n  > more\nWe ordered a kettle and got a toaster. Won't  START up, will not boot. " +
      'The 3rd time, the 21st  time, third time. 1-star, ONE star. 10x the price or else. I cut my son’s hand. ' +
      'smoke SMOKE kettle KETTLE';
    for (const source of patterns) {
      const alts = asciiPrefixes(source)!;
      expect(alts).not.toBeNull();
      const all = alts.flatMap((a) => a.keys);
      for (const m of text.matchAll(new RegExp(source, 'giu'))) {
        if (!m[0].length) continue;
        const ok = all.some((k) => keyAt(text, m.index, k.length) === k);
        expect({ source, match: m[0], ok }).toEqual({ source, match: m[0], ok: true });
      }
    }
  });
});
