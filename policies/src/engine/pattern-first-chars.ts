/**
 * Compile-time analysis of a rule pattern's source: the characters every match must begin with, for a
 * pattern that can begin with a Han character. Such a pattern can be looked for only at positions
 * holding one of them, instead of inside one large alternation tried at every position of Chinese
 * text. A leading alternation may mix scripts (`(?:宝宝|[bB][bB])`, `(?:打|send)`, `(?:十|[1-9]\d)倍`,
 * `^\s*又来了`): its ASCII and white-space alternatives are placed by their own first characters,
 * closed under case folding (fold-closure.ts). Anything the analysis does not understand (`.`, a
 * negated class, a non-ASCII letter, a pattern that can match the empty string, a back-reference...)
 * yields null: that pattern stays on the combined-regex path, as does one that cannot begin with a
 * Han character. Pure; no policy knowledge. (The parser is pattern-parse.ts, shared with
 * pattern-prefixes.ts.)
 */
import { foldClosure, isHanRange } from './fold-closure';
import { parsePattern, Unknown, type Item, type Ranges } from './pattern-parse';

/** Inclusive code point ranges every match may start with; a single character is [cp, cp]. */
export type FirstChars = Ranges;

interface Parsed {
  first: FirstChars;
  nullable: boolean;
}

/**
 * The first characters of `source` (a pattern compiled with flags `iu`, so with every case variant), or
 * null when none is a Han character, a match could begin with a character outside what fold-closure.ts
 * knows, or the source is outside what the analysis understands.
 */
export function hanFirstChars(source: string): FirstChars | null {
  try {
    const p = firstOf(parsePattern(source));
    if (p.nullable || !p.first.some(isHanRange)) return null;
    const closed = foldClosure(p.first);
    return closed ? merge(closed) : null;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

/** True when every top-level alternative of `source` begins with `^`: without flag `m` it matches only at index 0. */
export function anchoredAtStart(source: string): boolean {
  try {
    return parsePattern(source).every((seq) => seq[0]?.assert === '^');
  } catch (e) {
    if (e instanceof Unknown) return false;
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
