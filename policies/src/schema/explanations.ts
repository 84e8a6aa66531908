import { z } from 'zod';
import { localizedTemplate } from './common';

/**
 * Wording of the classifier's "why" (the sidebar's explanation and `{{matches}}` in notes when no phrase
 * matched), per locale. The engine fills them with localised labels, rule ids and matched text; it writes
 * no words of its own.
 */
export const explanations = z.strictObject({
  /** One matched rule: `{{rule}}` (rule id), `{{text}}` (quoted matched text), `{{field}}`, `{{weight}}`. */
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
  /** The learned model's choice for a field: `{{field}}`, `{{decision}}`, `{{percent}}` (its confidence), `{{reasons}}` (heaviest n-grams). */
  modelOpinion: localizedTemplate(300).optional(),
  /** Rules and model disagreed on a field: `{{field}}`, `{{others}}` (what the rules said), `{{decision}}` (what was kept). */
  disagreement: localizedTemplate(300).optional(),
});
