/**
 * The word n-gram hashes of ASCII text (hash-features.ts' `textFeatureHashes` for text without other
 * characters): the same tokens, stems and hashes, read from char codes without building strings.
 * Pure and browser-safe.
 */
import { FNV_PRIME, KEY, type HashSink } from './fnv';

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
let word = new Uint16Array(1024);
/** asciiFeatureHashesN: the key codes of a sentence's words, and per word its start, length and "y" flag. */
let buf = new Uint16Array(4096);
let spans = new Int32Array(1024);

/**
 * stem() (text-features.ts) on the key codes a[start, start + len): the stemmed length × 2, plus 1
 * when a "y" follows ("ies" → "y").
 */
export function stemmed(a: Uint16Array, start: number, len: number): number {
  if (len >= 2 && a[start + len - 2] === 39 && a[start + len - 1] === 115) len -= 2;
  if (len > 4) {
    const e = start + len;
    const c3 = a[e - 3];
    const c2 = a[e - 2];
    const c1 = a[e - 1];
    if (c3 === 105 && c2 === 101 && c1 === 115) return (len - 3) * 2 + 1;
    if (len > 5 && c3 === 105 && c2 === 110 && c1 === 103) len -= 3;
    else if (c2 === 101 && c1 === 100) len -= 2;
    else if (c2 === 101 && c1 === 115) len -= 2;
    else if (c1 === 115 && c2 !== 115) len -= 1;
  }
  return len * 2;
}

/** Adds the word 1..wordN-gram hashes of ASCII `text` to `out`, in the order textFeatures gives them. */
export function asciiFeatureHashes(text: string, wordN: number, out: HashSink, basis: number): void {
  if (wordN !== 2) {
    asciiFeatureHashesN(text, wordN, out, basis);
    return;
  }
  if (word.length < text.length) word = new Uint16Array(text.length * 2);
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
    const st = stemmed(w, 0, len);
    len = st >> 1;
    const y = (st & 1) === 1;
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

/** asciiFeatureHashes for any wordN: the words of a sentence are kept in `spans`/`buf`, then hashed. */
function asciiFeatureHashesN(text: string, wordN: number, out: HashSink, basis: number): void {
  if (buf.length < text.length + 8) buf = new Uint16Array(text.length * 2 + 8);
  if (spans.length < text.length + 8) spans = new Int32Array(text.length * 2 + 8);
  // No closure over n/top: they stay in registers in the per-character loop.
  let n = 0;
  let top = 0;
  let i = 0;
  let sawBreak = false;
  while (i < text.length) {
    const c = CLASS[text.charCodeAt(i)];
    if (c <= 0) {
      if (c === BREAK) sawBreak = true;
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
    for (; i < text.length; i++) {
      const d = CLASS[text.charCodeAt(i)];
      if (d > 0) buf[top++] = d;
      else if (d === APOSTROPHE) buf[top++] = 39;
      else break;
    }
    const st = stemmed(buf, start, top - start);
    spans[n * 3] = start;
    spans[n * 3 + 1] = st >> 1;
    spans[n * 3 + 2] = st & 1;
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

function hashCodes(h: number, word: number): number {
  const start = spans[word * 3];
  const end = start + spans[word * 3 + 1];
  for (let j = start; j < end; j++) h = Math.imul(h ^ buf[j], FNV_PRIME);
  return spans[word * 3 + 2] ? Math.imul(h ^ 121, FNV_PRIME) : h;
}
