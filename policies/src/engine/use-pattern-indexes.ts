/**
 * The pattern-index registry of the rule compiler (compile-rules.ts): the shapes a pattern index works on
 * (PatternEntry, PatternHit, PatternScan, PhraseSpans) and the builders the server registers
 * (policies/server/pattern-indexes.ts), the fast path for all-ASCII text among them. The sidebar registers none
 * and keeps the combined prefilters.
 */
import type { AsciiPath } from './compile-ascii-path';

export interface PatternEntry {
  rule: number;
  /** Flags `iuy`, or `iy` with the pattern's form that means the same without `u` (`PatternIndexes.plain`). */
  sticky: RegExp;
}

export interface PatternHit {
  rule: number;
  start: number;
  end: number;
  text: string;
}

/** Appends every non-empty match of the patterns an index holds, in `text`, to `out`. */
export type PatternScan = (text: string, out: PatternHit[]) => void;

/**
 * Builders of pattern indexes. `han`: the patterns every match of which begins with a Han character,
 * for text that is not all ASCII (han-pattern-index.ts); `ascii`: the patterns placed by the first
 * characters their matches can begin with in ASCII text, and those that can never match it
 * (ascii-pattern-index.ts). `rest`: the patterns left to the combined prefilter regexes.
 */
export interface PatternIndexes {
  /**
   * Called before a policy's patterns are normalised and analysed, with their sources as written in policy order and
   * the replacements they are normalised with, and `end` after (also when the compile throws): the normal forms and
   * the analyses are pure functions of those, so they may be kept.
   */
  begin?(sources: readonly string[], replace: readonly (readonly [string, string])[]): void;
  end?(): void;
  /** A source normalised like the text (pattern-normalize.ts `normalizePattern(source, norm)`). */
  normalized?(source: string, norm: (text: string) => string): string;
  han(patterns: readonly PatternEntry[]): { scan: PatternScan | null; rest: PatternEntry[] };
  ascii(patterns: readonly PatternEntry[]): { scan: PatternScan | null; rest: PatternEntry[]; never: PatternEntry[] };
  /** The form of a pattern (normalised source) that matches the same without `u`, or null: compiled so (less machine code). */
  plain(source: string): string | null;
  /**
   * The fast path for text that is all ASCII (compile-ascii-path.ts `compileAsciiPath`), which `ascii` and
   * `asciiPhrases` serve. Absent: such text is scanned like any other (`phraseRes`, `patternGroups`), the same hits.
   */
  asciiPath?(patterns: readonly PatternEntry[], keys: string[]): AsciiPath;
  /**
   * With `asciiPath`, given the ASCII phrase keys: a same-length ASCII view of text that is not all ASCII on which the ASCII
   * phrase regexes match exactly where the `giu` ones match the text (policies/server/ascii-view.ts), or
   * null. With it, the `giu` phrase regexes hold only the other keys (less machine code for two-byte text).
   */
  asciiView?(asciiKeys: string[]): ((text: string) => string) | null;
  /**
   * One scan of all-ASCII text finding what the ASCII phrase regexes find (policies/server/ascii-phrase-trie.ts), or
   * null. `firstChars`: the first characters of each regex's keys (buildPhraseRegexes' `firstChars`).
   */
  asciiPhrases?(keys: string[], asciiPhraseRes: RegExp[], firstChars?: string[][]): ((text: string) => PhraseSpans) | null;
}

/**
 * The phrase regexes' matches in a text: start, end and which regex, in text order; `count` of them. `key`,
 * when given, is each match's key as an index into the keys the scan was built from (`asciiPhrases`' `keys`,
 * which are byKey's): the key phraseKey(matched text) gives, so the caller need not make that string.
 */
export type PhraseSpans = { start: Int32Array; end: Int32Array; regex: Int8Array; key?: Int32Array; count: number };

let indexes: PatternIndexes | null = null;

/**
 * Registers the pattern indexes for every policy compiled from now on (policies/server/pattern-indexes.ts
 * does, for the server, CLI and bench). Without them every pattern goes through the combined prefilter
 * regexes: the same hits, slower on long text, and the analysis stays out of the sidebar bundle.
 */
export function usePatternIndexes(i: PatternIndexes | null): void {
  indexes = i;
}

/** The pattern indexes registered for the policies compiled from now on, or null (usePatternIndexes). */
export function patternIndexesInUse(): PatternIndexes | null {
  return indexes;
}
