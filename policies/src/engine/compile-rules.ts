/**
 * Compiles a policy's classification rules once (cached per policy object) into two scanners:
 * one regex for every literal phrase and `unless` phrase of every rule, mapped back to rules by
 * the matched text, and prefilter regexes over the patterns (as few as keep each under V8's
 * optimisation limit, pattern-groups.ts): where one matches, each of its patterns is re-tested
 * there with its own sticky regex (the exact flags `iu` semantics). Where pattern indexes are
 * registered (`usePatternIndexes`: the server does), the patterns they can place are looked for
 * only where a match can begin instead, and all-ASCII text has a faster path of its own
 * (compile-ascii-path.ts); the hits are the same.
 */
import type { CategoryId, SeverityId, SignalId } from '../ids';
import type { Policy } from '../types';
import { buildPhraseRegexes, isWordChar, matchesAsWritten, phraseKey, phraseSource } from './phrase-regex';
import { compileReplacer, inflectPhrase, isAscii, normalizeText, type Replacer } from './normalize-text';
import { compileCues, type CompiledCue } from './compile-cues';
import { normalizePattern } from './pattern-normalize';
import { packPatternGroups, type PatternGroup } from './pattern-groups';
import { sharedRegExp } from './shared-regex';
import { compiledRulesKey, rememberCompiledRules } from './remember-compiled-rules';
import { patternIndexesInUse, type PatternEntry, type PatternScan, type PhraseSpans } from './use-pattern-indexes';
import type { AsciiPath } from './compile-ascii-path';

// The registry's shapes and setter, where the engine's other files and the server import them from.
export type { CompiledCue } from './compile-cues';
export { usePatternIndexes } from './use-pattern-indexes';
export type { PatternEntry, PatternHit, PatternIndexes, PatternScan, PhraseSpans } from './use-pattern-indexes';

export interface CompiledRule {
  index: number;
  id: string;
  description: string | undefined;
  weight: number;
  sets: { category?: CategoryId; severity?: SeverityId; signals?: SignalId[] };
  /** `unlessScope: "ticket"`: an `unless` phrase in any field cancels the rule in every field. */
  unlessTicket: boolean;
}

export interface PhraseEntry {
  key: string;
  /** Rules this phrase triggers, and rules it cancels (`unless`). */
  triggers: number[];
  cancels: number[];
  /** Cue sets (indexes into `cues`) this phrase belongs to, and cue sets it voids (their `unless`). */
  cues: number[];
  voids: number[];
  /** Sticky regex that checks this phrase (with its boundaries) at a given index; built on first use. */
  sticky: RegExp | null;
  /** The key is checked as written instead (phrase-regex.ts `matchesAsWritten`): no regex to compile. */
  asWritten: boolean;
  /** Other entries whose key is a proper prefix of this one: they may match at the same start. */
  prefixes: PhraseEntry[];
}

