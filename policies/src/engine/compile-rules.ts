/**
 * Compiles a policy's classification rules once (cached per policy object) into two scanners:
 * one regex for every literal phrase and `unless` phrase of every rule, mapped back to rules by
 * the matched text, and one prefilter regex for every pattern: where it matches, each pattern
 * is re-tested there with its own sticky regex (the exact flags `iu` semantics).
 */
import type { CategoryId, SeverityId, SignalId } from '../ids';
import type { Policy } from '../types';
import { buildAsciiPhraseRegex, buildPhraseSource, isWordChar, phraseKey, phraseSource } from './phrase-regex';
import { compileReplacer, inflectPhrase, type Replacer } from './normalize-text';

export interface CompiledRule {
  index: number;
  id: string;
  description: string | undefined;
  weight: number;
  sets: { category?: CategoryId; severity?: SeverityId; signals?: SignalId[] };
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
  /** Other entries whose key is a proper prefix of this one: they may match at the same start. */
  prefixes: PhraseEntry[];
}

export interface CompiledCue {
  id: string;
  position: 'before' | 'after' | 'covering' | 'ticket';
  windowChars: number;
}

export interface PatternEntry {
  rule: number;
  sticky: RegExp;
}

export interface CompiledClassifier {
  rules: CompiledRule[];
  /** Global regex over all phrases (flags `giu`), or null if the policy has none. */
  phraseRe: RegExp | null;
  /** The same over the ASCII phrases, for text that is all ASCII (flags `gi`; phrase-regex.ts). */
  asciiPhraseRe: RegExp | null;
  byKey: Map<string, PhraseEntry>;
  /**
   * Entries by the folded first character of their key, for the rare match whose text the
   * lower-case key cannot find (regex case folding maps e.g. "ſ" to "s"); bounds that work.
   */
  byFirstChar: Map<string, PhraseEntry[]>;
  /** Global regex over all patterns (flags `giu`); null if there are none or they cannot be combined. */
  patternRe: RegExp | null;
  patterns: PatternEntry[];
  /** The patterns that can match text without Han characters, for ASCII-only text (most English mail). */
  asciiPatternRe: RegExp | null;
  asciiPatterns: PatternEntry[];
  cues: CompiledCue[];
  /** For each rule, the cue sets that apply to it (by the signals it sets). */
  cuesByRule: number[][];
  replacer: Replacer | null;
}

const cache = new WeakMap<Policy, CompiledClassifier>();

/** The entry's sticky regex (flags `iuy`), compiled the first time it is needed. */
export function stickyOf(e: PhraseEntry): RegExp {
  return (e.sticky ??= new RegExp(phraseSource(e.key), 'iuy'));
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

/** The compiled form of `policy.classification` (built on first use, then reused). */
export function compileRules(policy: Policy): CompiledClassifier {
  let compiled = cache.get(policy);
  if (!compiled) {
    compiled = build(policy);
    cache.set(policy, compiled);
  }
  return compiled;
}

function build(policy: Policy): CompiledClassifier {
  const cls = lexicons.get(policy) ?? policy.classification;
  const byKey = new Map<string, PhraseEntry>();
  const entry = (phrase: string): PhraseEntry | null => {
    const key = phraseKey(phrase.normalize('NFKC'));
    if (!key) return null;
    let e = byKey.get(key);
    if (!e) {
      e = { key, triggers: [], cancels: [], cues: [], voids: [], sticky: null, prefixes: [] };
      byKey.set(key, e);
    }
    return e;
  };
  const patterns: PatternEntry[] = [];
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
    for (const source of r.patterns ?? []) patterns.push({ rule: index, sticky: new RegExp(source, 'iuy') });
    return { index, id: r.id, description: r.description, weight: r.weight ?? 1, sets: r.sets };
  });
  const cueSets = cls.cues ?? [];
  const cues: CompiledCue[] = cueSets.map((cs, ci) => {
    for (const p of cs.phrases) {
      const e = entry(p);
      if (e && !e.cues.includes(ci)) e.cues.push(ci);
    }
    for (const p of cs.unless ?? []) {
      const e = entry(p);
      if (e && !e.voids.includes(ci)) e.voids.push(ci);
    }
    return { id: cs.id, position: cs.position, windowChars: cs.windowChars ?? 24 };
  });
  const governs = (cs: (typeof cueSets)[number], r: CompiledRule) =>
    cs.signals.some((s) => r.sets.signals?.includes(s)) && (!cs.rules || cs.rules.includes(r.id));
  const cuesByRule = rules.map((r) => cueSets.flatMap((cs, ci) => (governs(cs, r) ? [ci] : [])));
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
  const phraseSrc = buildPhraseSource(byKey.keys());
  const patternSrc = patterns.map((p) => `(?:${withoutWordBoundaries(p.sticky.source)})`).join('|');
  const asciiPatterns = patterns.filter((p) => !startsWithHan(p.sticky.source));
  const asciiSrc = asciiPatterns.map((p) => `(?:${withoutWordBoundaries(p.sticky.source)})`).join('|');
  return {
    rules,
    phraseRe: phraseSrc ? new RegExp(phraseSrc, 'giu') : null,
    asciiPhraseRe: buildAsciiPhraseRegex(byKey.keys()),
    byKey,
    byFirstChar,
    patternRe: combine(patternSrc),
    patterns,
    asciiPatternRe: combineForAscii(asciiSrc),
    asciiPatterns,
    cues,
    cuesByRule,
    replacer: compileReplacer(cls.normalize?.replace ?? []),
  };
}

