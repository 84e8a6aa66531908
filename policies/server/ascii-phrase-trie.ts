/**
 * The ASCII phrase regexes (phrase-regex.ts `buildPhraseRegexes(keys, 'gi', true)`) as one walk of a
 * packed trie over ASCII text: at each position, what each regex's `exec` returns there. A regex is
 * a trie of lower-case keys, tried from a position where a word-led key may start (`(?<![a-z0-9_])`);
 * a key's space matches a run of white space (`\s+`), a letter either case, anything else itself. At
 * most one child of a trie node can read the next character (keys have no white space but single
 * spaces, and no upper case), so the regex's match is the path the text follows, cut back to the
 * deepest end of a key on it: that is what the walk finds. One pass instead of one per regex; the
 * matches are handed back grouped by regex, each group in text order, so the caller sees them in the
 * order the regexes gave them. Server side (pattern-indexes.ts registers it).
 */
import type { PhraseSpans } from '../src/engine/compile-rules';
import { childOf, packEdges, type PackedEdges } from '../src/engine/packed-edges';
import { isWordChar } from '../src/engine/phrase-regex';

/** Node n's children by character in `edges` (packed-edges.ts); node 1 is the root, whose children are `root`. */
export interface AsciiPhraseTrie extends PackedEdges {
  /** Whether a key ends at node n. */
  ends: Uint8Array;
  /** The key that ends at node n, as its index in the `keys` the trie was built from (-1: none). */
  keyAt: Int32Array;
  /** First-level node by (lower-case) first character. */
  root: Int32Array;
  /** Whether a key beginning with this character is word-led (needs no word character before it). */
  wordLed: Uint8Array;
  /** The regex (index into the list the trie replaces) that holds keys beginning with this character. */
  regexOf: Int8Array;
  regexCount: number;
}

const ASCII = /^[\x00-\x7f]*$/;
/** `\s` without `u`, on ASCII text. */
const SPACE = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) SPACE[c] = 1;
/** `[a-z0-9_]` under `i`. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /[a-z0-9_]/i.test(String.fromCharCode(c)) ? 1 : 0;
/** Each character as `i` compares it (A-Z read as a-z). */
const FOLD = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/**
 * The trie for `keys` (every phrase key; the ASCII ones are those `regexes` hold), or null when it
 * cannot stand for the regexes: a key with a character other than a lower-case-stable ASCII one or a
 * single inner space, or a first character no regex (or more than one) finds at the start of its key.
 */
export function buildAsciiPhraseTrie(
  keys: readonly string[],
  regexes: readonly RegExp[],
  firstChars?: readonly (readonly string[])[],
): AsciiPhraseTrie | null {
  if (regexes.length > 127) return null;
  // Which regex holds the keys with a first character: as buildPhraseRegexes packed them (no regex is run, so none
  // is compiled before a text needs it), or else the regexes that match a key at its start.
  const holder = firstChars?.length === regexes.length ? holderOf(firstChars) : null;
  const ascii = keys.flatMap((key, index) => (key && ASCII.test(key) ? [{ key, index }] : []));
  const children: Map<number, number>[] = [new Map(), new Map()];
  const ends: number[] = [0, 0];
  const keyAt: number[] = [-1, -1];
  const regexOf = new Int8Array(128).fill(-1);
  const wordLed = new Uint8Array(128);
  for (const { key, index } of ascii) {
    if (key !== key.toLowerCase() || /\s\s|^\s|\s$|[\t\n\v\f\r]/.test(key)) return null;
    const first = key.charCodeAt(0);
    if (regexOf[first] < 0) {
      const found = holder ? regexes.map((_, r) => holder.get(key[0]) === r) : regexes.map((re) => firstMatchAt0(re, key));
      if (found.filter((f) => f).length !== 1) return null;
      regexOf[first] = found.indexOf(true);
      wordLed[first] = isWordChar(key[0]) ? 1 : 0;
    }
    let n = 1;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let next = children[n].get(c);
      if (next === undefined) {
        next = children.length;
        children[n].set(c, next);
        children.push(new Map());
        ends.push(0);
        keyAt.push(-1);
      }
      n = next;
    }
    ends[n] = 1;
    keyAt[n] = index;
  }
  // Node 1 is the root; its children become `root`.
  const { edges, edgeFrom } = packEdges(children.length, (n) => (n >= 2 ? [...children[n]].sort((a, b) => a[0] - b[0]) : []));
  const root = new Int32Array(128);
  for (const [c, child] of children[1]) root[c] = child;
  return {
    edges,
    edgeFrom,
    ends: Uint8Array.from(ends),
    keyAt: Int32Array.from(keyAt),
    root,
    wordLed,
    regexOf,
    regexCount: regexes.length,
  };
}

/** The regex (index) of each first character; a character listed for two regexes is held by neither (-1). */
function holderOf(firstChars: readonly (readonly string[])[]): Map<string, number> {
  const out = new Map<string, number>();
  firstChars.forEach((chars, r) => chars.forEach((c) => out.set(c, out.has(c) ? -1 : r)));
  return out;
}

/** Whether `re` (global) matches `key` at 0 (its keys' first characters are the ones it can start with). */
function firstMatchAt0(re: RegExp, key: string): boolean {
  re.lastIndex = 0;
  const m = re.exec(key);
  re.lastIndex = 0;
  return m !== null && m.index === 0;
}

/** The matches of one scan (scratch, reused: classification is synchronous). */
const matches: Required<PhraseSpans> = {
  start: new Int32Array(64),
  end: new Int32Array(64),
  regex: new Int8Array(64),
  key: new Int32Array(64),
  count: 0,
};

/**
 * Every match the regexes' scans find in `text` (all ASCII), in text order, each with its key (valid until
 * the next call). A match is its key's path, white space runs read as the key's single spaces and upper
 * case as lower case, so phraseKey of the matched text is that key.
 */
export function scanAsciiPhrases(t: AsciiPhraseTrie, text: string): PhraseSpans {
  const out = matches;
  out.count = 0;
  const n = text.length;
  const { edges, edgeFrom, ends, root } = t;
  let prevWord = 0;
  for (let i = 0; i < n; i++) {
    const c = FOLD[text.charCodeAt(i)];
    const w = prevWord;
    prevWord = WORD[c];
    let node = root[c];
    if (node === 0 || (w && t.wordLed[c])) continue;
    let end = ends[node] ? i + 1 : -1;
    let at = node;
    for (let j = i + 1; j < n;) {
      let k = FOLD[text.charCodeAt(j)];
      if (SPACE[k]) {
        k = 32;
        while (j + 1 < n && SPACE[text.charCodeAt(j + 1)]) j++;
      }
      const child = childOf(edges, edgeFrom, node, k);
      if (child === 0) break;
      node = child;
      j++;
      if (ends[node]) {
        end = j;
        at = node;
      }
    }
    if (end < 0) continue;
    if (out.count === out.start.length) grow(out);
    out.start[out.count] = i;
    out.end[out.count] = end;
    out.key[out.count] = t.keyAt[at];
    out.regex[out.count++] = t.regexOf[c];
  }
  return out;
}

function grow(m: Required<PhraseSpans>): void {
  const size = m.start.length * 2;
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const regex = new Int8Array(size);
  const key = new Int32Array(size);
  start.set(m.start);
  end.set(m.end);
  regex.set(m.regex);
  key.set(m.key);
  m.start = start;
  m.end = end;
  m.regex = regex;
  m.key = key;
}
