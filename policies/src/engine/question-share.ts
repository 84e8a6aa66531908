/**
 * How much of a ticket is questions, as features for the learned layer: the share of the body's sentences
 * that end with a question mark. A ticket made only of questions ("What's the cancellation fee if I end
 * my plan now?", "能单独寄一副吗？") is a routine enquiry far more often than a report that ends with "is this
 * normal?" (on the round-20 training split: 90 % L3 against 37 % when fewer than half the sentences ask);
 * `text:question` alone cannot tell them apart. The thresholds are training options
 * (`questionShares`, recorded in the artifact). Structure only: no wording is read. Pure; browser-safe.
 */
import { holdsAny, QUESTION_MARKS } from './asked-signals';
import { SENTENCE_END_CHARS } from './sentence-ends';

/** The feature a threshold gives: `text:questions:50` for 0.5 (a share of at least half). */
export const questionShareFeature = (t: number) => `text:questions:${Math.round(t * 100)}`;

/** The char codes that end a sentence (scan-field.ts's: `. ! ? ; 。！？；` and new lines). */
const SENTENCE_ENDS = new Set(Array.from(SENTENCE_END_CHARS, (ch) => ch.charCodeAt(0)));
const QUESTION_ENDS = new Set(QUESTION_MARKS.map((ch) => ch.charCodeAt(0)));

/** Whether char code `c` carries content (a letter, digit or Han character), so that the run it is in is a sentence. */
function isContent(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x2000) || (c >= 0x3400 && c < 0xd800);
}

/**
 * The sentences of `body` (runs between sentence ends, `. ! ? ; 。！？；` and new lines, that hold a letter,
 * digit or Han character; a dot right before a letter or digit is no end) and how many end with a question mark.
 */
export function countQuestions(body: string): { sentences: number; questions: number } {
  let sentences = 0;
  let questions = 0;
  let content = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    // A dot inside a number or a name ("£36.40", "e.g", "v2.1") ends no sentence.
    if (SENTENCE_ENDS.has(c) && !(c === 46 && i + 1 < body.length && isContent(body.charCodeAt(i + 1)))) {
      if (content) {
        sentences++;
        if (QUESTION_ENDS.has(c)) questions++;
      }
      content = false;
    } else if (!content && isContent(c)) content = true;
  }
  if (content) sentences++;
  return { sentences, questions };
}

/**
 * Adds `text:questions:<pct>` for each threshold in `shares` that the body's share of questions reaches
 * (at least one question). The body is `text` without its first line when that line is the `subject`: a
 * subject is a title, not a sentence (the engine and the trainer join the fields with new lines, subject first).
 */
export function questionShareFeatures(text: string, subject: string, shares: readonly number[], out: string[]): void {
  if (shares.length === 0 || !holdsAny(text, QUESTION_MARKS)) return;
  const body = subject && text.startsWith(`${subject}\n`) ? text.slice(subject.length + 1) : text;
  const { sentences, questions } = countQuestions(body);
  if (questions === 0) return;
  for (const t of shares) if (questions >= t * sentences) out.push(questionShareFeature(t));
}
