/**
 * Whether a `closing` cue (a sign-off: "Best regards,", "此致") cancels a match after it: the match lies in the
 * signature the sign-off opens, where job titles, employers and disclaimers name threats nobody makes ("Paralegal",
 * "媒体联络", "regulated by the Financial Conduct Authority"). Pure; browser-safe. scan-field.ts calls it.
 */
import type { CompiledCue } from './compile-cues';
import { SENTENCE_END_CHARS } from './scan-field';

/**
 * True when the sign-off at `cueStart`–`cueEnd` of the normalised `text` begins its line with at most
 * `cue.windowChars` characters after it there, the match at `hitStart`–`hitEnd` is on a later line, no line from
 * the one after the sign-off through the match's own begins with an `until` phrase (a P.S., a quote, a forwarded
 * header), and no `keepWith` phrase (the sender speaking again: "I", "我会", "otherwise") stands between the sign-off
 * and the end of the match's sentence.
 */
export function inClosingZone(text: string, cueStart: number, cueEnd: number, cue: CompiledCue, hitStart: number, hitEnd: number): boolean {
  const lineStart = text.lastIndexOf('\n', cueStart - 1) + 1;
  if (text.slice(lineStart, cueStart).trim()) return false;
  const lineEnd = text.indexOf('\n', cueEnd);
  if (lineEnd < 0 || hitStart <= lineEnd) return false;
  if (text.slice(cueEnd, lineEnd).trim().length > cue.windowChars) return false;
  let hitLineEnd = text.indexOf('\n', hitEnd);
  if (hitLineEnd < 0) hitLineEnd = text.length;
  if (cue.until) {
    cue.until.lastIndex = 0;
    if (cue.until.test(text.slice(lineEnd + 1, hitLineEnd))) return false;
  }
  // The sender speaking again anywhere from the line after the sign-off to the end of the match's sentence.
  let to = hitEnd;
  while (to < text.length && !SENTENCE_END_CHARS.includes(text[to])) to++;
  return !cue.keepWith?.test(text.slice(lineEnd + 1, to));
}
