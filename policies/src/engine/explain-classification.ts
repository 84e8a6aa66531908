/**
 * The `why` of a classification, in any locale. All wording comes from the policy's `explanations`
 * templates; this file only fills them with localised labels (categories, severities, signals, `terms`),
 * scores and the customer's own words — never a rule id or a model feature key (the model's heaviest
 * features are read back as the words of the ticket they came from, feature-phrase.ts). `explainStored` renders it again from a stored classification's `basis`
 * and matches (the reasons as data), so a reader gets it in their locale without classifying again.
 * Browser-safe: no zod, no schema imports.
 */
import type { CategoryId, Locale, SeverityId, SignalId } from '../ids';
import type { Classification, Match, Policy, Retraction } from '../types';
import type { Tokens } from './feature-phrase';
import { listText } from './list-text';
import { categoryName, evidence, quote, say, severityName, signalName, term, type TermId, type WordsCtx } from './explain-words';
import { retractionText } from './explain-retraction';
import { attachedModelOf, phraseFinder } from './model-registry';

/** The ticket's text the model read: the subject, and every field it classified (subject included) joined by lines. */
export interface ExplainTexts {
  subject: string;
  body: string;
}

export interface ClassifyDecision {
  category: CategoryId;
  scored: boolean;
  best: number;
  minScore: number;
  severity: SeverityId;
  severityRule: number | null;
  forcedBy: SignalId | null;
  signals: SignalId[];
  scores: Partial<Record<CategoryId, number>>;
  firstByRule: Map<number, Match>;
  /** What the rules alone said (differs from category/severity when the learned model decided). */
  ruleCategory?: CategoryId;
  ruleSeverity?: SeverityId;
  /** The learned model's heaviest features per field; null/undefined without a model. */
  model?: { category: string[]; severity: string[]; signals: Partial<Record<SignalId, string[]>> } | null;
  confidence?: NonNullable<Classification['confidence']>;
  disagreements?: NonNullable<Classification['disagreements']>;
  /** Rules an `unless` phrase retracted (explain-retraction.ts). */
  retracted?: Retraction[];
}

interface Ctx extends WordsCtx {
  texts?: ExplainTexts;
  tokens?: { subject: Tokens; body: Tokens };
  /**
   * featureReason per model feature (the heads share their heaviest features): the features asked about so
   * far and their reasons, side by side (a few per ticket: a list is cheaper to make than a Map).
   */
  asked?: string[];
  reasons?: (string | null)[];
}

/**
 * One heaviest model feature in plain language: a matched rule as the words it matched, a rule signal as its
 * label, punctuation and money features as policy `terms`, an n-gram as the customer's words behind it.
 * Null when it cannot be said that way (e.g. the text is not at hand): it is left out, never shown as a key.
 */
function featureReason(x: Ctx, f: string, matches: ReadonlyMap<number, Match>): string | null {
  const colon = f.indexOf(':');
  const kind = colon > 0 ? f.slice(0, colon) : '';
  const rest = f.slice(colon + 1);
  if (kind === 'rule') {
    for (const m of matches.values()) if (m.ruleId === rest) return quote(m.text);
    return null;
  }
  if (kind === 'sig') return x.policy.signals[rest as SignalId]?.label[x.locale] ?? null;
  // `text:question` (a question mark) and `text:questions:<pct>` (a share of the sentences are questions) read as a question.
  if (kind === 'text') return term(x, rest.startsWith('question') ? 'question' : 'exclaim') || null;
  if (kind === 'amount') return term(x, rest.startsWith('ratio') ? 'amountRatio' : 'largeAmount') || null;
  // The phrase finder is registered by attach-model.ts: none in the sidebar, which has no model.
  const find = phraseFinder();
  if (!x.texts || !find) return null;
  const fold = attachedModelOf(x.policy)?.model.fold ?? new Map<string, string>();
  x.tokens ??= { subject: find.tokensOf(x.texts.subject), body: find.tokensOf(x.texts.body) };
  const phrase =
    kind === 's' ? find.ngramPhrase(rest, x.texts.subject, x.tokens.subject, fold) : find.ngramPhrase(f, x.texts.body, x.tokens.body, fold);
  return phrase === null ? null : quote(phrase);
}

