/**
 * Signals the rules found only in words the customer mentions rather than reports: every match of a
 * rule that sets the signal lies in a question — a sentence ending with a question mark ("Will this
 * catch fire?", "Is it normal for my gums to bleed a little?", "吞下去会怎样？") — or inside quotation
 * marks (someone else's words or a name: 我妈说她的足浴盆“着火了”, popcorn maker 'explosion', 说是"人为划伤").
 * That is weaker evidence than a hazard stated in the customer's own words, so the model may veto
 * such a signal at a higher probability (`vetoMentionedSignalBelow`, apply-model.ts); the veto asks for
 * review like any other. A subject is a title without sentence ends: its match counts as asked when it
 * ends with a question mark or when the body asks a question ("Bleeding gums" over "Is it normal for my
 * gums to bleed?"). Any match stated outside a question and outside quotes keeps the signal.
 * Structure (punctuation) only: no wording is read. Pure; browser-safe.
 */
import type { SignalId } from '../ids';
import type { Match, Policy, Ticket } from '../types';
import { ticketFields } from './ticket-fields';

// The sentence ends cue windows stop at (scan-field.ts); a question ends at the first of them.
const SENTENCE_END = /[.!?;。！？；\n]/;
const QUESTION_MARK = /[?？]/;
const OPEN_QUOTES = `'"‘“「『`;
const CLOSE_QUOTES = `'"’”」』`;
// How far a quote may sit from the words it holds ("“要爆炸了”": 了 before the closing quote).
const QUOTE_REACH = 6;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** Whether the sentence holding text[end - 1] ends with a question mark (the first sentence end after it). */
export function inQuestion(text: string, end: number): boolean {
  for (let i = end; i < text.length; i++) if (SENTENCE_END.test(text[i])) return QUESTION_MARK.test(text[i]);
  return false;
}

/**
 * Whether text[start, end) sits inside quotation marks: an opening quote at most QUOTE_REACH characters
 * before it and a closing one at most QUOTE_REACH after, in the same sentence. An apostrophe inside a word
 * (it's, don't, the kids' toy after a letter) is no quote.
 */
export function inQuotes(text: string, start: number, end: number): boolean {
  let open = false;
  for (let i = start - 1; i >= 0 && i >= start - QUOTE_REACH; i--) {
    const c = text[i];
    if (SENTENCE_END.test(c)) return false;
    if (OPEN_QUOTES.includes(c) && !(c === "'" && i > 0 && LETTER_OR_DIGIT.test(text[i - 1]))) {
      open = true;
      break;
    }
  }
  if (!open) return false;
  for (let i = end; i < text.length && i < end + QUOTE_REACH; i++) {
    const c = text[i];
    if (SENTENCE_END.test(c)) return false;
    if (CLOSE_QUOTES.includes(c) && !(c === "'" && LETTER.test(text[i + 1] ?? ''))) return true;
  }
  return false;
}

/** Whether `signal` was set by at least one match and every such match is asked about or quoted (see above). */
export function mentionedOnly(ticket: Ticket, matches: readonly Match[], signal: SignalId): boolean {
  let fields: [string, string][] | null = null;
  let bodyAsks: boolean | null = null;
  let any = false;
  for (const m of matches) {
    if (!m.sets.signals?.includes(signal)) continue;
    fields ??= ticketFields(ticket);
    const text = fields.find(([f]) => f === m.field)?.[1] ?? '';
    if (!inQuestion(text, m.end) && !inQuotes(text, m.start, m.end)) {
      if (m.field !== 'subject') return false;
      bodyAsks ??= fields.some(([f, t]) => f !== 'subject' && QUESTION_MARK.test(t));
      if (!bodyAsks) return false;
    }
    any = true;
  }
  return any;
}

/**
 * The probability below which the model vetoes a kept signal the rules found: `vetoKeptSignalBelow`,
 * raised to `vetoMentionedSignalBelow` when every match of the signal's rules is only mentioned.
 */
export function vetoBelow(
  ref: NonNullable<Policy['classification']['model']>,
  s: SignalId,
  byRules: boolean,
  ticket: Ticket | undefined,
  matches: readonly Match[],
): number {
  const kept = ref.vetoKeptSignalBelow?.[s] ?? 0;
  const mentioned = ref.vetoMentionedSignalBelow?.[s];
  if (mentioned === undefined || mentioned <= kept || !byRules || !ticket) return kept;
  return mentionedOnly(ticket, matches, s) ? mentioned : kept;
}
