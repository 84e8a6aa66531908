/**
 * Signals the rules found only in questions: every match of a rule that sets the signal lies in a
 * sentence that ends with a question mark ("Will this catch fire?", "Is it normal for my gums to
 * bleed a little?", "吞下去会怎样？"). A customer asking whether something is a hazard is weaker
 * evidence than one reporting it, so the model may veto such a signal at a higher probability
 * (`vetoAskedSignalBelow`, apply-model.ts); the veto asks for review like any other. A subject is a
 * title without sentence ends: its match counts as asked when it ends with a question mark or when
 * the body asks a question ("Bleeding gums" over "Is it normal for my gums to bleed?"); a hazard the
 * body states in a sentence that is no question keeps the signal. Structure only: no wording is
 * read. Pure; browser-safe.
 */
import type { SeverityId, SignalId } from '../ids';
import type { Match, Policy, Ticket } from '../types';
import { SENTENCE_END } from './sentence-ends';
import { ticketFields } from './ticket-fields';

/** The question marks (each one UTF-16 unit); apply-model.ts's `text:question` feature reads the same. */
export const QUESTION_MARKS: readonly string[] = ['?', '？'];
/** Whether `text` holds one of `marks` (each one UTF-16 unit): string search, no regex scan of the text. */
export const holdsAny = (text: string, marks: readonly string[]) => marks.some((m) => text.includes(m));

/** Whether the sentence holding text[end - 1] ends with a question mark (the first sentence end after it). */
export function inQuestion(text: string, end: number): boolean {
  for (let i = end; i < text.length; i++) if (SENTENCE_END.test(text[i])) return QUESTION_MARKS.includes(text[i]);
  return false;
}

/** Whether `signal` was set by at least one match and every such match lies in a question (see above). */
export function askedOnly(ticket: Ticket, matches: readonly Match[], signal: SignalId): boolean {
  return askedOnlyWhere(ticket, matches, (m) => m.sets.signals?.includes(signal) === true);
}

/**
 * Whether at least one match of the rules in `standing` (those whose severity still stands: vetoed-severity.ts
 * `rulesWithout`) sets `severity`, and every such match lies in a question: `keepRuleSeverityWhenAsked` (apply-model.ts).
 */
export function askedSeverityOnly(ticket: Ticket, matches: readonly Match[], severity: SeverityId, standing: readonly string[]): boolean {
  return askedOnlyWhere(ticket, matches, (m) => m.sets.severity === severity && standing.includes(m.ruleId));
}

/** Whether at least one match passes `pick` and every such match lies in a question (see above). */
function askedOnlyWhere(ticket: Ticket, matches: readonly Match[], pick: (m: Match) => boolean): boolean {
  let fields: [string, string][] | null = null;
  let bodyAsks: boolean | null = null;
  let any = false;
  for (const m of matches) {
    if (!pick(m)) continue;
    fields ??= ticketFields(ticket);
    const text = fields.find(([f]) => f === m.field)?.[1] ?? '';
    if (!inQuestion(text, m.end)) {
      if (m.field !== 'subject') return false;
      bodyAsks ??= fields.some(([f, t]) => f !== 'subject' && holdsAny(t, QUESTION_MARKS));
      if (!bodyAsks) return false;
    }
    any = true;
  }
  return any;
}

/**
 * The probability below which the model vetoes a kept signal the rules found: `vetoKeptSignalBelow`,
 * raised to `vetoAskedSignalBelow` when every match of the signal's rules lies in a question.
 */
export function vetoBelow(
  ref: NonNullable<Policy['classification']['model']>,
  s: SignalId,
  byRules: boolean,
  ticket: Ticket | undefined,
  matches: readonly Match[],
): number {
  const kept = ref.vetoKeptSignalBelow?.[s] ?? 0;
  const asked = ref.vetoAskedSignalBelow?.[s];
  if (asked === undefined || asked <= kept || !byRules || !ticket) return kept;
  return askedOnly(ticket, matches, s) ? asked : kept;
}
