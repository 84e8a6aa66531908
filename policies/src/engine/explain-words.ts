/**
 * The words of the classifier's `why`: policy templates filled with localised labels, `terms` and the
 * customer's quoted words (explain-classification.ts, explain-retraction.ts). Browser-safe.
 */
import type { CategoryId, Locale, SeverityId, SignalId } from '../ids';
import type { Match, Policy, TemplateVars } from '../types';
import { listText } from './list-text';
import { renderTemplate } from './render-script';

export interface WordsCtx {
  policy: Policy;
  locale: Locale;
}

export type ExplanationId = Exclude<keyof Policy['explanations'], 'terms'>;
export type TermId = keyof NonNullable<Policy['explanations']['terms']>;

const MAX_QUOTE = 60;

/** The customer's words in JSON quotes, cut at MAX_QUOTE characters. */
export function quote(text: string): string {
  const t = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  // JSON.stringify is the definition; most quotes have nothing it would escape, and joining is cheaper.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(t);
  }
  return `"${t}"`;
}

export function say(x: WordsCtx, id: ExplanationId, vars: TemplateVars): string {
  const t = x.policy.explanations[id];
  if (!t) return '';
  return renderTemplate(t[x.locale] ?? t[x.policy.defaultLocale], vars);
}

export const categoryName = (x: WordsCtx, id: CategoryId) => x.policy.categories[id]?.label[x.locale] ?? id;
export const severityName = (x: WordsCtx, id: SeverityId) => x.policy.severities[id]?.label[x.locale] ?? id;
export const signalName = (x: WordsCtx, id: SignalId) => x.policy.signals[id]?.label[x.locale] ?? id;
/** A policy term in the reader's locale; '' when the policy names none (the engine has no words of its own). */
export const term = (x: WordsCtx, id: TermId) => x.policy.explanations.terms?.[id][x.locale] ?? '';
export const fieldTerm = (x: WordsCtx, field: string) =>
  term(x, field === 'subject' ? 'subject' : field === 'description' ? 'description' : 'comment');

/** What a rule indicates, in labels: its signals, else its severity and category. */
export function ruleLabels(x: WordsCtx, m: Match): string {
  const sets = m.sets;
  if (sets.signals?.length)
    return listText(
      x.locale,
      sets.signals.map((s) => signalName(x, s)),
    );
  const parts: string[] = [];
  if (sets.severity) parts.push(severityName(x, sets.severity));
  if (sets.category) parts.push(categoryName(x, sets.category));
  return listText(x.locale, parts);
}

/** A rule's first match: the customer's words, where they were, and what the rule indicates (never its id). */
export function evidence(x: WordsCtx, m: Match): string {
  return say(x, 'match', { rule: ruleLabels(x, m), text: quote(m.text), field: fieldTerm(x, m.field), weight: m.weight });
}
