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
import type { CompiledClassifier } from './compile-rules';
import type { PatternEntry, PatternIndexes, PatternScan, PhraseSpans } from './use-pattern-indexes';
import { asciiPrefilterSource, combineForAscii, startsWithHan } from './pattern-source';
import { buildPhraseRegexes } from './phrase-regex';
import { entryAt, phraseAt, scanPhrases, type Hit } from './scan-field';
import type { CueHit } from './void-cues';

/** The compiled classifier's fields for all-ASCII text (compile-rules.ts `CompiledClassifier`). */
export interface AsciiPath {
  asciiPhraseRes: RegExp[];
  asciiPhraseScan: ((text: string) => PhraseSpans) | null;
  asciiScan: PatternScan | null;
  asciiPatternRe: RegExp | null;
  asciiOtherPatterns: PatternEntry[];
  asciiPatterns: PatternEntry[];
  findPhrases: typeof findPhrases;
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
    findPhrases,
  };
}

/**
 * A field's phrase hits (scan-field.ts) with the ASCII path: all-ASCII text through the ASCII phrase scan where
 * the server registered one, other text also through its ASCII view (`asciiView`), else regex by regex. Returns
 * how many regex scans that stands for (cue hits are put back in text order after more than one).
 */
function findPhrases(
  c: CompiledClassifier,
  text: string,
  ascii: boolean,
  out: Hit[],
  cancelled: Map<number, Hit>,
  cueHits: CueHit[],
  voidHits: CueHit[],
): number {
  const phraseRes = ascii ? c.asciiPhraseRes : c.phraseRes;
  // All-ASCII text: the phrase regexes' matches from one scan, taken regex by regex.
  const spans = ascii && c.asciiPhraseScan ? c.asciiPhraseScan(text) : null;
  if (spans) {
    // A scan that names each match's key spares making phraseKey's string to look its entry up.
    const keys = spans.key;
    for (let r = 0; r < phraseRes.length; r++)
      for (let k = 0; k < spans.count; k++)
        if (spans.regex[k] === r) {
          const matched = text.slice(spans.start[k], spans.end[k]);
          if (keys) entryAt(c.entries[keys[k]], spans.start[k], matched, text, out, cancelled, cueHits, voidHits);
          else phraseAt(c, spans.start[k], matched, text, out, cancelled, cueHits, voidHits);
        }
  } else for (const re of phraseRes) scanPhrases(c, re, text, text, out, cancelled, cueHits, voidHits);
  // The ASCII phrases of other text on its ASCII view: after the others, so that a hit found by both
  // (an ASCII prefix of a longer phrase) comes second; dropCovered drops it, and cue order is kept.
  const view = !ascii && c.asciiView ? c.asciiView(text) : null;
  if (view) for (const re of c.asciiPhraseRes) scanPhrases(c, re, view, text, out, cancelled, cueHits, voidHits);
  return view ? c.asciiPhraseRes.length + phraseRes.length : phraseRes.length;
}
