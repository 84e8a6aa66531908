/** Cue hits that do not count: voided by an `unless` phrase they overlap, or by their set's evidence in the ticket. Pure. */

/** A cue phrase found in a field: its cue set (an index into the compiled cues) and its span in the normalised text. */
export interface CueHit {
  cue: number;
  start: number;
  end: number;
}

/** Drops each cue hit an `unless` phrase of its own cue set overlaps ("不是蒸汽" voids "是蒸汽"). */
export function voidCues(cueHits: CueHit[], voidHits: CueHit[]): void {
  let k = 0;
  for (const ch of cueHits) {
    if (!voidHits.some((v) => v.cue === ch.cue && v.start < ch.end && v.end > ch.start)) cueHits[k++] = ch;
  }
  cueHits.length = k;
}

/** Drops each cue hit of a cue set the ticket's `unlessInTicket` evidence voided (`voided`: cue indexes). */
export function dropVoided(cueHits: CueHit[], voided: ReadonlySet<number>): void {
  let k = 0;
  for (const ch of cueHits) if (!voided.has(ch.cue)) cueHits[k++] = ch;
  cueHits.length = k;
}
