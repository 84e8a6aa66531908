/**
 * Builds one regular expression that finds every literal phrase of a policy in a single scan.
 * Phrases are folded into a trie so the alternation shares prefixes (`smok(?:ing|e)`), longer
 * continuations are tried first (leftmost-longest at each position), whitespace inside a phrase
 * matches any run of whitespace, and Latin-script sides get whole-word boundaries while CJK
 * sides match as substrings (CJK text has no spaces between words).
 */

import { sharedRegExp } from './shared-regex';

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Bopomofo}';
/** A character that continues a word: letter, digit, mark or `_`, but not a CJK ideograph/kana. */
const WORD_CHAR = `(?![${CJK}])[\\p{L}\\p{N}\\p{M}_]`;
export const WORD_BEFORE = `(?<!${WORD_CHAR})`;
export const WORD_AFTER = `(?!${WORD_CHAR})`;
const WORD_CHAR_RE = new RegExp(`^${WORD_CHAR}$`, 'u');

/** True when `ch` (one code point) takes part in whole-word boundaries. */
export function isWordChar(ch: string): boolean {
  return WORD_CHAR_RE.test(ch);
}

/**
 * True when the key's sticky regex (`phraseSource`, flags `iu`) matches, at a code point, exactly where
 * the text holds the key itself followed by a word boundary (`endsAtBoundary`): no white space (a run of
 * it matches), no character with case (no other character folds to one without), no boundary before it.
 */
export function matchesAsWritten(key: string): boolean {
  return (
    !isWordChar(String.fromCodePoint(key.codePointAt(0)!)) && !/\s/u.test(key) && key.toLowerCase() === key && key.toUpperCase() === key
  );
}

