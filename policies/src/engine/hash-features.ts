/**
 * The run-time n-gram features: the same features as `textFeatures` (text-features.ts), as their
 * `hashString` values, computed incrementally from char codes without building n-gram strings.
 * Pure and browser-safe.
 */
import { asciiFeatureHashes } from './ascii-feature-hashes';
import { FNV_BASIS, FNV_PRIME, KEY, fnvStep as step, type HashSink } from './fnv';
import { CJK_RE, stem } from './text-features';

export type { HashSink } from './fnv';

/** FNV-1a of a feature's text (UTF-16 code units), cut to 30 bits: the key run-time features are looked up by. */
export function hashString(text: string): number {
  return step(FNV_BASIS, text) & KEY;
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
export const NOT_ONE_UNIT = 0xffff;
const foldTables = new WeakMap<ReadonlyMap<string, string>, Uint16Array>();

/**
 * The fold map as a table by UTF-16 unit: the unit it folds to, 0 for none, NOT_ONE_UNIT when the fold is
 * not one unit. Built once per map (a model's fold map does not change).
 */
export function foldTable(fold: ReadonlyMap<string, string>): Uint16Array {
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