function featureReasons(x: Ctx, features: string[], matches: ReadonlyMap<number, Match>): string {
  const out: string[] = [];
  const asked = (x.asked ??= []);
  const reasons = (x.reasons ??= []);
  for (const f of features) {
    const i = asked.indexOf(f);
    let r: string | null;
    if (i >= 0) r = reasons[i];
    else {
      r = featureReason(x, f, matches);
      asked.push(f);
      reasons.push(r);
    }
    if (r && !out.includes(r)) out.push(r);
  }
  return listText(x.locale, out);
}

/** What a stored classification's `why` was made from, beside its matches, scores and confidence. */
export function basisOf(d: ClassifyDecision, firstByRule: Map<number, Match>): NonNullable<Classification['basis']> {
  return {
    scored: d.scored,
    best: Number.isFinite(d.best) ? d.best : null,
    minScore: d.minScore,
    severityRule: d.severityRule === null ? null : (firstByRule.get(d.severityRule)?.ruleId ?? null),
    forcedBy: d.forcedBy,
    ruleCategory: d.ruleCategory ?? d.category,
    ruleSeverity: d.ruleSeverity ?? d.severity,
    model: d.model ?? null,
    ...(d.retracted?.length ? { retracted: d.retracted } : {}),
  };
}

/** The `why` of a stored classification in `locale`, from its reasons as data; null when it has no `basis` (stored before). */
export function explainStored(c: Classification, policy: Policy, locale: Locale, texts?: ExplainTexts): Classification['why'] | null {
  const b = c.basis;
  if (!b) return null;
  const firstByRule = new Map<number, Match>();
  const seen = new Set<string>();
  let severityRule: number | null = null;
  for (const m of c.matches) {
    if (seen.has(m.ruleId)) continue;
    seen.add(m.ruleId);
    if (m.ruleId === b.severityRule) severityRule = firstByRule.size;
    firstByRule.set(firstByRule.size, m);
  }
  return explain(
    policy,
    {
      category: c.category,
      scored: b.scored,
      best: b.best ?? -Infinity,
      minScore: b.minScore,
      severity: c.severity,
      severityRule,
      forcedBy: b.forcedBy,
      signals: c.signals,
      scores: c.scores,
      firstByRule,
      ruleCategory: b.ruleCategory,
      ruleSeverity: b.ruleSeverity,
      model: b.model,
      confidence: c.confidence,
      disagreements: c.disagreements,
      retracted: b.retracted,
    },
    locale,
    texts,
  );
}

export function explain(
  policy: Policy,
  d: ClassifyDecision,
  locale: Locale = policy.defaultLocale,
  texts?: ExplainTexts,
): Classification['why'] {
  // Every field from the start: one object shape, however far the explanation goes.
  const x: Ctx = { policy, locale, texts, tokens: undefined, asked: undefined, reasons: undefined };
  const why = rulesWhy(x, d);
  if (!d.model) return why;
  const m = d.firstByRule;
  why.category = withOpinion(x, m, why.category, 'category', categoryName(x, d.category), d.confidence?.category, d.model.category);
  why.severity = withOpinion(x, m, why.severity, 'severity', severityName(x, d.severity), d.confidence?.severity, d.model.severity);
  for (const s of d.signals) {
    const base = why.signals[s] ?? '';
    why.signals[s] = withOpinion(x, m, base, 'signal', signalName(x, s), d.confidence?.signals[s], d.model.signals[s] ?? []).trim();
  }
  for (const g of d.disagreements ?? []) {
    // Category and severity ids read as their labels (only those two fields are explained here).
    const name = (v: string) =>
      g.field === 'category' ? categoryName(x, v as CategoryId) : g.field === 'severity' ? severityName(x, v as SeverityId) : v;
    const t = say(x, 'disagreement', {
      field: g.field === 'category' || g.field === 'severity' ? term(x, g.field) : '',
      others: name(g.rules),
      decision: name(g.kept),
    });
    if (!t) continue;
    if (g.field === 'category') why.category += ` ${t}`;
    else if (g.field === 'severity') why.severity += ` ${t}`;
  }
  return why;
}