/** Canonical lookup key of a phrase or of matched text: lower-case, whitespace runs → one space. */
export function phraseKey(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function escapeChar(ch: string): string {
  if (ch === ' ') return '\\s+';
  return ch.replace(SYNTAX, '\\$&');
}

/** True unless the key ends in a word character and the text continues with one at `end`. */
export function endsAtBoundary(key: string, text: string, end: number): boolean {
  if (end >= text.length) return true;
  const last = String.fromCodePoint(key.codePointAt(key.length - 1 - (isLowSurrogate(key.charCodeAt(key.length - 1)) ? 1 : 0))!);
  if (!isWordChar(last)) return true;
  return !isWordChar(String.fromCodePoint(text.codePointAt(end)!));
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Regex source for one phrase key (used for verification and by the per-rule baseline). */
export function phraseSource(key: string): string {
  const chars = Array.from(key);
  const head = isWordChar(chars[0]) ? WORD_BEFORE : '';
  const tail = isWordChar(chars[chars.length - 1]) ? WORD_AFTER : '';
  return head + chars.map(escapeChar).join('') + tail;
}

const ASCII_KEY = /^[\x00-\x7f]*$/;
/** WORD_BEFORE as it reads on ASCII text (the only word characters there are letters, digits and `_`). */
const ASCII_WORD_BEFORE = '(?<![a-z0-9_])';

/**
 * V8 stops optimising a regular expression whose source is longer than 20 KB
 * (`kRegExpTooLargeToOptimize`): past it, the one-scan phrase regex of the default policy ran about a
 * third slower. The keys are therefore split by first character into as few regexes as keep each
 * source under `maxSource`. At any position only the regex holding keys with that first character
 * can match, so the hits are the same as with one regex.
 */
export const MAX_SOURCE = 18_000;

/**
 * The phrase regexes (flags `flags`). `asciiOnly`: the regexes for text that is all ASCII (flags `gi`,
 * no `u`): only keys that are all ASCII can match such text (keys are NFKC-normalised, so none holds "ſ"
 * or the Kelvin sign, the only non-ASCII letters that case-fold to ASCII), the word check needs no
 * Unicode classes, and V8 runs them faster.
 */
export function buildPhraseRegexes(
  keys: Iterable<string>,
  flags: string,
  asciiOnly = false,
  maxSource = MAX_SOURCE,
  /** When given, receives each regex's keys' first characters, in the regexes' order. */
  firstChars?: string[][],
): RegExp[] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    if (!key || (asciiOnly && !ASCII_KEY.test(key))) continue;
    const first = String.fromCodePoint(key.codePointAt(0)!);
    const g = groups.get(first);
    if (g) g.push(key);
    else groups.set(first, [key]);
  }
  // Pack the groups first-fit, largest first, by the exact size their run's source will have: groups
  // share no first character, so a run's source is its word-start groups' tries in one `(?:…|…)` after
  // one look-behind, then `|` and the other groups' tries in another (see buildPhraseSource). A group
  // opens a new run only when it fits in none, so no two runs would fit in one. Halve a run only if its
  // real source is still too large (a single group is kept whatever its size). Each regex is one more
  // scan of the text.
  const out: RegExp[] = [];
  const emitRun = (run: string[][]) => {
    const src = buildPhraseSource(run.flat(), asciiOnly);
    if (!src) return;
    if (src.length <= maxSource || run.length === 1) {
      out.push(sharedRegExp(src, flags));
      firstChars?.push(run.map((g) => String.fromCodePoint(g[0].codePointAt(0)!)));
    } else {
      emitRun(run.slice(0, run.length >> 1));
      emitRun(run.slice(run.length >> 1));
    }
  };
  const before = (asciiOnly ? ASCII_WORD_BEFORE : WORD_BEFORE).length;
  // A part of n tries whose own sources sum to `sum`: one `(?:` `)` wrapper and n − 1 bars when n > 1.
  const part = (sum: number, n: number, head: number) => (n === 0 ? 0 : head + sum + (n > 1 ? 4 + n - 1 : 0));
  interface Run {
    groups: string[][];
    word: [sum: number, n: number];
    other: [sum: number, n: number];
  }
  const size = (r: Run) => {
    const w = part(r.word[0], r.word[1], before);
    const o = part(r.other[0], r.other[1], 0);
    return w + o + (w && o ? 1 : 0);
  };
  const sized = [...groups.values()].map((g) => {
    const word = isWordChar(String.fromCodePoint(g[0].codePointAt(0)!));
    const own = maxSource === Infinity ? 0 : (buildPhraseSource(g, asciiOnly)?.length ?? 0) - (word ? before : 0);
    return { g, word, own };
  });
  sized.sort((a, b) => b.own - a.own);
  const runs: Run[] = [];
  for (const { g, word, own } of sized) {
    const add = (r: Run): Run => ({
      groups: [...r.groups, g],
      word: word ? [r.word[0] + own, r.word[1] + 1] : r.word,
      other: word ? r.other : [r.other[0] + own, r.other[1] + 1],
    });
    const i = runs.findIndex((r) => size(add(r)) <= maxSource);
    if (i >= 0) runs[i] = add(runs[i]);
    else runs.push(add({ groups: [], word: [0, 0], other: [0, 0] }));
  }
  for (const run of runs) emitRun(run.groups);
  return out;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

function node(): TrieNode {
  return { children: new Map(), end: false };
}

function emit(n: TrieNode): string {
  const alts: string[] = [];
  // Longer continuations first, so each position yields its longest phrase. The end-of-word
  // check is left to the caller (one class instead of one per phrase keeps the regex small
  // and quick to compile); shorter phrases at the same start are re-checked as prefixes.
  for (const [ch, child] of n.children) alts.push(escapeChar(ch) + emit(child));
  if (n.end) alts.push('');
  if (alts.length === 1) return alts[0];
  return `(?:${alts.join('|')})`;
}

/**
 * One source for all keys: `(?<!w)(?:latin trie)|(?:other trie)`; null when there are none.
 * It finds the longest key starting at each position WITHOUT the end-of-word check: callers
 * apply `endsAtBoundary` and re-check shorter keys at the same start. `asciiOnly`: the keys are
 * all ASCII (buildPhraseRegexes filtered them) and the source is for ASCII text.
 */
function buildPhraseSource(keys: Iterable<string>, asciiOnly: boolean): string | null {
  const latin = node();
  const other = node();
  let any = false;
  for (const key of keys) {
    const chars = Array.from(key);
    if (chars.length === 0) continue;
    any = true;
    let n = isWordChar(chars[0]) ? latin : other;
    for (const ch of chars) {
      let next = n.children.get(ch);
      if (!next) n.children.set(ch, (next = node()));
      n = next;
    }
    n.end = true;
  }
  if (!any) return null;
  const parts: string[] = [];
  if (latin.children.size) parts.push(`${asciiOnly ? ASCII_WORD_BEFORE : WORD_BEFORE}${emit(latin)}`);
  if (other.children.size) parts.push(emit(other));
  return parts.join('|');
}
