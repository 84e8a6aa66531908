/**
 * The first span of an ASCII text whose word tokens give a word n-gram feature (feature-phrase.ts' wordPhrase
 * for ASCII text), found without tokenizing the text up to it: the feature's first word is looked up with
 * `indexOf` in the text lower-cased (a native scan), and each candidate is checked to start a token and to be
 * followed by the feature's words, key by key. Pure and browser-safe.
 *
 * Why it is exact: an ASCII token's key (lower case, digits as "0", stemmed) is its lower-cased characters cut
 * at the stem, plus a "y" when "ies" was cut (ascii-feature-hashes.ts' `stemmed`). So a token whose key is the
 * feature's first word starts with that word, without a final "y", lower-cased; when that prefix holds no "0"
 * (a key's only digit) it is the token's lower-cased characters as written, which `indexOf` finds at the
 * token's start. Candidates come in text order, so the first one that checks out is the first match.
 */
import { stemmed } from './ascii-feature-hashes';

/** Per ASCII code: ALNUM for [a-zA-Z0-9], 2 for the apostrophe, else 0 (a token is ALNUM then either). */
const ALNUM = 1;
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) WORD[c] = ALNUM;
  else if (c === 39) WORD[c] = 2;
}

/** Per ASCII token character: its key code: lower case, any digit as "0", the apostrophe as is. */
export const KEY_CODE = new Uint16Array(128);
for (let c = 0; c < 128; c++) KEY_CODE[c] = c >= 65 && c <= 90 ? c + 32 : c >= 48 && c <= 57 ? 48 : c;

/** spanKeyIs' scratch (classification is synchronous). */
let keyCodes = new Uint16Array(64);

/** Whether the key of the ASCII token text[s, e) is feature[from, to), compared from char codes (no key string). */
export function spanKeyIs(text: string, s: number, e: number, feature: string, from: number, to: number): boolean {
  const n = e - s;
  if (keyCodes.length < n) keyCodes = new Uint16Array(n * 2);
  const codes = keyCodes;
  for (let k = 0; k < n; k++) codes[k] = KEY_CODE[text.charCodeAt(s + k)];
  const st = stemmed(codes, 0, n);
  const len = st >> 1;
  const y = st & 1;
  if (len + y !== to - from) return false;
  for (let k = 0; k < len; k++) if (codes[k] !== feature.charCodeAt(from + k)) return false;
  return y === 0 || feature.charCodeAt(from + len) === 121;
}

/** Where the next ASCII token at or after `i` starts (its first ALNUM), or text.length when none does. */
export function nextTokenStart(text: string, i: number): number {
  const n = text.length;
  while (i < n && WORD[text.charCodeAt(i)] !== ALNUM) i++;
  return i;
}

/** Where the ASCII token starting at `s` ends: the first character after it that is neither ALNUM nor an apostrophe. */
export function tokenEnd(text: string, s: number): number {
  const n = text.length;
  let e = s + 1;
  while (e < n && WORD[text.charCodeAt(e)] !== 0) e++;
  return e;
}

/** Whether an ASCII token starts at `c`: an ALNUM there, and none before it in the run of word characters it ends. */
function startsToken(text: string, c: number): boolean {
  if (WORD[text.charCodeAt(c)] !== ALNUM) return false;
  for (let k = c - 1; k >= 0; k--) {
    const w = WORD[text.charCodeAt(k)];
    if (w === 0) return true;
    if (w === ALNUM) return false;
  }
  return true;
}

/**
 * The span of ASCII `text` (`lower` is text.toLowerCase()) behind the word n-gram `feature`, whose words are
 * feature[bounds[2j], bounds[2j + 1]); null when there is none; undefined when the first word's prefix cannot
 * be looked up this way (empty, or holding the digit key "0"): the caller tokenizes instead.
 */
export function findAsciiPhrase(feature: string, text: string, lower: string, bounds: readonly number[]): string | null | undefined {
  let end = bounds[1];
  if (end > bounds[0] && feature.charCodeAt(end - 1) === 121) end--;
  if (end === bounds[0]) return undefined;
  const prefix = feature.slice(bounds[0], end);
  if (prefix.includes('0')) return undefined;
  const words = bounds.length / 2;
  const n = text.length;
  for (let c = lower.indexOf(prefix); c >= 0; c = lower.indexOf(prefix, c + 1)) {
    if (!startsToken(text, c)) continue;
    let s = c;
    let e = c;
    let j = 0;
    for (; j < words; j++) {
      if (j > 0) {
        s = nextTokenStart(text, e);
        if (s >= n) break;
      }
      e = tokenEnd(text, s);
      if (!spanKeyIs(text, s, e, feature, bounds[2 * j], bounds[2 * j + 1])) break;
    }
    if (j === words) return text.slice(c, e);
  }
  return null;
}
