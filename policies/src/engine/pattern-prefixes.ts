/**
 * Compile-time analysis of a rule pattern's source (flags `iu`) for text that is all ASCII: the
 * character sequences ("keys") a non-empty match can begin with, per top-level alternative, and where
 * the alternative can start: anywhere, only at a word start (it opens with `\b` and a word character),
 * or only at the start of the text (`^`). Keys are read through `keyOf` (lower case, one key for all
 * digits and one for all whitespace, a run of either is one character; "ſ" and the Kelvin sign fold to
 * s and k, and no other non-ASCII character matches ASCII text under `iu`). A key grows character by
 * character while it has few continuations, so a literal word is its own key and `[^.]{0,30}` ends
 * one; a match shorter than a key is listed whole. Lookarounds and inner `\b` are skipped (a sound
 * widening). The scan (ascii-pattern-index.ts) tries a pattern only where the text begins with one
 * of its keys. A pattern that can begin with almost any character (`.`, `[^.]`, `\w`, more than
 * MAX_KEYS first characters) or uses what the parser does not model (a back-reference, `(?i:)`) gives
 * null: it stays in the combined prefilter regex. `anyText`: the keys hold for text with any characters
 * (a pattern whose match can begin with or grow through a non-ASCII character other than white space
 * gets shorter keys or null). Pure.
 */
import { parsePattern, Unknown, type Item, type Ranges } from './pattern-parse';

export interface Prefixes {
  keys: string[];
  at: 'any' | 'word' | 'start';
}

/** At most this many keys per alternative. */
export const MAX_KEYS = 64;
/** Keys grow one character at a time while a key has at most BRANCH continuations, up to MAX_DEPTH. */
const BRANCH = 4;
const MAX_DEPTH = 10;
const MAX_WORK = 1024;

class TooMany extends Error {}

/**
 * Per top-level alternative, the keys and the anchor; [] when no match can lie in ASCII text (every
 * match needs, e.g., a Han character); null when the analysis cannot tell.
 */
