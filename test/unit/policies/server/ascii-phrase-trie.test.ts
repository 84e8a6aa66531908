/**
 * One walk of the packed phrase trie must find, on all-ASCII text, exactly what the ASCII phrase regexes'
 * scans find (every position, each regex's match there), grouped by regex in text order; and scanField must
 * give the same result with it as with the regexes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildAsciiPhraseTrie, scanAsciiPhrases } from '../../../../policies/server/ascii-phrase-trie';
import { patternIndexes } from '../../../../policies/server/pattern-indexes';
import { buildPhraseRegexes, phraseKey } from '../../../../policies/src/engine/phrase-regex';
import { compileRules, usePatternIndexes } from '../../../../policies/src/engine/compile-rules';
import { scanField } from '../../../../policies/src/engine/scan-field';
import { parsePolicy } from '../../../../policies/src/validate-policy';

const root = path.resolve(__dirname, '../../../..');

/** What scanField's regex loop sees: per regex, each match (start, length) from every position. */
function viaRegexes(res: RegExp[], text: string): string[] {
  const out: string[] = [];
  res.forEach((re, r) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      out.push(`${r}:${m.index}:${m[0].length}`);
      re.lastIndex = m.index + 1;
    }
  });
  return out;
}

/** The trie is built once per key list and regexes (as compileRules does), not once per text. */
const tries = new WeakMap<string[], WeakMap<RegExp[], ReturnType<typeof buildAsciiPhraseTrie>>>();
function trieOf(keys: string[], res: RegExp[]) {
  const byRes = tries.get(keys) ?? new WeakMap();
  tries.set(keys, byRes);
  if (!byRes.has(res)) byRes.set(res, buildAsciiPhraseTrie(keys, res));
  return byRes.get(res);
}

function viaTrie(keys: string[], res: RegExp[], text: string): string[] {
  const trie = trieOf(keys, res);
  if (!trie) throw new Error('no trie');
  const s = scanAsciiPhrases(trie, text);
  const out: string[] = [];
  for (let r = 0; r < res.length; r++)
    for (let k = 0; k < s.count; k++) if (s.regex[k] === r) out.push(`${r}:${s.start[k]}:${s.end[k] - s.start[k]}`);
  return out;
}

describe('buildAsciiPhraseTrie / scanAsciiPhrases', () => {
  const keys = [
    'smoke',
    'smoke alarm',
    'smoked',
    'no smoke',
    'not',
    'not working',
    "can't",
    'can',
    'cannot',
    '$',
    '$ 100',
    '-',
    '--',
    'a',
    'a b c',
    'r2d2',
    '9 times',
    '_x',
    'café', // not ASCII: only in the Unicode regexes, never found here
    '冒烟',
  ];
  const texts = [
    '',
    'a',
    'Smoke ALARM went off; smoked, smokes, smokealarm, no   smoke, no\t\nsmoke, nosmoke',
    "I can't, I CANNOT, I can not; not working?not\u000bworking",
    '$100 and $ 100 and $\t100 --- - a b c a  b   c ab c',
    'xsmoke _smoke 9smoke smoke_ r2d2r2d2 9 times 99 times 9times _x __x x_x',
    'trailing space smoke ',
    'smoke alar',
    'no ',
  ];

  it('finds what every regex finds, regex by regex, in text order (also when the keys are split over several regexes)', () => {
    for (const maxSource of [Infinity, 200, 60]) {
      const res = buildPhraseRegexes(keys, 'gi', true, maxSource);
      if (maxSource === 60) expect(res.length).toBeGreaterThanOrEqual(3);
      for (const text of texts) expect({ text, got: viaTrie(keys, res, text) }).toEqual({ text, got: viaRegexes(res, text) });
    }
    expect(viaRegexes(buildPhraseRegexes(keys, 'gi', true), texts[2]).length).toBeGreaterThan(8);
  });

  it("names each match's key (its index in the keys), the key phraseKey of the matched text gives", () => {
    const res = buildPhraseRegexes(keys, 'gi', true, 60);
    const trie = trieOf(keys, res);
    if (!trie) throw new Error('no trie');
    let named = 0;
    for (const text of texts) {
      const s = scanAsciiPhrases(trie, text);
      expect(s.key).toBeInstanceOf(Int32Array);
      for (let k = 0; k < s.count; k++) {
        expect({ text, at: s.start[k], key: keys[s.key![k]] }).toEqual({
          text,
          at: s.start[k],
          key: phraseKey(text.slice(s.start[k], s.end[k])),
        });
        named++;
      }
    }
    expect(named).toBeGreaterThan(20);
  });

  it('stands down for keys the walk cannot read as the regexes do', () => {
    const res = buildPhraseRegexes(['Smoke'], 'gi', true);
    expect(buildAsciiPhraseTrie(['Smoke'], res)).toBeNull();
    // Regexes that are not the keys' own: the first character is found by none of them.
    expect(buildAsciiPhraseTrie(['smoke'], buildPhraseRegexes(['fire'], 'gi', true))).toBeNull();
  });

  it('the default policy: same matches as the regexes on real complaints, and scanField unchanged', () => {
    const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
    if (!parsed.ok) throw new Error('policy');
    const withTrie = compileRules(parsed.policy);
    expect(withTrie.asciiPhraseScan).not.toBeNull();
    const lines = fs
      .readFileSync(path.join(root, 'policies/training/train.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { subject?: string; description?: string });
    const ascii = lines
      .flatMap((t) => [t.subject ?? '', t.description ?? ''])
      .filter((t) => /^[\x00-\x7f]*$/.test(t))
      .filter((_, i) => i % 200 === 0);
    expect(ascii.length).toBeGreaterThan(50);
    const keys = [...withTrie.byKey.keys()];
    let found = 0;
    for (const text of ascii) {
      const lower = text.toLowerCase();
      const want = viaRegexes(withTrie.asciiPhraseRes, lower);
      expect(viaTrie(keys, withTrie.asciiPhraseRes, lower)).toEqual(want);
      expect(viaTrie(keys, withTrie.asciiPhraseRes, text)).toEqual(viaRegexes(withTrie.asciiPhraseRes, text));
      found += want.length;
    }
    expect(found).toBeGreaterThan(100);
    // The same policy compiled without the trie: scanField's hits, cues and retractions are the same.
    const again = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
    if (!again.ok) throw new Error('policy');
    usePatternIndexes({ ...patternIndexes, asciiPhrases: undefined });
    try {
      const withoutTrie = compileRules(again.policy);
      expect(withoutTrie.asciiPhraseScan).toBeNull();
      for (const text of ascii) expect(scanField(withTrie, text)).toEqual(scanField(withoutTrie, text));
      // Keys named by the walk: the entries scanField takes are the ones phraseKey would have looked up.
      for (const text of ascii) {
        const s = withTrie.asciiPhraseScan!(text);
        for (let k = 0; k < s.count; k++)
          expect(withTrie.entries[s.key![k]]).toBe(withTrie.byKey.get(phraseKey(text.slice(s.start[k], s.end[k]))));
      }
    } finally {
      usePatternIndexes(patternIndexes);
    }
  });
});
