/**
 * The rule patterns indexed by the first characters their matches can begin with in ASCII text
 * (pattern-prefixes.ts): a trie over lower-cased characters, one for alternatives that can start
 * anywhere and one for those that start at a word start, plus the few that start only at the
 * beginning of the text. One pass over an ASCII text walks the tries at each position and tries only
 * the patterns whose keys the text begins with there (each with its own sticky `iuy` regex). This
 * replaces, for these patterns, the combined alternation tried at every word start, whose cost grew
 * with every pattern added. The hits are the same: a pattern matching at a position has a key there.
 */
import { anyTextKeys, asciiPrefixes, keyOf, type Prefixes } from './pattern-prefixes';
import type { PatternHit } from './compile-rules';
import { testAt, type IndexedPattern } from './han-pattern-index';

interface Entry extends IndexedPattern {
  /** The scan step that last tried this pattern (one pattern may be listed under several keys). */
  mark: number;
}

interface Node {
  here: Entry[] | null;
  next: (Node | undefined)[] | null;
}

export interface AsciiPatternIndex {
  any: (Node | undefined)[];
  word: (Node | undefined)[];
  start: Entry[];
  size: number;
}

/**
 * Splits `patterns` into those indexed (`anyText`: with keys that hold in any text, for
 * `scanAnyTextPatterns`), those that can never match ASCII text (`never`) and the rest
 * (the analysis cannot tell: left for the combined regex); `index` is null when none is indexed.
 */
export function indexAsciiPatterns<P extends IndexedPattern>(
  patterns: readonly P[],
  anyText = false,
  prefixes: (source: string, anyText: boolean) => Prefixes[] | null = directPrefixes,
): { index: AsciiPatternIndex | null; rest: P[]; never: P[] } {
  const index: AsciiPatternIndex = { any: slots(), word: slots(), start: [], size: 0 };
  const rest: P[] = [];
  const never: P[] = [];
  for (const p of patterns) {
    const alts = prefixes(p.sticky.source, anyText);
    if (!alts) rest.push(p);
    else if (!alts.length) never.push(p);
    else {
      const e: Entry = { rule: p.rule, sticky: p.sticky, mark: 0 };
      index.size++;
      for (const { keys, at } of alts) {
        if (at === 'start') index.start.push(e);
        else for (const k of keys) insert(at === 'word' ? index.word : index.any, k, e);
      }
    }
  }
  return { index: index.size ? index : null, rest, never };
}

/** The analysis as pattern-prefixes.ts makes it (the server may memoise it: `indexAsciiPatterns`' `prefixes`). */
export function directPrefixes(source: string, anyText: boolean): Prefixes[] | null {
  return asciiPrefixes(source, undefined, anyText);
}

/** One level of a trie: a slot per ASCII character (packed, so reads stay fast). */
const slots = (): (Node | undefined)[] => new Array<Node | undefined>(128).fill(undefined);

function insert(root: (Node | undefined)[], key: string, e: Entry): void {
  let level = root;
  for (let d = 0; ; d++) {
    const c = key.charCodeAt(d);
    const node = (level[c] ??= { here: null, next: null });
    if (d === key.length - 1) {
      if (!node.here?.includes(e)) (node.here ??= []).push(e);
      return;
    }
    level = node.next ??= slots();
  }
}

/** ASCII word characters (`\b` on ASCII text: digits, letters, `_`), and each character's key. */
const WORD = new Uint8Array(128);
const KEY = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  WORD[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;
  KEY[c] = keyOf(c);
}

let step = 0;

/** Every non-empty match of an indexed pattern in `text` (all ASCII), in start order. */
export function scanAsciiPatterns(index: AsciiPatternIndex, text: string, out: PatternHit[]): void {
  let prevWord = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = WORD[c];
    const k = KEY[c];
    const any = index.any[k];
    const word = w && !prevWord ? index.word[k] : undefined;
    prevWord = w;
    if (!any && !word && i > 0) continue;
    const mark = ++step;
    if (i === 0) for (const e of index.start) tryAt(e, mark, text, 0, out);
    if (any) walk(any, mark, text, i, out);
    if (word) walk(word, mark, text, i, out);
  }
}

function walk(node: Node | undefined, mark: number, text: string, i: number, out: PatternHit[]): void {
  for (let j = i + 1; node; j++) {
    if (node.here) for (const e of node.here) tryAt(e, mark, text, i, out);
    if (!node.next) return;
    // A run of whitespace or of digits is one key character (pattern-prefixes.ts).
    const run = KEY[text.charCodeAt(j - 1)];
    if (run === 32 || run === 48) while (KEY[text.charCodeAt(j)] === run) j++;
    if (j >= text.length) return;
    node = node.next[KEY[text.charCodeAt(j)]];
  }
}

function tryAt(e: Entry, mark: number, text: string, i: number, out: PatternHit[]): void {
  if (e.mark === mark) return;
  e.mark = mark;
  testAt(e, text, i, out);
}

/** Each UTF-16 unit's key for `scanAnyTextPatterns` (pattern-prefixes.ts `anyTextKeys`: 128 is no key). */
const KEY_ANY = anyTextKeys();

/**
 * Every non-empty match, in `text` (any characters), of the patterns of an index built with `anyText`:
 * the same walk as scanAsciiPatterns, reading every character through KEY_ANY.
 */
export function scanAnyTextPatterns(index: AsciiPatternIndex, text: string, out: PatternHit[]): void {
  let prevWord = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // "ſ" and the Kelvin sign are word characters to `\b` under `iu` (not under `i`): a word may
    // start at one, and one before a word does not rule out a start there.
    const w = c < 128 ? WORD[c] : c === 0x17f || c === 0x212a ? 1 : 0;
    const k = KEY_ANY[c];
    const any = k < 128 ? index.any[k] : undefined;
    const word = w && !prevWord ? index.word[k] : undefined;
    prevWord = c < 128 ? w : 0;
    if (!any && !word && i > 0) continue;
    const mark = ++step;
    if (i === 0) for (const e of index.start) tryAt(e, mark, text, 0, out);
    if (any) walkAnyText(any, mark, text, i, out);
    if (word) walkAnyText(word, mark, text, i, out);
  }
}

function walkAnyText(node: Node | undefined, mark: number, text: string, i: number, out: PatternHit[]): void {
  for (let j = i + 1; node; j++) {
    if (node.here) for (const e of node.here) tryAt(e, mark, text, i, out);
    if (!node.next) return;
    const run = KEY_ANY[text.charCodeAt(j - 1)];
    if (run === 32 || run === 48) while (j < text.length && KEY_ANY[text.charCodeAt(j)] === run) j++;
    if (j >= text.length) return;
    const k = KEY_ANY[text.charCodeAt(j)];
    node = k < 128 ? node.next[k] : undefined;
  }
}
