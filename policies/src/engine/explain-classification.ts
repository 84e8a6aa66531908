/**
 * The `why` of a classification, in any locale. All wording comes from the policy's `explanations`
 * templates; this file only fills them with localised labels (categories, severities, signals), rule ids,
 * scores and the matched text. `explainStored` renders it again from a stored classification's `basis`
 * and matches (the reasons as data), so a reader gets it in their locale without classifying again.
 * Browser-safe: no zod, no schema imports.
 */
import type { CategoryId, Locale, SeverityId, SignalId } from '../ids';
import type { Classification, Match, Policy, TemplateVars } from '../types';
import { listText } from './list-text';
import { renderTemplate } from './render-script';

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
}

type ExplanationId = keyof Policy['explanations'];

const MAX_QUOTE = 60;

interface Ctx { policy: Policy; locale: Locale }

function quote(text: string): string {
  const t = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  return JSON.stringify(t);
}

function say(x: Ctx, id: ExplanationId, vars: TemplateVars): string {
  const t = x.policy.explanations[id];
  if (!t) return '';
  return renderTemplate(t[x.locale] ?? t[x.policy.defaultLocale], vars);
}

const categoryName = (x: Ctx, id: CategoryId) => x.policy.categories[id]?.label[x.locale] ?? id;
const severityName = (x: Ctx, id: SeverityId) => x.policy.severities[id]?.label[x.locale] ?? id;
const signalName = (x: Ctx, id: SignalId) => x.policy.signals[id]?.label[x.locale] ?? id;



/** The model's heaviest features repeat across tickets: their quoted, locale-joined lists are cached (bounded). */
const featureLists = new Map<string, string>();
const FEATURE_LISTS_MAX = 5000;

function featureList(locale: Locale, features: string[]): string {
  const key = `${locale}\u0000${features.join('\u0000')}`;
  let text = featureLists.get(key);
  if (text === undefined) {
    if (featureLists.size >= FEATURE_LISTS_MAX) featureLists.clear();
    text = listText(locale, features.map((f) => quote(f)));
    featureLists.set(key, text);
  }
  return text;
}

/** A rule's first match (it carries the rule's id, weight and what it sets). */
function evidence(x: Ctx, m: Match): string {
  return say(x, 'match', { rule: m.ruleId, text: quote(m.text), field: m.field, weight: m.weight });
}

/** What a stored classification's `why` was made from, beside its matches, scores and confidence. */
export function basisOf(d: ClassifyDecision, firstByRule: Map<number, Match>): NonNullable<Classification['basis']> {
  return {
    scored: d.scored, best: Number.isFinite(d.best) ? d.best : null, minScore: d.minScore,
    severityRule: d.severityRule === null ? null : firstByRule.get(d.severityRule)?.ruleId ?? null, forcedBy: d.forcedBy,
    ruleCategory: d.ruleCategory ?? d.category, ruleSeverity: d.ruleSeverity ?? d.severity, model: d.model ?? null,
  };
}

/** The `why` of a stored classification in `locale`, from its reasons as data; null when it has no `basis` (stored before). */
export function explainStored(c: Classification, policy: Policy, locale: Locale): Classification['why'] | null {
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
  return explain(policy, {
    category: c.category, scored: b.scored, best: b.best ?? -Infinity, minScore: b.minScore, severity: c.severity, severityRule,
    forcedBy: b.forcedBy, signals: c.signals, scores: c.scores, firstByRule, ruleCategory: b.ruleCategory, ruleSeverity: b.ruleSeverity,
    model: b.model, confidence: c.confidence, disagreements: c.disagreements,
  }, locale);
}

export function explain(policy: Policy, d: ClassifyDecision, locale: Locale = policy.defaultLocale): Classification['why'] {
  const x: Ctx = { policy, locale };
  const rulesView = d.model ? { ...d, category: d.ruleCategory ?? d.category } : d;
  const why = { category: explainCategory(x, rulesView), severity: explainSeverity(x, d), signals: explainSignals(x, d) };
  if (!d.model) return why;
  const pct = (v: number | undefined) => Math.round(100 * (v ?? 0));
  const feats = (fs: string[]) => featureList(x.locale, fs);
  const add = (base: string, field: string, decision: string, percent: number, features: string[]) => {
    const t = say(x, 'modelOpinion', { field, decision, percent, reasons: feats(features) });
    return t ? `${base} ${t}` : base;
  };
  why.category = add(why.category, 'category', categoryName(x, d.category), pct(d.confidence?.category), d.model.category);
  why.severity = add(why.severity, 'severity', severityName(x, d.severity), pct(d.confidence?.severity), d.model.severity);
  for (const s of d.signals) {
    const base = why.signals[s] ?? '';
    why.signals[s] = add(base, 'signal', signalName(x, s), pct(d.confidence?.signals[s]), d.model.signals[s] ?? []).trim();
  }
  for (const g of d.disagreements ?? []) {
    // Category and severity ids read as their labels (only those two fields are explained here).
    const name = (v: string) => (g.field === 'category' ? categoryName(x, v as CategoryId) : g.field === 'severity' ? severityName(x, v as SeverityId) : v);
    const t = say(x, 'disagreement', { field: g.field, others: name(g.rules), decision: name(g.kept) });
    if (!t) continue;
    if (g.field === 'category') why.category += ` ${t}`;
    else if (g.field === 'severity') why.severity += ` ${t}`;
  }
  return why;
}

function explainCategory(x: Ctx, d: ClassifyDecision): string {
  const category = categoryName(x, d.category);
  if (!d.scored) {
    return say(x, 'categoryDefault', { category, score: Number.isFinite(d.best) ? d.best : 0, min_score: d.minScore });
  }
  const reasons: string[] = [];
  for (const m of d.firstByRule.values()) if (m.sets.category === d.category) reasons.push(evidence(x, m));
  // sentences are joined with one space (templates are trimmed, so the engine supplies the separator)
  const out = [say(x, 'categoryScored', { category, score: d.best, min_score: d.minScore, reasons: listText(x.locale, reasons) })];
  const tied = x.policy.classification.categoryOrder.filter((id) => id !== d.category && d.scores[id] === d.best);
  if (tied.length) out.push(say(x, 'categoryTie', { category, others: listText(x.locale, tied.map((id) => categoryName(x, id))) }));
  const others = (Object.entries(d.scores) as [CategoryId, number][]).filter(([id]) => id !== d.category).map(([id, s]) => `${categoryName(x, id)} ${s}`);
  if (others.length) out.push(say(x, 'otherScores', { others: listText(x.locale, others) }));
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
