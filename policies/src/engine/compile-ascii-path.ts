/**
 * The rule compiler's fast path for text that is all ASCII (most English mail), compiled where pattern indexes
 * are registered (`PatternIndexes.asciiPath`: the server, CLI and bench, policies/server/pattern-indexes.ts):
 * phrase regexes over the ASCII keys without the `u` flag (V8 runs them faster), the ASCII phrase scan, the ASCII
 * pattern index, and one prefilter over the patterns that index cannot place, again without `u` where that
 * means the same. None of it changes a hit: on ASCII text only ASCII keys can match (keys are NFKC-normalised),
 * `i` with and without `u` agree, and Han-led patterns never match. So the sidebar, which classifies one ticket
 * when the connector is unreachable, scans ASCII text like any other (`phraseRes`, `patternGroups`) and its
 * bundle carries none of this (test/unit/apps/sidebar-bundle-contents.test.ts).
 */
import type { PatternEntry, PatternIndexes, PatternScan, PhraseSpans } from './use-pattern-indexes';
import { asciiPrefilterSource, combineForAscii, startsWithHan } from './pattern-source';
import { buildPhraseRegexes } from './phrase-regex';

/** The compiled classifier's fields for all-ASCII text (compile-rules.ts `CompiledClassifier`). */
export interface AsciiPath {
  asciiPhraseRes: RegExp[];
  asciiPhraseScan: ((text: string) => PhraseSpans) | null;
  asciiScan: PatternScan | null;
  asciiPatternRe: RegExp | null;
  asciiOtherPatterns: PatternEntry[];
  asciiPatterns: PatternEntry[];
}

/** The ASCII path of a policy's `patterns` and phrase `keys`, with the indexes `indexes` registers. */
export function compileAsciiPath(indexes: PatternIndexes, patterns: readonly PatternEntry[], keys: string[]): AsciiPath {
  const latin = patterns.filter((p) => !startsWithHan(p.sticky.source));
  const ascii = indexes.ascii(latin);
  const firstChars: string[][] = [];
  const asciiPhraseRes = buildPhraseRegexes(keys, 'gi', true, undefined, firstChars);
  return {
    asciiPhraseRes,
    asciiPhraseScan: indexes.asciiPhrases?.(keys, asciiPhraseRes, firstChars) ?? null,
    asciiScan: ascii.scan,
    asciiPatternRe: combineForAscii(asciiPrefilterSource(ascii.rest.map((p) => p.sticky.source))),
    asciiOtherPatterns: ascii.rest,
    asciiPatterns: latin.filter((p) => !ascii.never.includes(p)),
  };
}
