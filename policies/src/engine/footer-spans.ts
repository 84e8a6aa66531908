/**
 * The footers a `closing` cue's `footers` phrases find in one normalised field: automatic blocks with no sign-off above
 * them ("Follow us on", "Registered office:", "Tel:", "本邮件及其附件"). Each is a signature for the rules
 * (closing-zone.ts) and left out of the model's reading (own-words.ts), bounded to its block so a footer-like line in
 * the sender's own text ("Phone: 0770…" above the story) reaches no further than its block. Pure; browser-safe.
 */
import type { CompiledCue } from './compile-cues';
import { SENTENCE_END_CHARS } from './sentence-ends';

/** A footer: [from, to) of the normalised text. */
export interface FooterSpan {
  from: number;
  to: number;
}

/**
 * A footer block's lines besides its footer phrase lines: at most this long, and none ends a sentence ("Acme GmbH",
 * "Unit 5, Riverside", not "Please reply."). At most this many above it: the walk back stays short.
 */
const MAX_BLOCK_LINE = 100;
const MAX_BLOCK_HEAD_LINES = 8;

/**
 * The footers of cue `cue` in `text`, in text order, not overlapping: each footer line below the text's first, with
 * the short lines above it in its paragraph when a blank line comes before that paragraph (the name and company
 * above "Registered office:"), and the lines after it in its paragraph while each is short and ends no sentence or
 * itself begins with a footer phrase.
 */
export function footerSpans(text: string, cue: CompiledCue): FooterSpan[] {
  const out: FooterSpan[] = [];
  if (!cue.footers) return out;
  const firstWord = text.search(/\S/);
  // Tried at each line start only: the regex run over the whole text tries every position, and its phrases'
  // word-boundary look-arounds made that the larger part of a Chinese ticket's classification.
  for (let start = 0; start < text.length;) {
    const lineEnd = endOfLine(text, start);
    if (start > firstWord && startsFooter(cue.footers, text, start)) {
      const to = blockEnd(text, lineEnd, cue.footers);
      out.push({ from: blockStart(text, start), to });
      start = to + 1;
    } else start = lineEnd + 1;
  }
  return out;
}

function endOfLine(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/** Whether the line `line` (trimmed) may belong to a footer block without a footer phrase of its own. */
function blockLine(line: string): boolean {
  return line.length > 0 && line.length <= MAX_BLOCK_LINE && !SENTENCE_END_CHARS.includes(line[line.length - 1]);
}

/** The first line of a footer line's block (at `lineStart`): its paragraph's first, when all above it qualify. */
function blockStart(text: string, lineStart: number): number {
  let from = lineStart;
  for (let lines = 0; from > 0 && lines <= MAX_BLOCK_HEAD_LINES; lines++) {
    const end = from - 1;
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (!line) return from;
    if (start === 0 || !blockLine(line)) return lineStart;
    from = start;
  }
  return lineStart;
}

/** The end of a footer block whose footer line ends at `lineEnd`: the last following line of it that qualifies. */
function blockEnd(text: string, lineEnd: number, footers: RegExp): number {
  let to = lineEnd;
  while (to < text.length) {
    const start = to + 1;
    const end = endOfLine(text, start);
    const line = text.slice(start, end);
    if (!blockLine(line.trim()) && !startsFooter(footers, text, start)) break;
    to = end;
  }
  return to;
}

/** Whether a footer phrase begins the line at `start` (`footers` is sticky: it reads from there only). */
function startsFooter(footers: RegExp, text: string, start: number): boolean {
  footers.lastIndex = start;
  return footers.test(text);
}
