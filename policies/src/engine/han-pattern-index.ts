/**
 * The rule patterns that can begin with a Han character and whose every first character is known
 * (pattern-first-chars.ts: a mixed lead such as `(?:宝宝|[bB][bB])` adds b and B), indexed by those
 * characters. On text with Chinese in it, one small character-class regex finds the positions that
 * hold a possible first character, and only the patterns that can start with it are tried there
 * (each with its own sticky `iuy` regex). This replaces, for these patterns, the combined alternation
 * that V8 tried at every position of Chinese text (and stops optimising past 20 KB of source).
 * The hits are the same: every position where a pattern matches holds one of its first characters.
 */
import { anchoredAtStart, hanFirstChars, type FirstChars } from './pattern-first-chars';
import type { PatternHit } from './compile-rules';

export interface IndexedPattern {
  rule: number;
  sticky: RegExp;
}

export interface HanPatternIndex<P extends IndexedPattern> {
  /** Global regex (flags `gu`) over every first character of every indexed pattern. */
  finder: RegExp;
  /** Patterns by their first character (patterns whose first characters are a few listed ones). */
  byChar: Map<number, P[]>;
  /** Patterns whose first characters include a wide range (e.g. any ideograph), tested by range. */
  byRange: { ranges: FirstChars; pattern: P }[];
  /** Patterns anchored at the start (`^\s*又来了`): tried at index 0 only, not at every space. */
  start: P[];
}

/** A range wider than this is not listed character by character. */
const MAX_LISTED = 64;

/** The analyses of a pattern's source the index is built from (pattern-first-chars.ts; the server may memoise them). */
export interface HanAnalyses {
  hanFirstChars(source: string): FirstChars | null;
  anchoredAtStart(source: string): boolean;
}

const DIRECT: HanAnalyses = { hanFirstChars, anchoredAtStart };

/**
 * Splits `patterns` into those indexed by their Han first characters and the rest (left for the
 * combined regex); `index` is null when no pattern qualifies.
 */
export function indexHanPatterns<P extends IndexedPattern>(
  patterns: readonly P[],
  analyses: HanAnalyses = DIRECT,
): { index: HanPatternIndex<P> | null; rest: P[] } {
  const byChar = new Map<number, P[]>();
  const byRange: { ranges: FirstChars; pattern: P }[] = [];
  const all: FirstChars = [];
  const rest: P[] = [];
  const start: P[] = [];
  for (const p of patterns) {
    const first = analyses.hanFirstChars(p.sticky.source);
    if (!first) {
      rest.push(p);
      continue;
    }
    if (!p.sticky.multiline && analyses.anchoredAtStart(p.sticky.source)) {
      start.push(p);
      continue;
    }
    all.push(...first);
    if (first.some(([lo, hi]) => hi - lo >= MAX_LISTED)) {
      byRange.push({ ranges: first, pattern: p });
      continue;
    }
    for (const [lo, hi] of first) {
      for (let cp = lo; cp <= hi; cp++) {
        const list = byChar.get(cp);
        if (list) list.push(p);
        else byChar.set(cp, [p]);
      }
    }
  }
  if (!all.length && !start.length) return { index: null, rest };
  const cls = all.map(([lo, hi]) => (lo === hi ? `\\u{${lo.toString(16)}}` : `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`)).join('');
  return { index: { finder: new RegExp(`[${cls}]`, 'gu'), byChar, byRange, start }, rest };
}

/** Every non-empty match of an indexed pattern in `text`, by start position. */
export function scanHanPatterns<P extends IndexedPattern>(index: HanPatternIndex<P>, text: string, out: PatternHit[]): void {
  if (text) for (const p of index.start) testAt(p, text, 0, out);
  const re = index.finder;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const cp = text.codePointAt(start)!;
    const listed = index.byChar.get(cp);
    if (listed) for (const p of listed) testAt(p, text, start, out);
    for (const r of index.byRange) if (r.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) testAt(r.pattern, text, start, out);
    re.lastIndex = start + m[0].length;
  }
}

/** The pattern's sticky regex at `start`: a non-empty match is a hit. */
export function testAt(p: IndexedPattern, text: string, start: number, out: PatternHit[]): void {
  p.sticky.lastIndex = start;
  const pm = p.sticky.exec(text);
  if (pm && pm[0].length) out.push({ rule: p.rule, start, end: start + pm[0].length, text: pm[0] });
}