export interface CompiledClassifier {
  rules: CompiledRule[];
  /**
   * Global regexes over all phrases (flags `giu`; split by first character, buildPhraseRegexes); only
   * over the phrases that are not all ASCII when `asciiView` is set.
   */
  phraseRes: RegExp[];
  /**
   * For text that is all ASCII: the same over the ASCII phrases (flags `gi`; compile-ascii-path.ts), or
   * `phraseRes` itself where no ASCII path is compiled.
   */
  asciiPhraseRes: RegExp[];
  /** For text that is not all ASCII: the view `asciiPhraseRes` then scan too (`PatternIndexes.asciiView`), or null. */
  asciiView: ((text: string) => string) | null;
  /** For text that is all ASCII: `asciiPhraseRes`' matches in one scan (`PatternIndexes.asciiPhrases`), or null. */
  asciiPhraseScan: ((text: string) => PhraseSpans) | null;
  /**
   * A field's phrase scan with the ASCII path (compile-ascii-path.ts: `asciiPhraseScan`, `asciiView`); null
   * without one, where scan-field.ts runs the phrase regexes one after another.
   */
  findPhrases: AsciiPath['findPhrases'] | null;
  byKey: Map<string, PhraseEntry>;
  /** byKey's entries in its order (`PhraseSpans.key` indexes them). */
  entries: PhraseEntry[];
  /**
   * Entries by the folded first character of their key, for the rare match whose text the
   * lower-case key cannot find (regex case folding maps e.g. "ſ" to "s"); bounds that work.
   */
  byFirstChar: Map<string, PhraseEntry[]>;
  /**
   * For text that is not all ASCII (and all text without an ASCII path): the scan of the Han-led patterns'
   * index (`usePatternIndexes`), and the others in groups, each with one global regex (flags `giu`) kept under
   * V8's optimisation limit (pattern-groups.ts; all patterns when none is indexed).
   */
  hanScan: PatternScan | null;
  patternGroups: PatternGroup[];
  patterns: PatternEntry[];
  /**
   * For text that is all ASCII (most English mail), where the ASCII path is compiled (compile-ascii-path.ts;
   * the server): the scan of the patterns indexed by where their matches can begin, and one prefilter regex
   * over the others (`asciiOtherPatterns`). `asciiPatterns`: every pattern that can match text without Han
   * characters (both kinds); null without an ASCII path (the sidebar), where `patternGroups` scan such text.
   */
  asciiScan: PatternScan | null;
  asciiPatternRe: RegExp | null;
  asciiOtherPatterns: PatternEntry[];
  asciiPatterns: PatternEntry[] | null;
  cues: CompiledCue[];
  /** For each rule, the cue sets that apply to it (by the signals it sets). */
  cuesByRule: number[][];
  replacer: Replacer | null;
}

const cache = new WeakMap<Policy, CompiledClassifier>();

/** No ASCII path compiled (no indexes registered: the sidebar): all-ASCII text is scanned like any other. */
function withoutAsciiPath(phraseRes: RegExp[]): Pick<CompiledClassifier, keyof AsciiPath> {
  const none = { asciiPhraseScan: null, asciiScan: null, asciiPatternRe: null, asciiPatterns: null, findPhrases: null };
  return { ...none, asciiPhraseRes: phraseRes, asciiOtherPatterns: [] };
}

/** The entry's sticky regex (flags `iuy`), compiled the first time it is needed. */
export function stickyOf(e: PhraseEntry): RegExp {
  return (e.sticky ??= sharedRegExp(phraseSource(e.key), 'iuy'));
}

const lexicons = new WeakMap<Policy, Policy['classification']>();

/**
 * Registers a widened copy of `policy.classification` (e.g. phrases in both Chinese scripts, made on
 * the server) that the matcher compiles instead; the policy document itself stays as written (it is
 * what is stored, hashed, diffed and served).
 */
export function useLexicon(policy: Policy, classification: Policy['classification']): void {
  lexicons.set(policy, classification);
  cache.delete(policy);
}

/** The classification the matcher compiles for `policy`: the widened copy registered by useLexicon, else the policy's own. */
export function lexiconOf(policy: Policy): Policy['classification'] {
  return lexicons.get(policy) ?? policy.classification;
}

/** The compiled form of `policy.classification` (built on first use, then reused). */
export function compileRules(policy: Policy): CompiledClassifier {
  let compiled = cache.get(policy);
  if (!compiled) {
    const cls = lexiconOf(policy);
    compiled = rememberCompiledRules(patternIndexesInUse(), compiledRulesKey(cls), () => build(cls));
    cache.set(policy, compiled);
  }
  return compiled;
}

