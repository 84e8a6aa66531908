import { z } from 'zod';
import { localized, localizedTemplate } from './common';

/**
 * Wording of the classifier's "why" (the sidebar's explanation and `{{matches}}` in notes when no phrase
 * matched), per locale. The engine fills them with localised labels, the `terms` below and the customer's own
 * words; it writes no words of its own and never a rule id or a model feature key.
 */
const terms = z.strictObject({
  /** Where a phrase matched (`{{field}}` of `match`). */
  subject: localized(80),
  description: localized(80),
  comment: localized(80),
  /** What rules and model disagreed on (`{{field}}` of `modelOpinion` and `disagreement`). */
  category: localized(80),
  severity: localized(80),
  signal: localized(80),
  /** Model reasons that are not words: the text asks a question, exclaims, names a large sum, names sums far apart. */
  question: localized(80),
  exclaim: localized(80),
  largeAmount: localized(80),
  amountRatio: localized(80),
});

export const explanations = z.strictObject({
  /**
   * One matched rule: `{{text}}` (quoted matched text), `{{field}}` (the `terms` name of where it matched),
   * `{{rule}}` (the labels of what the rule indicates: its signals, else its severity and category), `{{weight}}`.
   */
  match: localizedTemplate(300),
  /** The category came from rule scores: `{{category}}`, `{{score}}`, `{{min_score}}`, `{{reasons}}` (the `match` lines). */
  categoryScored: localizedTemplate(300),
  /** Appended on a score tie: `{{others}}` (tied categories), `{{category}}` (the one categoryOrder chose). */
  categoryTie: localizedTemplate(300),
  /** Appended when other categories scored too: `{{others}}` ("label score" pairs). */
  otherScores: localizedTemplate(300),
  /** No rule reached `minCategoryScore`: `{{category}}` (the default), `{{score}}` (best score, 0 if none), `{{min_score}}`. */
  categoryDefault: localizedTemplate(300),
  /** A matched rule set the severity: `{{severity}}`, `{{reasons}}`. */
  severityRule: localizedTemplate(300),
  /** No matched rule set one: `{{severity}}` is `{{category}}`'s `defaultSeverity`. */
  severityDefault: localizedTemplate(300),
  /** A signal forced the severity: `{{severity}}`, `{{signals}}` (the forcing signal), `{{reasons}}` (the severity before). */
  severityForced: localizedTemplate(300),
  /** One detected signal: `{{signals}}` (its label), `{{reasons}}`. */
  signal: localizedTemplate(300),
  /** The learned model's choice for a field: `{{field}}`, `{{decision}}`, `{{percent}}` (its confidence), `{{reasons}}` (the customer's words and the `terms` that weighed most). */
  modelOpinion: localizedTemplate(300).optional(),
  /** Rules and model disagreed on a field: `{{field}}`, `{{others}}` (what the rules said), `{{decision}}` (what was kept). */
  disagreement: localizedTemplate(300).optional(),
  /**
   * A matched rule an `unless` phrase retracted, said after the severity (or category) it would have set:
   * `{{others}}` (the rule's match, as `match` says it), `{{text}}` (the retracting words), `{{field}}` (where they are).
   */
  retracted: localizedTemplate(300).optional(),
  /** Localised names the engine puts into the templates above; without them a field name or a non-word model reason is left out. */
  terms: terms.optional(),
});
