/**
 * The characters a set of pattern characters matches under flags `iu` (case-insensitive Unicode
 * matching compares simple case foldings), for the sets the first-character analysis can place:
 * Han ideographs (no case), ASCII (a letter adds its other case, and "s" and "k" the two non-ASCII
 * characters that fold to them: "ſ" U+017F and the Kelvin sign U+212A) and white space (no case).
 * Anything else yields null: the analysis does not know its case variants. Pure.
 */
import type { Ranges } from './pattern-parse';

/** Blocks of Han ideographs (no case folding anywhere in them): a class range must lie inside one. */
const CASELESS_BLOCKS: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x3ffff],
];
const HAN = /^\p{Script=Han}$/u;
const SPACE = /^\s$/u;
/** The non-ASCII characters that match an ASCII letter under `iu` (test/unit checks every code point). */
export const ASCII_FOLD_PEERS: Record<string, number[]> = { s: [0x17f], k: [0x212a] };
/** A range this wide is not read character by character. */
const MAX_SCANNED = 64;

/** True when every character of the range is a Han ideograph (caseless). */
export function isHanRange([lo, hi]: [number, number]): boolean {
  if (lo === hi && HAN.test(String.fromCodePoint(lo))) return true;
  return CASELESS_BLOCKS.some(([a, b]) => lo >= a && hi <= b);
}

/** `ranges` with every character `iu` matching adds, or null when one lies outside what is known. */
export function foldClosure(ranges: Ranges): Ranges | null {
  const out: Ranges = [];
  for (const [lo, hi] of ranges) {
    out.push([lo, hi]);
    if (isHanRange([lo, hi])) continue;
    if (hi <= 0x7f) {
      for (let cp = lo; cp <= hi; cp++) out.push(...peers(cp));
      continue;
    }
    if (hi - lo >= MAX_SCANNED) return null;
    for (let cp = lo; cp <= hi; cp++) if (!SPACE.test(String.fromCodePoint(cp))) return null;
  }
  return out;
}

/** The other characters an ASCII character matches under `iu`. */
function peers(cp: number): [number, number][] {
  const ch = String.fromCharCode(cp);
  const lower = ch.toLowerCase();
  if (lower === ch.toUpperCase()) return [];
  const other = ch === lower ? ch.toUpperCase() : lower;
  return [other.charCodeAt(0), ...(ASCII_FOLD_PEERS[lower] ?? [])].map((c): [number, number] => [c, c]);
}