/**
 * The `why` without a learned model: `explain` for a decision with no `model`, without the code that explains
 * one. classify() uses it when no model is attached, so the sidebar bundle (which never attaches one) carries
 * none of that code; with a model attached it reaches `explain` through attach-model.ts (model-registry.ts).
 */
export function explainRules(policy: Policy, d: ClassifyDecision, locale: Locale = policy.defaultLocale): Classification['why'] {
  return rulesWhy({ policy, locale }, d);
}

function rulesWhy(x: Ctx, d: ClassifyDecision): Classification['why'] {
  // The rules' part of the category explains what the rules chose (the model may have chosen otherwise).
  const ruleCategory = d.model ? (d.ruleCategory ?? d.category) : d.category;
  return {
    category: explainCategory(x, d, ruleCategory) + retractionText(x, d.retracted, 'category'),
    severity: explainSeverity(x, d) + retractionText(x, d.retracted, 'severity'),
    signals: explainSignals(x, d),
  };
}

/** `base` followed by the learned model's opinion on a field and the words that weighed most. */
function withOpinion(
  x: Ctx,
  matches: ReadonlyMap<number, Match>,
  base: string,
  field: TermId,
  decision: string,
  confidence: number | undefined,
  features: string[],
): string {
  const reasons = featureReasons(x, features, matches);
  // Without words to name, the opinion is left out rather than shown with an empty list.
  const percent = Math.round(100 * (confidence ?? 0));
  const t = reasons ? say(x, 'modelOpinion', { field: term(x, field), decision, percent, reasons }) : '';
  return t ? `${base} ${t}` : base;
}

/** The rules' category (`ruleCategory`, which d.category is without a model) and the scores behind it. */
function explainCategory(x: Ctx, d: ClassifyDecision, ruleCategory: CategoryId): string {
  const category = categoryName(x, ruleCategory);
  if (!d.scored) {
    return say(x, 'categoryDefault', { category, score: Number.isFinite(d.best) ? d.best : 0, min_score: d.minScore });
  }
  const reasons: string[] = [];
  for (const m of d.firstByRule.values()) if (m.sets.category === ruleCategory) reasons.push(evidence(x, m));
  // sentences are joined with one space (templates are trimmed, so the engine supplies the separator)
  const out = [say(x, 'categoryScored', { category, score: d.best, min_score: d.minScore, reasons: listText(x.locale, reasons) })];
  // Most tickets score one category: the lists below are only made when there is something to list.
  let tied: string[] | null = null;
  for (const id of x.policy.classification.categoryOrder)
    if (id !== ruleCategory && d.scores[id] === d.best) (tied ??= []).push(categoryName(x, id));
  if (tied) out.push(say(x, 'categoryTie', { category, others: listText(x.locale, tied) }));
  let others: string[] | null = null;
  for (const id in d.scores)
    if (id !== ruleCategory) (others ??= []).push(`${categoryName(x, id as CategoryId)} ${d.scores[id as CategoryId]}`);
  if (others) out.push(say(x, 'otherScores', { others: listText(x.locale, others) }));
  return out.join(' ');
}

function explainSeverity(x: Ctx, d: ClassifyDecision): string {
  let base: string;
  const m = d.severityRule === null ? undefined : d.firstByRule.get(d.severityRule);
  if (m?.sets.severity) {
    base = say(x, 'severityRule', { severity: severityName(x, m.sets.severity), reasons: evidence(x, m) });
  } else {
    const id = x.policy.categories[d.category].defaultSeverity;
    base = say(x, 'severityDefault', { severity: severityName(x, id), category: categoryName(x, d.category) });
  }
  if (!d.forcedBy) return base;
  return say(x, 'severityForced', { severity: severityName(x, d.severity), signals: signalName(x, d.forcedBy), reasons: base });
}

function explainSignals(x: Ctx, d: ClassifyDecision): Partial<Record<SignalId, string>> {
  const out: Partial<Record<SignalId, string>> = {};
  for (const s of d.signals) {
    const reasons: string[] = [];
    for (const m of d.firstByRule.values()) if (m.sets.signals?.includes(s)) reasons.push(evidence(x, m));
    out[s] = say(x, 'signal', { signals: signalName(x, s), reasons: listText(x.locale, reasons) });
  }
  return out;
}