/** The first code point of `text`, case-folded the way `iu` regexes compare it. */
export function foldChar(text: string): string {
  const cp = text.codePointAt(0);
  if (cp === undefined) return '';
  return String.fromCodePoint(cp).toUpperCase().toLowerCase();
}

/**
 * The source with every `\b` outside a character class removed. Dropping an assertion only
 * widens what a pattern accepts, so the result matches at least wherever the original does:
 * a sound prefilter. (With flags `iu`, V8 evaluates `\b` slowly at every position.)
 */
export function withoutWordBoundaries(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!(next === 'b' && !inClass)) out += ch + next;
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return out;
}

const HAN_CHAR = /^\p{Script=Han}$/u;

/** Splits a regex source at its top-level `|` (outside groups and classes). */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0,
    inClass = false,
    from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** The end index of the group or class opening at `i`, or -1. */
function closing(source: string, i: number): number {
  let depth = 0,
    inClass = false;
  for (let j = i; j < source.length; j++) {
    const ch = source[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (depth === 0) return j;
      }
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return j;
  }
  return -1;
}

/**
 * True when every match of the pattern must begin with a Han character (so it can never match
 * ASCII-only text): each top-level alternative starts with a Han literal, a class of Han characters
 * only, or a non-optional group whose alternatives all do. Conservative: unsure means false.
 */
export function startsWithHan(source: string): boolean {
  return alternatives(source).every((alt) => {
    const first = String.fromCodePoint(alt.codePointAt(0) ?? 32);
    if (HAN_CHAR.test(first)) return !/^[?*]|^\{0/.test(alt.slice(first.length));
    const end = alt[0] === '[' || alt[0] === '(' ? closing(alt, 0) : -1;
    if (end < 0 || /^[?*]|^\{0/.test(alt.slice(end + 1))) return false;
    if (alt[0] === '[') return alt[1] !== '^' && Array.from(alt.slice(1, end)).every((ch) => HAN_CHAR.test(ch));
    const inner = alt.slice(alt.startsWith('(?:') ? 3 : 1, end);
    return !alt.startsWith('(?') || alt.startsWith('(?:') ? startsWithHan(inner) : false;
  });
}

/** Escapes whose meaning needs the `u` flag (without it `\\p{L}` is "p{L}" and `\\u{41}` is 41 u's). */
const NEEDS_UNICODE = /\\[pPk]|\\u\{|[\ud800-\udfff]/;

/**
 * The ASCII-text prefilter, compiled without the `u` flag when its source means the same without it:
 * on text that is all ASCII, case-insensitive matching with and without `u` agree (they differ only for
 * non-ASCII letters such as "ſ" and the Kelvin sign), and V8 runs the non-Unicode form about a quarter
 * faster. Each pattern is still re-tested with its own `iuy` regex, so this only decides where to look.
 */
function combineForAscii(source: string): RegExp | null {
  if (!source) return null;
  if (!NEEDS_UNICODE.test(source)) {
    try {
      return new RegExp(source, 'gi');
    } catch {
      // Not valid without `u` (e.g. an escape only Unicode mode accepts): use the exact form.
    }
  }
  return combine(source);
}

/** Patterns that cannot share one regex (e.g. the same named group twice) are scanned one by one. */
function combine(source: string): RegExp | null {
  if (!source) return null;
  try {
    return new RegExp(source, 'giu');
  } catch {
    return null;
  }
}