function build(cls: Policy['classification']): CompiledClassifier {
  const indexes = patternIndexesInUse();
  const replacer = compileReplacer(cls.normalize?.replace ?? []);
  const norm = (text: string) => normalizeText(text, replacer).text;
  const byKey = new Map<string, PhraseEntry>();
  // A phrase is normalised like the text it is matched against (a Cantonese 咗 in a phrase
  // becomes the 了 the text will hold), else a phrase written in a replaced form never matches.
  const entry = (phrase: string): PhraseEntry | null => {
    const key = phraseKey(normalizeText(phrase, replacer).text);
    if (!key) return null;
    let e = byKey.get(key);
    if (!e) {
      e = { key, triggers: [], cancels: [], cues: [], voids: [], sticky: null, asWritten: matchesAsWritten(key), prefixes: [] };
      byKey.set(key, e);
    }
    return e;
  };
  const sources: string[] = [];
  const sourceRules: number[] = [];
  const rules: CompiledRule[] = cls.rules.map((r, index) => {
    for (const p of r.phrases ?? []) {
      for (const v of r.inflect && isWordChar(p[0] ?? '') ? inflectPhrase(phraseKey(p)) : [p]) {
        const e = entry(v);
        if (e && !e.triggers.includes(index)) e.triggers.push(index);
      }
    }
    for (const p of r.unless ?? []) {
      const e = entry(p);
      if (e && !e.cancels.includes(index)) e.cancels.push(index);
    }
    // Pattern literals are normalised like the text too (pattern-normalize.ts): one written form suffices.
    for (const source of r.patterns ?? []) {
      sources.push(source);
      sourceRules.push(index);
    }
    const unlessTicket = r.unlessScope === 'ticket';
    return { index, id: r.id, description: r.description, weight: r.weight ?? 1, sets: r.sets, unlessTicket };
  });
  const { cues, cuesByRule } = compileCues(cls, rules, entry, replacer);
  const entries = [...byKey.values()];
  const byFirstChar = new Map<string, PhraseEntry[]>();
  for (const e of entries) {
    const first = foldChar(e.key);
    const list = byFirstChar.get(first);
    if (list) list.push(e);
    else byFirstChar.set(first, [e]);
  }
  // Sorted keys make every prefix of a key appear before it, so one pass finds them all.
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].key.startsWith(sorted[i].key); j++) sorted[j].prefixes.push(sorted[i]);
  }
  // The patterns' normal forms and the indexes' analyses are pure functions of the sources and the replacements: the
  // server keeps them per policy (begin, end).
  const replace = cls.normalize?.replace ?? [];
  indexes?.begin?.(sources, replace);
  try {
    const patterns: PatternEntry[] = sources.map((source, i) => {
      const src = indexes?.normalized ? indexes.normalized(source, norm) : normalizePattern(source, norm);
      const plain = indexes?.plain(src) ?? null;
      return { rule: sourceRules[i], sticky: plain === null ? sharedRegExp(src, 'iuy') : sharedRegExp(plain, 'iy') };
    });
    const han = indexes?.han(patterns) ?? { scan: null, rest: patterns };
    const keys = [...byKey.keys()];
    const ascii = indexes?.asciiPath?.(patterns, keys) ?? null;
    const asciiView = (ascii && indexes?.asciiView?.(keys.filter(isAscii))) ?? null;
    const phraseRes = buildPhraseRegexes(asciiView ? keys.filter((k) => !isAscii(k)) : keys, 'giu');
    return {
      rules,
      phraseRes,
      ...(ascii ?? withoutAsciiPath(phraseRes)),
      asciiView,
      byKey,
      entries,
      byFirstChar,
      hanScan: han.scan,
      patternGroups: packPatternGroups(han.rest),
      patterns,
      cues,
      cuesByRule,
      replacer,
    };
  } finally {
    indexes?.end?.();
  }
}

/** The first code point of `text`, case-folded the way `iu` regexes compare it. */
export function foldChar(text: string): string {
  const cp = text.codePointAt(0);
  if (cp === undefined) return '';
  return String.fromCodePoint(cp).toUpperCase().toLowerCase();
}
