/**
 * The text the severity head reads (model option `severityMaskSignals`): the ticket without the
 * clauses that carry a threat rule match (legal, media, regulator, extortion in the default model).
 * domain.md §4: threats do not change severity, and a cosmetic complaint with an absurd demand is still L3. The category and
 * signal heads keep reading everything. A clause is the span between clause delimiters
 * (`. ! ? ; , 。！？；，` and their full-width forms, new lines; not a separator inside a number)
 * around a match. Training
 * (train-model.ts) and the run time (apply-model.ts) call the same function. Pure and browser-safe,
 * but only model code imports it (the sidebar never attaches a model).
 */
import type { SignalId } from '../ids';
import type { Match, Policy, Ticket } from '../types';
import { compileRules } from './compile-rules';
import { normalizeText } from './normalize-text';
import { ticketFields } from './ticket-fields';

/** Clause delimiters in the ORIGINAL text (spans point there): ASCII, CJK and full-width forms. */
const DELIMITERS = codeSet('.!?;,\n。！？；，．｡');
/** The delimiters that also separate a number's digits. */
const NUMBER_SEPARATORS = codeSet('.,，．');

/** The UTF-16 units of `chars` (each one unit): `has` on a char code, no one-character strings made. */
function codeSet(chars: string): Set<number> {
  return new Set(Array.from(chars, (c) => c.charCodeAt(0)));
}

/** [0-9０-９] for a char code (NaN, past either end of the text, is none). */
const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);

/** Whether text[i] ends a clause: a delimiter, except a separator inside a number ("$50,000", "4.5"). */
export function endsClause(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return DELIMITERS.has(c) && !(isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)) && NUMBER_SEPARATORS.has(c));
}

const masked = new WeakMap<Policy, Map<string, Set<string>>>();

/**
 * Ids of the rules whose clauses the severity head does not read: rules that set no category and
 * no severity, only signals among `signals` (the model's `severityMaskSignals`) that force no
 * severity in the policy. Cached per policy object.
 */
export function maskedRuleIds(policy: Policy, signals: readonly SignalId[]): Set<string> {
  // Every ticket asks with the model's one list: answered from the last answer while the list reads the same.
  const l = lastAnswer.get(policy);
  if (l && l.signals === signals && sameList(l.copy, signals)) return l.ids;
  let byKey = masked.get(policy);
  if (!byKey) masked.set(policy, (byKey = new Map()));
  const key = signals.join();
  let ids = byKey.get(key);
  if (!ids) {
    const maskable = (s: SignalId) => signals.includes(s) && !policy.signals[s]?.forcesSeverity;
    ids = new Set(
      policy.classification.rules
        .filter((r) => !r.sets.category && !r.sets.severity && (r.sets.signals ?? []).length > 0 && r.sets.signals!.every(maskable))
        .map((r) => r.id),
    );
    byKey.set(key, ids);
  }
  lastAnswer.set(policy, { signals, copy: [...signals], ids });
  return ids;
}

/** maskedRuleIds' last answer per policy: the list asked with (and a copy of what it held then) and the ids. */
const lastAnswer = new WeakMap<Policy, { signals: readonly SignalId[]; copy: SignalId[]; ids: Set<string> }>();

function sameList(a: readonly SignalId[], b: readonly SignalId[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `text` with each clause that overlaps one of `spans` replaced by a line break (no n-gram spans the gap). */
export function maskClauses(text: string, spans: readonly { start: number; end: number }[]): string {
  const cut: [number, number][] = [];
  for (const { start, end } of spans) {
    let s = start;
    while (s > 0 && !endsClause(text, s - 1)) s--;
    let e = end;
    while (e < text.length && !endsClause(text, e)) e++;
    cut.push([s, e]);
  }
  cut.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of cut) {
    if (s >= at) {
      out += `${text.slice(at, s)}\n`;
      at = e;
    } else if (e > at) at = e;
  }
  return out + text.slice(at);
}

/**
 * The normalised text and subject the severity head reads, or null when no masked rule matched
 * (the head then reads the same text as the others). Same layout as classify()'s normalised text:
 * each non-empty field followed by a line break.
 */
export function severityText(
  policy: Policy,
  ticket: Ticket,
  matches: readonly Match[],
  signals: readonly SignalId[],
  own?: ((text: string) => string) | null,
): { text: string; subject: string; own?: string } | null {
  const ids = maskedRuleIds(policy, signals);
  const hits = matches.filter((m) => ids.has(m.ruleId));
  if (hits.length === 0) return null;
  const replacer = compileRules(policy).replacer;
  let text = '';
  let subject = '';
  // The sender's own words of each masked field, for the model's n-grams (own-words.ts): only when they differ.
  let ownText = '';
  for (const [field, original] of ticketFields(ticket)) {
    if (!original) continue;
    const spans = hits.filter((m) => m.field === field);
    const n = normalizeText(spans.length ? maskClauses(original, spans) : original, replacer).text;
    text += `${n}\n`;
    if (own) ownText += `${own(n)}\n`;
    if (field === 'subject') subject = n;
  }
  return own && ownText !== text ? { text, subject, own: ownText } : { text, subject };
}
