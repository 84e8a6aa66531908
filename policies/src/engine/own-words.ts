/**
 * The sender's own words: a normalised text with the lines the model should not read blanked out (their characters
 * removed, their line breaks kept, so no n-gram joins across them). Such lines say nothing about this complaint but
 * weigh in the model's n-grams: an earlier message quoted below a reply (a store's automatic acknowledgement full of
 * 客服 and "we have received") and the signature after a sign-off (a job title, an employer, a disclaimer).
 * Training and run time read the same text (the artifact's `skipQuotedLines` and `skipSignatureOf`); rules still read
 * every line. Pure; browser-safe.
 */
import { firstAt, openedAt } from './closing-zone';
import { footerSpans } from './footer-spans';
import type { CompiledCue } from './compile-cues';

/**
 * `text` without (a) quoted lines when `quoted`: a line whose first non-blank character is ">", and the attribution
 * line ending in ":" just before such a block (blank lines between allowed); (b) the signatures `signature` (a
 * `closing` cue) opens: the lines after a sign-off that begins its line with at most `windowChars` more characters
 * there, and the blocks its `footers` open (footer-spans.ts), up to the first line that begins with an `until` phrase
 * or holds a `keepWith` phrase (the sender speaking again). The same string when nothing is left out.
 */
export function ownWords(text: string, quoted: boolean, signature: CompiledCue | null): string {
  const cuts: number[] = [];
  if (quoted && text.includes('>')) quotedLines(text, cuts);
  if (signature?.opens || signature?.footers) signatureLines(text, signature, cuts);
  return cuts.length ? without(text, cuts) : text;
}

/** Adds [start, end) of each quoted line's content, and of the attribution line before a quoted block, to `cuts`. */
function quotedLines(text: string, cuts: number[]): void {
  // The last non-blank line before this one, unless it was quoted: a block's attribution candidate.
  let prevStart = -1;
  let prevEnd = -1;
  let prevQuoted = false;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i < end) {
      const isQuote = text[i] === '>';
      if (isQuote) {
        if (!prevQuoted && prevStart >= 0 && endsWithColon(text, prevStart, prevEnd)) cuts.push(prevStart, prevEnd);
        cuts.push(start, end);
      }
      prevStart = start;
      prevEnd = end;
      prevQuoted = isQuote;
    }
    start = end + 1;
  }
}

function endsWithColon(text: string, start: number, end: number): boolean {
  let j = end - 1;
  while (j >= start && /\s/.test(text[j])) j--;
  return j >= start && (text[j] === ':' || text[j] === '：');
}

/**
 * Adds each signature's lines to `cuts`: after a sign-off, or a footer's block (footer-spans.ts). The next
 * `until` line and `keepWith` phrase are searched once per signature, and a start within the last signature cut is
 * passed over, so a text of sign-offs and footers costs one pass per search.
 */
function signatureLines(text: string, cue: CompiledCue, cuts: number[]): void {
  const footers = footerSpans(text, cue);
  let fi = 0;
  const opens = cue.opens;
  if (opens) opens.lastIndex = 0;
  // The next sign-off's signature at or after the sign-off search's position (the rules' sign-off test,
  // closing-zone.ts; `opens` only finds line starts): to the end of the field.
  let searched = !opens;
  const nextSignOff = (): number => {
    for (let m; !searched && (m = opens!.exec(text)) !== null;) {
      opens!.lastIndex = m.index + Math.max(m[0].length, 1);
      const from = openedAt(text, m.index, m.index + m[0].length, cue.windowChars);
      if (from >= 0) return from;
    }
    searched = true;
    return Infinity;
  };
  let signOff = nextSignOff();
  // The last answers of the two searches: still the next ones while the signature starts no later.
  let untilAt = -1;
  let keepAt = -1;
  let done = 0;
  while (signOff !== Infinity || fi < footers.length) {
    const footer = fi < footers.length && footers[fi].from < signOff;
    const from = Math.max(footer ? footers[fi].from : signOff, done);
    const end = footer ? footers[fi++].to : text.length;
    if (from < end) {
      if (untilAt < from) untilAt = firstAt(cue.until, text, from);
      if (keepAt < from) keepAt = firstAt(cue.keepWith, text, from);
      // Up to the `until` line, or the start of the line where the sender speaks again.
      const keepLine = keepAt === Infinity ? Infinity : text.lastIndexOf('\n', keepAt - 1) + 1;
      const to = Math.min(untilAt, keepLine, end);
      for (let start = from; start < to;) {
        let lineEnd = text.indexOf('\n', start);
        if (lineEnd < 0 || lineEnd > to) lineEnd = to;
        if (lineEnd > start) cuts.push(start, lineEnd);
        start = lineEnd + 1;
      }
      done = Math.max(done, to);
    }
    // After a sign-off's signature the search goes on after what was cut: sign-offs inside it open nothing more. One
    // inside a footer still opens its signature (as for the rules, closing-zone.ts).
    if (!footer) {
      if (!searched && opens!.lastIndex < done) opens!.lastIndex = done;
      signOff = nextSignOff();
    }
  }
}

/** `text` without the [start, end) ranges in `cuts` (pairs, possibly overlapping, in any order). */
function without(text: string, cuts: number[]): string {
  const pairs: [number, number][] = [];
  for (let i = 0; i < cuts.length; i += 2) pairs.push([cuts[i], cuts[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of pairs) {
    if (e <= at) continue;
    if (s > at) out += text.slice(at, s);
    at = Math.max(at, e);
  }
  return out + text.slice(at);
}

type OwnWordsOptions = { skipQuotedLines?: boolean; skipSignatureOf?: string };

/** Readers made per compiled cue list (a policy compiles its cues once) and options object (a model's, a training's). */
const readers = new WeakMap<readonly CompiledCue[], WeakMap<OwnWordsOptions, ((text: string) => string) | null>>();

/**
 * The own-words reading a model's options ask for (`skipQuotedLines`, `skipSignatureOf` naming one of `cues`, a
 * `closing` set), or null when they ask for none. A `skipSignatureOf` the policy lacks reads no signature
 * (load-model.ts reports it as a model problem).
 */
export function ownWordsReader(cues: readonly CompiledCue[], o: OwnWordsOptions): ((text: string) => string) | null {
  if (!o.skipQuotedLines && !o.skipSignatureOf) return null;
  let byOptions = readers.get(cues);
  if (!byOptions) readers.set(cues, (byOptions = new WeakMap()));
  let r = byOptions.get(o);
  if (r === undefined) {
    const sig = o.skipSignatureOf ? (cues.find((c) => c.id === o.skipSignatureOf && c.position === 'closing') ?? null) : null;
    const quoted = !!o.skipQuotedLines;
    r = quoted || sig ? (text: string) => ownWords(text, quoted, sig) : null;
    byOptions.set(o, r);
  }
  return r;
}

/**
 * The own words of a ticket's normalised fields, each read alone (a signature ends with its field) and joined as
 * classify() joins them (each followed by a line break). `joined` is that join of the whole fields: returned as it
 * is when the reading leaves nothing out of it, which is the common case and costs no second normalisation.
 */
export function ownWordsOfFields(own: (text: string) => string, joined: string, fields: () => readonly string[]): string {
  if (own(joined) === joined) return joined;
  let out = '';
  for (const f of fields()) out += `${own(f)}\n`;
  return out;
}
