/**
 * The run-time n-gram features: the same features as `textFeatures` (text-features.ts), as their
 * `hashString` values, computed incrementally from char codes without building n-gram strings.
 * Pure and browser-safe.
 */
import { CJK_RE, stem } from './text-features';

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function step(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Keys stay small integers (30 bits) so maps and sets of them allocate nothing. */
const KEY = 0x3fffffff;

/** FNV-1a of a feature's text (UTF-16 code units), cut to 30 bits: the key run-time features are looked up by. */
export function hashString(text: string): number {
  return step(FNV_BASIS, text) & KEY;
}

/** Where feature hashes go: a Set<number>, or the allocation-free FeatureSet (feature-set.ts). */
export interface HashSink {
  add(h: number): unknown;
}

const DIGITS = /[0-9]/g;
const TOKEN_RE = /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
/** The FNV state after `prefix`: hashing a gram from it gives hashString(prefix + gram). */
export function prefixBasis(prefix: string): number {
  return step(FNV_BASIS, prefix);
}

/**
 * Adds the hash of every feature `textFeatures` would give to `out` (in the order it finds them).
 * `basis` (prefixBasis(p)) gives the hashes of the features with the prefix p (`s:` for the subject's).
 */
export function textFeatureHashes(
  text: string,
  fold: Map<string, string>,
  charN: number,
  wordN: number,
  out: HashSink,
  basis = FNV_BASIS,
): void {
  if (ASCII_RE.test(text)) {
    asciiFeatureHashes(text, wordN, out, basis);
    return;
  }
  let words: string[] = [];
  const flush = () => {
    for (let i = 0; i < words.length; i++) {
      let h = step(basis, words[i]);
      out.add(h & KEY);
      for (let n = 2; n <= wordN && i + n <= words.length; n++) {
        h = step(Math.imul(h ^ 32, FNV_PRIME), words[i + n - 1]);
        out.add(h & KEY);
      }
    }
    words = [];
  };
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  const table = foldTable(fold);
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const tok = m[0];
    if (m.index > lastEnd && hasBreak(text, lastEnd, m.index)) flush();
    lastEnd = m.index + tok.length;
    if (CJK_RE.test(tok[0])) {
      flush();
      if (hanHashes(tok, table, basis, charN, out)) continue;
      const chars: string[] = [];
      for (const ch of tok) chars.push(fold.get(ch) ?? ch);
      for (let i = 0; i < chars.length; i++) {
        let h = basis;
        for (let n = 1; n <= charN && i + n <= chars.length; n++) {
          h = step(h, chars[i + n - 1]);
          out.add(h & KEY);
        }
      }
    } else {
      words.push(stem(tok.toLowerCase().replace(DIGITS, '0').replace(/[’]/g, "'")));
    }
  }
  flush();
}

/** Whether text[from, to) holds sentence punctuation (one of . ! ? ; 。 ！ ？ ； or a newline): it breaks word n-grams. */
function hasBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b)
      return true;
  }
  return false;
}

/** In a fold table: this char folds to something that is not one UTF-16 unit (hanHashes leaves the run to the string path). */
const NOT_ONE_UNIT = 0xffff;
const foldTables = new WeakMap<Map<string, string>, Uint16Array>();

/**
 * The fold map as a table by UTF-16 unit: the unit it folds to, 0 for none, NOT_ONE_UNIT when the fold is
 * not one unit. Built once per map (a model's fold map does not change).
 */
function foldTable(fold: Map<string, string>): Uint16Array {
  let t = foldTables.get(fold);
  if (!t) {
    t = new Uint16Array(0x10000);
    for (const [from, to] of fold) {
      if (from.length !== 1) continue; // a surrogate pair: runs with one take the string path
      t[from.charCodeAt(0)] = to.length === 1 && to.charCodeAt(0) !== 0 ? to.charCodeAt(0) : NOT_ONE_UNIT;
    }
    foldTables.set(fold, t);
  }
  return t;
}

let han = new Int32Array(1024);

/**
 * The character n-gram hashes of a Han run from char codes: the same hashes, in the same order, as
 * folding each char and hashing the strings. False (nothing added) when the run has a surrogate or a
 * char whose fold is not one unit: the caller takes the string path then.
 */
function hanHashes(tok: string, table: Uint16Array, basis: number, charN: number, out: HashSink): boolean {
  const n = tok.length;
  if (han.length < n) han = new Int32Array(n * 2);
  const codes = han;
  for (let i = 0; i < n; i++) {
    const c = tok.charCodeAt(i);
    const f = table[c];
    if ((c >= 0xd800 && c <= 0xdfff) || f === NOT_ONE_UNIT) return false;
    codes[i] = f === 0 ? c : f;
  }
  for (let i = 0; i < n; i++) {
    let h = basis;
    for (let k = 0; k < charN && i + k < n; k++) {
      h = Math.imul(h ^ codes[i + k], FNV_PRIME);
      out.add(h & KEY);
    }
  }
  return true;
}

const ASCII_RE = /^[\x00-\x7f]*$/;
let buf = new Uint16Array(4096);
let spans = new Int32Array(1024);

