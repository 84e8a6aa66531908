/**
 * Regex-source helpers for the rule compiler's pattern prefilters: dropping `\b` assertions (a
 * sound widening), splitting a source at its top-level alternatives, telling whether every match
 * must begin with a Han character (so ASCII-only text can skip the pattern), and combining the
 * patterns into one prefilter regex. Pure; no policy knowledge.
 */
import { sharedRegExp } from './shared-regex';

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

/**
 * The ASCII-text prefilter's source. The patterns that begin with `\b` (and have no top-level `|`,
 * which would leave the other alternatives unanchored) share one leading `\b(?:…|…)`: on ASCII text
 * `\b` means the same with or without `u` and with `i`, so it stays exact, and one assertion up front
 * lets the regex reject most positions at once instead of trying every alternative. The other
 * patterns follow as they are; every other `\b` is dropped (a sound widening).
 */
export function asciiPrefilterSource(sources: readonly string[]): string {
  const lead: string[] = [];
  const rest: string[] = [];
  for (const s of sources) {
    if (sharesLeadingBoundary(s)) lead.push(`(?:${withoutWordBoundaries(s.slice(2))})`);
    else rest.push(`(?:${withoutWordBoundaries(s)})`);
  }
  return (lead.length ? [`\\b(?:${lead.join('|')})`, ...rest] : rest).join('|');
}

/** Whether the prefilter writes this pattern under the shared leading `\\b`: it opens with one and has no top-level `|`. */
export function sharesLeadingBoundary(source: string): boolean {
  return source.startsWith('\\b') && alternatives(source).length === 1;
}

const HAN_CHAR = /^\p{Script=Han}$/u;

/** Splits a regex source at its top-level `|` (outside groups and classes). */
export function alternatives(source: string): string[] {
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
export function closing(source: string, i: number): number {
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
export function combineForAscii(source: string): RegExp | null {
  if (!source) return null;
  if (!NEEDS_UNICODE.test(source)) {
    try {
      return sharedRegExp(source, 'gi');
    } catch {
      // Not valid without `u` (e.g. an escape only Unicode mode accepts): use the exact form.
    }
  }
  return combine(source);
}

/**
 * Patterns that cannot share one regex (e.g. the same named group twice) are scanned one by one.
 * `unicode` false: every part means the same without `u` (`sameWithoutUnicode`).
 */
export function combine(source: string, unicode = true): RegExp | null {
  if (!source) return null;
  try {
    return sharedRegExp(source, unicode ? 'giu' : 'gi');
  } catch {
    return null;
  }
}
