/**
 * Which cue cancels a rule's match in one field (scan-field.ts): a `before`, `after` or `covering` cue found near
 * it, or a `closing` cue whose signature holds it (closing-zone.ts). Only the cue hits that can reach the match are
 * read (a window is at most `MAX_CUE_WINDOW` characters), so a long text of cue and match words costs each match a
 * binary search and its neighbours, not every cue hit of the field. Pure; browser-safe.
 */
import { MAX_CUE_WINDOW } from '../schema/phrase-limits';
import type { CompiledClassifier } from './compile-rules';
import type { ClosingZones } from './closing-zone';
import { partitionPoint } from './partition-point';
import type { Hit } from './scan-field';
import { PARAGRAPH_END, SENTENCE_END } from './sentence-ends';
import type { CueHit } from './void-cues';

const HAN = /\p{Script=Han}/u;

/**
 * The cue (index) that cancels `h`, or -1. `cueHits` are in text order; `longest` is the longest cue hit among them
 * (a phrase's inner whitespace may match a long run), `zones` the field's signatures.
 */
export function cancellingCue(
  c: CompiledClassifier,
  text: string,
  h: Pick<Hit, 'rule' | 'start' | 'end'>,
  cueHits: readonly CueHit[],
  longest: number,
  zones: ClosingZones | null,
): number {
  const applies = c.cuesByRule[h.rule];
  if (!applies.length) return -1;
  const last = h.end + MAX_CUE_WINDOW;
  const from = h.start - MAX_CUE_WINDOW - longest;
  for (let i = partitionPoint(cueHits.length, (j) => cueHits[j].start < from); i < cueHits.length && cueHits[i].start <= last; i++) {
    const ch = cueHits[i];
    if (!applies.includes(ch.cue)) continue;
    const cue = c.cues[ch.cue];
    if (cue.position === 'covering') {
      if (ch.start < h.end && ch.end > h.start) return ch.cue;
    } else if (
      cue.position === 'before' &&
      ch.start < h.start &&
      ch.end <= h.end &&
      h.start - Math.min(ch.end, h.start) <= cue.windowChars
    ) {
      const gap = text.slice(ch.end, h.start);
      if (cue.acrossSentences) {
        if (!PARAGRAPH_END.test(gap)) return ch.cue;
      } else {
        // A negation also ends where a new clause starts (the policy's clause starts for the cue's locale,
        // or for a cue without one, for the script of the cue phrase found).
        const starts = cue.clauseStartHan !== undefined && HAN.test(text.slice(ch.start, ch.end)) ? cue.clauseStartHan : cue.clauseStart;
        if (!SENTENCE_END.test(gap) && !starts?.test(gap)) return ch.cue;
      }
    } else if (cue.position === 'after' && ch.start >= h.end && ch.start - h.end <= cue.windowChars) {
      if (!(cue.acrossSentences ? PARAGRAPH_END : SENTENCE_END).test(text.slice(h.end, ch.start))) return ch.cue;
    }
  }
  if (zones) for (const ci of applies) if (c.cues[ci].position === 'closing' && zones.covers(ci, h.start, h.end)) return ci;
  return -1;
}