/** textFeatureHashes for ASCII text: the same tokens, stems and hashes from char codes, no strings. */
function asciiFeatureHashes(text: string, wordN: number, out: HashSink, basis: number): void {
  if (wordN !== 2) {
    asciiFeatureHashesN(text, wordN, out, basis);
    return;
  }
  if (word.length < text.length) word = new Int32Array(text.length * 2);
  // Word uni- and bigrams in one pass: each word is read once, hashed from the basis (its unigram)
  // and on from the previous word's unigram state (the bigram), and the two are added as the word
  // ends — bigram first, then unigram, which is the order emitWords gives (uni 0, bi 0-1, uni 1, …).
  const w = word;
  let prev = 0; // the previous word's unigram state (before the 30-bit cut)
  let hasPrev = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = CLASS[text.charCodeAt(i)];
    if (c <= 0) {
      if (c === BREAK) hasPrev = false;
      i++;
      continue;
    }
    w[0] = c;
    let len = 1;
    for (i++; i < n; i++) {
      const d = CLASS[text.charCodeAt(i)];
      if (d > 0) w[len++] = d;
      else if (d === APOSTROPHE) w[len++] = 39;
      else break;
    }
    // stem(): the same rules as the string version
    let y = false;
    if (len >= 2 && w[len - 2] === 39 && w[len - 1] === 115) len -= 2;
    if (len > 4) {
      const c3 = w[len - 3];
      const c2 = w[len - 2];
      const c1 = w[len - 1];
      if (c3 === 105 && c2 === 101 && c1 === 115) {
        len -= 3;
        y = true;
      } else if (len > 5 && c3 === 105 && c2 === 110 && c1 === 103) len -= 3;
      else if (c2 === 101 && c1 === 100) len -= 2;
      else if (c2 === 101 && c1 === 115) len -= 2;
      else if (c1 === 115 && c2 !== 115) len -= 1;
    }
    let u = basis;
    if (hasPrev) {
      let b = Math.imul(prev ^ 32, FNV_PRIME);
      for (let j = 0; j < len; j++) {
        const k = w[j];
        u = Math.imul(u ^ k, FNV_PRIME);
        b = Math.imul(b ^ k, FNV_PRIME);
      }
      if (y) {
        u = Math.imul(u ^ 121, FNV_PRIME);
        b = Math.imul(b ^ 121, FNV_PRIME);
      }
      out.add(b & KEY);
    } else {
      for (let j = 0; j < len; j++) u = Math.imul(u ^ w[j], FNV_PRIME);
      if (y) u = Math.imul(u ^ 121, FNV_PRIME);
    }
    out.add(u & KEY);
    prev = u;
    hasPrev = true;
  }
}

/** Per ASCII code: a word character's key code (lower case, digits as "0"), APOSTROPHE, BREAK or 0. */
const APOSTROPHE = -1;
const BREAK = -2;
const CLASS = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 97 && c <= 122) CLASS[c] = c;
  else if (c >= 65 && c <= 90) CLASS[c] = c + 32;
  else if (c >= 48 && c <= 57) CLASS[c] = 48;
  else if (c === 39) CLASS[c] = APOSTROPHE;
  else if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) CLASS[c] = BREAK;
}
/** The current word's key codes (reused). */
let word = new Int32Array(1024);

/** asciiFeatureHashes for any wordN: the words of a sentence are kept in `spans`/`buf`, then hashed. */
function asciiFeatureHashesN(text: string, wordN: number, out: HashSink, basis: number): void {
  if (buf.length < text.length + 8) buf = new Uint16Array(text.length * 2 + 8);
  if (spans.length < text.length + 8) spans = new Int32Array(text.length * 2 + 8);
  // spans holds, per word: start in buf, length, and whether a "y" follows (ies → y).
  // No closure over n/top: they stay in registers in the per-character loop.
  let n = 0;
  let top = 0;
  let i = 0;
  let sawBreak = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isAlnum(c)) {
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) sawBreak = true;
      i++;
      continue;
    }
    if (sawBreak) {
      emitWords(n, wordN, out, basis);
      n = 0;
      top = 0;
      sawBreak = false;
    }
    const start = top;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (isAlnum(d)) buf[top++] = d >= 65 && d <= 90 ? d + 32 : d >= 48 && d <= 57 ? 48 : d;
      else if (d === 39) buf[top++] = 39;
      else break;
      i++;
    }
    let len = top - start;
    let y = 0;
    // stem(): the same rules as the string version
    if (len >= 2 && buf[start + len - 2] === 39 && buf[start + len - 1] === 115) len -= 2;
    if (len > 4) {
      const e = start + len;
      if (buf[e - 3] === 105 && buf[e - 2] === 101 && buf[e - 1] === 115) {
        len -= 3;
        y = 1;
      } else if (len > 5 && buf[e - 3] === 105 && buf[e - 2] === 110 && buf[e - 1] === 103) len -= 3;
      else if (buf[e - 2] === 101 && buf[e - 1] === 100) len -= 2;
      else if (buf[e - 2] === 101 && buf[e - 1] === 115) len -= 2;
      else if (buf[e - 1] === 115 && buf[e - 2] !== 115) len -= 1;
    }
    spans[n * 3] = start;
    spans[n * 3 + 1] = len;
    spans[n * 3 + 2] = y;
    n++;
  }
  emitWords(n, wordN, out, basis);
}

/** The word 1..wordN-gram hashes of the n words in `spans`/`buf`. */
function emitWords(n: number, wordN: number, out: HashSink, basis: number): void {
  for (let i = 0; i < n; i++) {
    let h = hashCodes(basis, i);
    out.add(h & KEY);
    for (let k = 2; k <= wordN && i + k <= n; k++) {
      h = hashCodes(Math.imul(h ^ 32, FNV_PRIME), i + k - 1);
      out.add(h & KEY);
    }
  }
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function hashCodes(h: number, word: number): number {
  const start = spans[word * 3];
  const end = start + spans[word * 3 + 1];
  for (let j = start; j < end; j++) h = Math.imul(h ^ buf[j], FNV_PRIME);
  return spans[word * 3 + 2] ? Math.imul(h ^ 121, FNV_PRIME) : h;
}
