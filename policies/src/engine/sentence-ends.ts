/**
 * Where sentences and paragraphs end, for the cues and the readers that stop there (scan-field.ts,
 * cancelling-cue.ts, closing-zone.ts, asked-signals.ts, question-share.ts, passage-signals.ts). Browser-safe.
 */

/** Sentence ends: a cue does not reach across them (and a question ends at the first, asked-signals.ts; the
 * question share counts the sentences between them, question-share.ts). */
export const SENTENCE_END_CHARS = '.!?;。！？；\n';
export const SENTENCE_END = new RegExp(`[${SENTENCE_END_CHARS}]`);
/** A blank line (spaces allowed on it): a paragraph's end, which no cue reaches across (passage-signals.ts cuts there). */
export const PARAGRAPH_END = /\n[^\S\n]*\n/;