export function asciiPrefixes(source: string, maxKeys = MAX_KEYS, anyText = false): Prefixes[] | null {
  try {
    const out: Prefixes[] = [];
    for (const seq of parsePattern(source)) {
      const keys = keysOf(seq, maxKeys, anyText);
      if (!keys) return null;
      if (!keys.length) {
        if (anyText) return null;
        continue;
      }
      const first = seq[0]?.assert;
      const at = first === '^' ? 'start' : first === '\\b' && keys.every((k) => WORD_KEY.test(k[0])) ? 'word' : 'any';
      out.push({ keys, at });
    }
    return out;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

const WORD_KEY = /[0-9a-z_]/;
/** Keys of which a run reads as one (whitespace, digits). */
const RUN = /^[ 0]$/;

/**
 * The keys of one alternative: its possible first characters, each grown by the next character while
 * that adds at most BRANCH keys (a literal word grows to its end; a key where a match may end, or that
 * anything may follow, stays; one that nothing in ASCII text can follow goes). Every non-empty match
 * begins with one of them. Null: too many at depth 1.
 */
function keysOf(seq: Item[], maxKeys: number, anyText: boolean): string[] | null {
  let keys: string[];
  try {
    keys = [...sequence(seq, 1, anyText)].filter((k) => k.length > 0);
  } catch (e) {
    if (e instanceof TooMany) return null;
    throw e;
  }
  if (keys.length > maxKeys) return null;
  for (let d = 1; d < MAX_DEPTH && keys.some((k) => k.length === d); d++) {
    let next: Set<string>;
    try {
      next = sequence(seq, d + 1, anyText);
    } catch (e) {
      if (e instanceof TooMany) break;
      throw e;
    }
    const children = new Map<string, string[]>();
    for (const s of next) {
      if (s.length <= d) continue;
      const list = children.get(s.slice(0, d));
      if (list) list.push(s);
      else children.set(s.slice(0, d), [s]);
    }
    const grown = keys.flatMap((k) => {
      const c = children.get(k);
      if (k.length < d || next.has(k)) return [k];
      if (!c) return []; // no match goes on from here (e.g. only a Han character could follow)
      return c.length > BRANCH ? [k] : c;
    });
    if (grown.length > maxKeys) break;
    keys = grown;
  }
  return keys.sort();
}

/**
 * Strings of at most `r` keys: a string of length `r` is the start of a longer or equal match; a
 * shorter one is a whole match (so one item of a sequence ended there and the next continues it).
 */
function alternation(alts: Item[][], r: number, anyText: boolean): Set<string> {
  const out = new Set<string>();
  for (const seq of alts) for (const s of sequence(seq, r, anyText)) add(out, s);
  return out;
}

function sequence(seq: Item[], r: number, anyText: boolean): Set<string> {
  let cur = new Set<string>(['']);
  const done = new Set<string>();
  for (const item of seq) {
    if (item.assert) continue;
    if (item.unknown) throw new Unknown();
    if (!cur.size) break;
    const next = new Set<string>();
    for (const s of concat(cur, repeated(item, r, anyText), r)) add(s.length === r ? done : next, s);
    cur = next;
  }
  for (const s of cur) add(done, s);
  return done;
}

/** The strings of `item` with its repetition bounds (more than `r` repetitions add nothing). */
function repeated(item: Item, r: number, anyText: boolean): Set<string> {
  const base = item.set ? keyChars(item.set, anyText) : alternation(item.group!, r, anyText);
  const out = new Set<string>(item.min === 0 ? [''] : []);
  let acc = new Set<string>(['']);
  for (let k = 1; k <= Math.min(item.max, r); k++) {
    acc = concat(acc, base, r);
    if (k >= Math.min(item.min, r)) for (const s of acc) add(out, s);
  }
  return out;
}

/** Each string of `heads` that is shorter than `r`, continued by each of `tails` (cut at `r`). */
function concat(heads: Set<string>, tails: Set<string>, r: number): Set<string> {
  const out = new Set<string>();
  for (const h of heads) {
    if (h.length === r) add(out, h);
    else
      for (const t of tails) add(out, (RUN.test(h[h.length - 1] ?? '') && h[h.length - 1] === t[0] ? h + t.slice(1) : h + t).slice(0, r));
  }
  return out;
}

function add(set: Set<string>, s: string): void {
  set.add(s);
  if (set.size > MAX_WORK) throw new TooMany();
}

/**
 * The key of an ASCII character: letters lower-cased, every digit "0", every whitespace character a
 * space; a run of whitespace is one space in a key (fewer keys for `\d+` and `\s+`; the scan reads
 * the text the same way).
 */
export function keyOf(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  return (c >= 9 && c <= 13) || c === 32 ? 32 : c;
}

/**
 * Non-ASCII characters a key character may stand for in any text (`anyText`): white space (key " "),
 * "ſ" and the Kelvin sign (keys s and k). The scan of non-ASCII text reads them so
 * (ascii-pattern-index.ts `scanAnyTextPatterns`) and every other non-ASCII character as no key.
 */
const KEYED_NON_ASCII: Ranges = [
  [0xa0, 0xa0],
  [0x17f, 0x17f],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x212a, 0x212a],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

/**
 * The key of every UTF-16 unit for the any-text scan (ascii-pattern-index.ts `scanAnyTextPatterns`), by
 * code unit: `keyOf` for ASCII, " " for the white space of KEYED_NON_ASCII, s and k for "ſ" and the Kelvin
 * sign, and 128 (no key: no trie level has a slot for it) for every other non-ASCII unit.
 */
export function anyTextKeys(): Uint8Array {
  const keys = new Uint8Array(0x10000).fill(128);
  for (let c = 0; c < 0x80; c++) keys[c] = keyOf(c);
  for (const [a, b] of KEYED_NON_ASCII) keys.fill(32, a, b + 1);
  keys[0x17f] = 0x73;
  keys[0x212a] = 0x6b;
  return keys;
}

/**
 * The keys a character of `set` can match in ASCII text under `iu`, as one-character strings. `anyText`:
 * for text that may hold any character, a set that matches some other non-ASCII character (a Han
 * character, `[^.]`) has no keys that cover it: TooMany (no keys at depth 1, else the keys stop growing).
 */
function keyChars(set: Ranges, anyText = false): Set<string> {
  const out = new Set<string>();
  for (const [lo, hi] of set) {
    if (anyText && hi >= 0x80 && !KEYED_NON_ASCII.some(([a, b]) => Math.max(lo, 0x80) >= a && hi <= b)) throw new TooMany();
    for (let cp = lo; cp <= Math.min(hi, 0x7f); cp++) out.add(String.fromCharCode(keyOf(cp)));
    if (lo <= 0x17f && hi >= 0x17f) out.add('s');
    if (lo <= 0x212a && hi >= 0x212a) out.add('k');
  }
  return out;
}
