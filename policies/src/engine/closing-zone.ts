/**
 * The signatures `closing` cues open in one field (after a sign-off: "Best regards,", "此致"; a footer's block:
 * "Follow us on", "Registered office:"), where job titles, employers and disclaimers name threats nobody makes
 * ("Paralegal", "媒体联络", "regulated by the Financial Conduct Authority").
 * Found once per field, so a long text of sign-offs and threat words costs a pass over the text plus a binary search
 * per match. Pure; browser-safe. cancelling-cue.ts asks it.
 */
import type { CompiledCue } from './compile-cues';
import { footerSpans, type FooterSpan } from './footer-spans';
import { partitionPoint } from './partition-point';
import { SENTENCE_END_CHARS } from './sentence-ends';
import type { CueHit } from './void-cues';

/**
 * A signature: from the line after its sign-off (a footer block's first line) to `to`; where the first `until` line,
 * and the first `keepWith` phrase, begin.
 */
export interface ClosingZone {
  from: number;
  /** A footer's end; Infinity after a sign-off (the signature runs to the end of the field). */
  to: number;
  untilAt: number;
  keepAt: number;
}

export interface ClosingZones {
  /** Whether a signature of closing cue `cue` holds the match at `hitStart`–`hitEnd`. */
  covers(cue: number, hitStart: number, hitEnd: number): boolean;
}

/**
 * The signatures of the normalised `text`, per `closing` cue set, found on the first question (most fields have no
 * threat match to ask about). A sign-off among `cueHits` (in text order) opens one from the next line when it begins
 * its line and at most `windowChars` more characters follow it there; a `footers` phrase beginning a line below the
 * text's first opens one from its own line ("Follow us on", "Registered office:"), with no sign-off above it.
 */
export function closingZones(text: string, cues: readonly CompiledCue[], cueHits: readonly CueHit[]): ClosingZones {
  let found: Map<number, ClosingZone[]> | null | undefined;
  return {
    covers: (cue, hitStart, hitEnd) => {
      if (found === undefined) found = zonesOf(text, cues, cueHits);
      return covers(text, found?.get(cue), hitStart, hitEnd);
    },
  };
}

function zonesOf(text: string, cues: readonly CompiledCue[], cueHits: readonly CueHit[]): Map<number, ClosingZone[]> | null {
  // Per cue set, where signatures begin and end: after a sign-off to the end of the field, or a footer's block.
  const spans = new Map<number, FooterSpan[]>();
  const at = (ci: number) => {
    let list = spans.get(ci);
    if (!list) spans.set(ci, (list = []));
    return list;
  };
  for (const ch of cueHits) {
    const cue = cues[ch.cue];
    if (cue.position !== 'closing') continue;
    const from = openedAt(text, ch.start, ch.end, cue.windowChars);
    if (from >= 0) at(ch.cue).push({ from, to: Infinity });
  }
  cues.forEach((cue, ci) => {
    if (!cue.footers) return;
    const list = at(ci);
    const n = list.length;
    for (const f of footerSpans(text, cue)) list.push(f);
    if (list.length > n && n > 0) list.sort((a, b) => a.from - b.from);
  });
  let byCue: Map<number, ClosingZone[]> | null = null;
  for (const [ci, list] of spans) {
    if (!list.length) continue;
    const cue = cues[ci];
    const zones: ClosingZone[] = [];
    for (const { from, to } of list) {
      const prev = zones[zones.length - 1];
      if (prev?.from === from && prev.to >= to) continue;
      // A footer within a signature still open adds nothing: that signature's limits decide.
      if (prev && prev.to === Infinity && to !== Infinity && prev.untilAt > from && prev.keepAt > from) continue;
      // Each search starts where the last one found nothing before its answer: one pass over the text per cue set.
      zones.push({
        from,
        to,
        untilAt: prev && prev.untilAt >= from ? prev.untilAt : firstAt(cue.until, text, from),
        keepAt: prev && prev.keepAt >= from ? prev.keepAt : firstAt(cue.keepWith, text, from),
      });
    }
    (byCue ??= new Map()).set(ci, zones);
  }
  return byCue;
}

/**
 * Where the signature a sign-off at `start`–`end` opens begins (the next line), or -1 when it opens none. own-words.ts
 * reads signatures for the model by the same test.
 */
export function openedAt(text: string, start: number, end: number, windowChars: number): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim()) return -1;
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0 || text.slice(end, lineEnd).trim().length > windowChars) return -1;
  return lineEnd + 1;
}

/**
 * True when a signature holds the match: it lies on a line after the sign-off, no line from there through its own
 * begins with an `until` phrase (a P.S., a quote, a forwarded header), and no `keepWith` phrase (the sender speaking
 * again: "I", "我会", "otherwise") begins between the sign-off and the end of the match's sentence. Only the last
 * sign-off before the match needs reading: a later signature's `until` line and `keepWith` phrase come no earlier.
 */
function covers(text: string, zones: readonly ClosingZone[] | undefined, hitStart: number, hitEnd: number): boolean {
  if (!zones) return false;
  const zone = zones[partitionPoint(zones.length, (i) => zones[i].from <= hitStart) - 1];
  if (!zone || hitStart >= zone.to || zone.untilAt <= text.lastIndexOf('\n', hitStart - 1) + 1) return false;
  let to = hitEnd;
  while (to < text.length && !SENTENCE_END_CHARS.includes(text[to])) to++;
  return zone.keepAt >= to;
}

/** Where the first match of `re` (flag `g`) at or after `from` begins; Infinity for none. */
export function firstAt(re: RegExp | null | undefined, text: string, from: number): number {
  if (!re) return Infinity;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : Infinity;
}
