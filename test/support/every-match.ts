/**
 * Every non-empty match of each pattern at every code point of `text`: the definition a pattern index
 * or a grouped prefilter must meet (it may skip positions only where no pattern can match).
 */
import type { PatternEntry, PatternHit } from '../../policies/src/engine/compile-rules';

export function everyMatch(patterns: readonly Pick<PatternEntry, 'rule' | 'sticky'>[], text: string): PatternHit[] {
  const out: PatternHit[] = [];
  for (const p of patterns) {
    for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) {
      p.sticky.lastIndex = i;
      const m = p.sticky.exec(text);
      if (m && m[0].length) out.push({ rule: p.rule, start: i, end: i + m[0].length, text: m[0] });
    }
  }
  return out;
}
