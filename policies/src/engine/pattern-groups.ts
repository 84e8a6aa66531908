/**
 * Packs the rule patterns left to a combined prefilter into groups whose combined regex source stays
 * under V8's optimisation limit. Past 20 KB of source (`kRegExpTooLargeToOptimize`) V8 stops
 * optimising a regular expression: round 10's patterns took the combined regex for Chinese text from
 * 17 KB to 26 KB and that scan from a tenth of the time to most of it (see phrase-regex.ts, which
 * splits the phrase regex for the same reason). Each group is one more scan of the text and re-tests
 * only its own patterns where its regex matches; the hits are the same as with one regex, since each
 * pattern is still re-tested at every position where the regex says some pattern of its group starts.
 */
import type { PatternEntry } from './compile-rules';
import { MAX_SOURCE } from './phrase-regex';
import { combine, withoutWordBoundaries } from './pattern-source';

export interface PatternGroup {
  /**
   * Global regex over the group's patterns: flags `giu`, or `gi` when every member's sticky regex has no
   * `u` (they mean the same without it); null when they cannot share one (then each is scanned alone).
   */
  re: RegExp | null;
  patterns: PatternEntry[];
}

/** One pattern's part of a combined prefilter source. */
export function prefilterPart(p: PatternEntry): string {
  return `(?:${withoutWordBoundaries(p.sticky.source)})`;
}

/**
 * `patterns` cut into consecutive groups whose combined source (parts joined by `|`) is at most
 * `maxSource` long; a single pattern longer than that is a group of its own. The patterns whose
 * sticky regexes have no `u` come first, in order, then the others: a group of the first kind is
 * compiled without `u` (V8 makes smaller code of it). Which group finds a hit does not change it.
 */
export function packPatternGroups(patterns: readonly PatternEntry[], maxSource = MAX_SOURCE): PatternGroup[] {
  const groups: PatternGroup[] = [];
  let parts: string[] = [];
  let members: PatternEntry[] = [];
  let size = 0;
  const flush = () => {
    if (members.length) groups.push({ re: combine(parts.join('|'), members[0].sticky.unicode), patterns: members });
    parts = [];
    members = [];
    size = 0;
  };
  const plain = patterns.filter((p) => !p.sticky.unicode);
  for (const p of [...plain, ...patterns.filter((p) => p.sticky.unicode)]) {
    if (members.length && members[0].sticky.unicode !== p.sticky.unicode) flush();
    const part = prefilterPart(p);
    if (members.length && size + 1 + part.length > maxSource) flush();
    size += (members.length ? 1 : 0) + part.length;
    parts.push(part);
    members.push(p);
  }
  flush();
  return groups;
}
