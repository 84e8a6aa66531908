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
import { hanFactors } from './pattern-factors';
import type { PatternHit } from './compile-rules';

export interface IndexedPattern {
  rule: number;
  sticky: RegExp;
}

export interface HanPatternIndex<P extends IndexedPattern> {
  /** Global regex (flags `gu`) over every first character of every indexed pattern. */
  finder: RegExp;
  /** Patterns (as numbers into `patterns`) by their first character, for those whose first characters are a few listed ones. */
  byChar: Map<number, number[]>;
  /** Patterns whose first characters include a wide range (e.g. any ideograph), tested by range. */
  byRange: { ranges: FirstChars; slot: number }[];
  /** Patterns anchored at the start (`^\s*又来了`): tried at index 0 only, not at every space. */
  start: number[];
  /** Every pattern placed by its first characters or its start anchor, numbered. */
  patterns: P[];
  /** Which of them a text must contain one of a few strings for (pattern-factors.ts), or null when none. */
  needs: NeedIndex | null;
}

/** The strings patterns need, as a trie of UTF-16 units, and which patterns need each. */
export interface NeedIndex {
  root: NeedNode;
  /** 1 for a pattern tried in every text (no string known), 0 for one tried only where a string it needs is. */
  always: Uint8Array;
  /** The current text's answer (scratch: scans are synchronous). */
  on: Uint8Array;
}

/** A trie node: the patterns needing the string that ends here, and the units that continue it. */
export interface NeedNode {
  slots: number[] | null;
  next: Map<number, NeedNode> | null;
}

/** A range wider than this is not listed character by character. */
const MAX_LISTED = 64;

/** The analyses of a pattern's source the index is built from (pattern-first-chars.ts; the server may memoise them). */
export interface HanAnalyses {
  hanFirstChars(source: string): FirstChars | null;
  anchoredAtStart(source: string): boolean;
  hanFactors(source: string): string[] | null;
}

const DIRECT: HanAnalyses = { hanFirstChars, anchoredAtStart, hanFactors };

/**
 * Splits `patterns` into those indexed by their Han first characters and the rest (left for the
 * combined regex); `index` is null when no pattern qualifies.
 */
export function indexHanPatterns<P extends IndexedPattern>(
  patterns: readonly P[],
  analyses: HanAnalyses = DIRECT,
): { index: HanPatternIndex<P> | null; rest: P[] } {
  const byChar = new Map<number, number[]>();
  const byRange: { ranges: FirstChars; slot: number }[] = [];
  const placed: P[] = [];
  const all: FirstChars = [];
  const rest: P[] = [];
  const start: number[] = [];
  for (const p of patterns) {
    const first = analyses.hanFirstChars(p.sticky.source);
    if (!first) {
      rest.push(p);
      continue;
    }
    const slot = placed.push(p) - 1;
    if (!p.sticky.multiline && analyses.anchoredAtStart(p.sticky.source)) {
      start.push(slot);
      continue;
    }
    all.push(...first);
    if (first.some(([lo, hi]) => hi - lo >= MAX_LISTED)) {
      byRange.push({ ranges: first, slot });
      continue;
    }
    for (const [lo, hi] of first) {
      for (let cp = lo; cp <= hi; cp++) {
        const list = byChar.get(cp);
        if (list) list.push(slot);
        else byChar.set(cp, [slot]);
      }
    }
  }
  if (!all.length && !start.length) return { index: null, rest };
  const cls = all.map(([lo, hi]) => (lo === hi ? `\\u{${lo.toString(16)}}` : `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`)).join('');
  const needs = indexNeeds(placed.map((p) => analyses.hanFactors(p.sticky.source)));
  return { index: { finder: new RegExp(`[${cls}]`, 'gu'), byChar, byRange, start, patterns: placed, needs }, rest };
}

/** The strings each pattern needs (null: none known), in a trie; null when no pattern needs any. */
function indexNeeds(factors: (string[] | null)[]): NeedIndex | null {
  if (!factors.some((f) => f)) return null;
  const always = new Uint8Array(factors.length);
  const root: NeedNode = { slots: null, next: new Map() };
  factors.forEach((f, slot) => {
    if (!f) always[slot] = 1;
    else
      for (const text of f) {
        let node = root;
        for (let k = 0; k < text.length; k++) {
          const unit = text.charCodeAt(k);
          node.next ??= new Map();
          let child = node.next.get(unit);
          if (!child) node.next.set(unit, (child = { slots: null, next: null }));
          node = child;
        }
        (node.slots ??= []).push(slot);
      }
  });
  return { root, always, on: new Uint8Array(factors.length) };
}

/** Which patterns can match in `text`: those tried everywhere and those one of whose strings it contains. */
function patternsOn(needs: NeedIndex, text: string): Uint8Array {
  const on = needs.on;
  on.set(needs.always);
  const first = needs.root.next!;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let node = first.get(text.charCodeAt(i));
    for (let j = i + 1; node !== undefined; j++) {
      if (node.slots !== null) for (const slot of node.slots) on[slot] = 1;
      if (node.next === null || j >= n) break;
      node = node.next.get(text.charCodeAt(j));
    }
  }
  return on;
}

/** Every non-empty match of an indexed pattern in `text`, by start position. */
export function scanHanPatterns<P extends IndexedPattern>(index: HanPatternIndex<P>, text: string, out: PatternHit[]): void {
  const on = index.needs ? patternsOn(index.needs, text) : null;
  const patterns = index.patterns;
  if (text) for (const slot of index.start) if (!on || on[slot]) testAt(patterns[slot], text, 0, out);
  const re = index.finder;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const cp = text.codePointAt(start)!;
    const listed = index.byChar.get(cp);
    if (listed) for (const slot of listed) if (!on || on[slot]) testAt(patterns[slot], text, start, out);
    for (const r of index.byRange)
      if ((!on || on[r.slot]) && r.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) testAt(patterns[r.slot], text, start, out);
    re.lastIndex = start + m[0].length;
  }
}

/** The pattern's sticky regex at `start`: a non-empty match is a hit. */
export function testAt(p: IndexedPattern, text: string, start: number, out: PatternHit[]): void {
  p.sticky.lastIndex = start;
  const pm = p.sticky.exec(text);
  if (pm && pm[0].length) out.push({ rule: p.rule, start, end: start + pm[0].length, text: pm[0] });
}
