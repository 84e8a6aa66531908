/**
 * An all-ASCII view of a text that is not all ASCII, for the ASCII phrase regexes (compile-rules.ts
 * `PatternIndexes.asciiView`). Each UTF-16 unit keeps its index; what an ASCII key's regex can see of a
 * character is kept, the rest dropped:
 * - ASCII stays as it is;
 * - white space (`\s`) becomes " " (a key's space is `\s+`, which matches both);
 * - "ſ" and the Kelvin sign become "s" and "k" (the only other characters `iu` folds to ASCII letters);
 * - another character that continues a word (phrase-regex.ts `isWordChar`: letter, digit, mark, not CJK)
 *   becomes "_": a word character for the look-before `(?<![a-z0-9_])`, as it is for `WORD_BEFORE`;
 * - anything else (Han, kana, punctuation, lone surrogates) becomes U+0000.
 * A surrogate pair is classed as its code point, at the trail's index (what a look-before reads), with
 * U+0000 at the lead's. So where no ASCII key holds "_" or U+0000, an ASCII key's `gi` regex matches
 * the view exactly where its `giu` form (with the Unicode word look-before) matches the text: V8 then
 * runs code it already compiled for one-byte text instead of a second copy of the Latin phrase tries
 * compiled for two-byte text (this is what kept the policy's regex code over V8's optimisation budget).
 */
import { isWordChar } from '../src/engine/phrase-regex';

const HOLE = 0x00;
const WORD = 0x5f; // "_"
const SPACE = 0x20;
const SPACE_RE = /^\s$/u;
/** Non-ASCII code point → view code + 1 (0: not classified yet). */
const table = new Uint8Array(0x10000);

function classify(ch: string): number {
  if (ch === '\u017f') return 0x73; // ſ → s
  if (ch === '\u212a') return 0x6b; // Kelvin sign → k
  if (SPACE_RE.test(ch)) return SPACE;
  return isWordChar(ch) ? WORD : HOLE;
}

/** False when some ASCII key holds a character the view stands in for others ("_", U+0000). */
export function viewFitsKeys(keys: Iterable<string>): boolean {
  for (const k of keys) if (k.includes('_') || k.includes('\u0000')) return false;
  return true;
}

let buf = new Uint8Array(1024);

/** The view of `text` (same length; every unit < 0x80, so V8 holds it as a one-byte string). */
export function asciiView(text: string): string {
  const n = text.length;
  if (buf.length < n) buf = new Uint8Array(Math.max(n, buf.length * 2));
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      buf[i] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        buf[i] = HOLE;
        buf[++i] = classify(String.fromCharCode(c, d));
        continue;
      }
    }
    let v = table[c];
    if (v === 0) v = table[c] = classify(String.fromCharCode(c)) + 1;
    buf[i] = v - 1;
  }
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}
