/**
 * Compile-time analysis of a rule pattern's source: the Han characters every match must begin with.
 * A pattern whose matches all start with one of a known set of Han ideographs (which have no case
 * variants, so flag `i` changes nothing) can be looked for only at positions holding one of them,
 * instead of inside one large alternation tried at every position of Chinese text. Anything the
 * analysis does not understand (`.`, `\d`, a negated class, a Latin letter, a pattern that can match
 * the empty string, a back-reference...) yields null: that pattern stays on the combined-regex path.
 * Pure; no policy knowledge. (The parser is pattern-parse.ts, shared with pattern-prefixes.ts.)
 */
import { parsePattern, Unknown, type Item, type Ranges } from './pattern-parse';

/** Inclusive code point ranges every match may start with; a single character is [cp, cp]. */
export type FirstChars = Ranges;

/** Blocks of Han ideographs (no case folding anywhere in them): a class range must lie inside one. */
const CASELESS_BLOCKS: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x3ffff],
];
const HAN = /^\p{Script=Han}$/u;

function caseless([lo, hi]: [number, number]): boolean {
  if (lo === hi && HAN.test(String.fromCodePoint(lo))) return true;
  return CASELESS_BLOCKS.some(([a, b]) => lo >= a && hi <= b);
}

interface Parsed {
  first: FirstChars;
  nullable: boolean;
}

/**
 * The Han first characters of `source` (a pattern compiled with flags `iu`), or null when a match
 * could begin with something else or the source is outside what the analysis understands.
 */
export function hanFirstChars(source: string): FirstChars | null {
  try {
    const p = firstOf(parsePattern(source));
    if (p.nullable || p.first.length === 0) return null;
    return p.first.every(caseless) ? merge(p.first) : null;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

function firstOf(alts: Item[][]): Parsed {
  const out: Parsed = { first: [], nullable: false };
  for (const seq of alts) {
    const p = sequenceFirst(seq);
    out.first.push(...p.first);
    out.nullable ||= p.nullable;
  }
  return out;
}

/** First characters of a sequence: each item's, until one that cannot match empty. */
function sequenceFirst(seq: Item[]): Parsed {
  const first: FirstChars = [];
  for (const item of seq) {
    if (item.assert) continue; // an assertion consumes nothing: dropping it only widens the set
    if (item.unknown) throw new Unknown();
    const p = item.set ? { first: item.set, nullable: false } : firstOf(item.group!);
    first.push(...p.first);
    if (!(p.nullable || item.min === 0)) return { first, nullable: false };
  }
  return { first, nullable: true };
}

/** Sorted, overlapping and adjacent ranges merged. */
function merge(ranges: FirstChars): FirstChars {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: FirstChars = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
