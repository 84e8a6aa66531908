/**
 * Building the ASCII phrase trie must not run the phrase regexes: running one is what makes V8 compile it, and a
 * process that classifies only English text (whose phrases the trie finds) never needs them compiled. The regex of
 * each first character comes from buildPhraseRegexes' packing (`firstChars`), and the trie is the same as the one
 * built by running every regex on every key's first character (about 0.15 s of the default policy's compile).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildAsciiPhraseTrie } from '../../../../policies/server/ascii-phrase-trie';
import { buildPhraseRegexes } from '../../../../policies/src/engine/phrase-regex';
import { parsePolicy } from '../../../../policies/src/validate-policy';
import { compileRules } from '../../../../policies/src/engine/compile-rules';
import '../../../../policies/server/pattern-indexes';

const root = path.resolve(__dirname, '../../../..');
const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
if (!parsed.ok) throw new Error('default policy invalid');
const keys = [...compileRules(parsed.policy).byKey.keys()];

/** The regexes as compileRules builds them, with their first characters, and the same regexes that refuse to run. */
function build(maxSource: number) {
  const firstChars: string[][] = [];
  const res = buildPhraseRegexes(keys, 'gi', true, maxSource, firstChars);
  const refusing = res.map((re) => {
    const copy = new RegExp(re.source, re.flags);
    copy.exec = () => {
      throw new Error(`ran /${re.source.slice(0, 20)}…/`);
    };
    return copy;
  });
  return { res, firstChars, refusing };
}

it.each([18_000, 4_000, 600])('builds the trie without running a regex, the same as by running them (max source %i)', (max) => {
  const { res, firstChars, refusing } = build(max);
  expect(res.length).toBeGreaterThan(max < 18_000 ? 2 : 0);
  const fast = buildAsciiPhraseTrie(keys, refusing, firstChars);
  const ran = buildAsciiPhraseTrie(keys, res);
  expect(fast).not.toBeNull();
  expect(fast).toEqual(ran);
});

it('a first character listed for no regex, or for two, gives no trie (as running the regexes would)', () => {
  const { res, firstChars } = build(4_000);
  const [first, second] = [firstChars[0], firstChars[1]];
  expect(buildAsciiPhraseTrie(keys, res, [first.slice(1), ...firstChars.slice(1)])).toBeNull();
  expect(buildAsciiPhraseTrie(keys, res, [first, [...second, first[0]], ...firstChars.slice(2)])).toBeNull();
});
