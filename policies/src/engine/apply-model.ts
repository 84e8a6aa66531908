/**
 * Combines the rules' outcome with the learned model (when the policy has one attached):
 * the model decides category and severity (it sees the matched rules as features), adds a
 * signal it is sure of and drops a rule signal it finds very unlikely — except the signals the
 * policy keeps (`model.keepSignals`, safety by default): rules that force always win, and a
 * signal's `forcesSeverity` is applied last. Disagreements and confidences are reported.
 * Pure; the model is looked up with `modelOf(policy)`.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, type CategoryId, type SeverityId, type SignalId } from '../ids';
import type { Classification, Policy } from '../types';
import { CAT0, SEV0, SIG0, heaviest, logits, scoresOf, textFeatureHashes, type LinearModel } from './linear-model';

export interface RuleOutcome {
  category: CategoryId;
  /** Whether a rule scored the category (else the default applied). */
  scored: boolean;
  severity: SeverityId;
  /** Whether a rule or a signal set the severity (else the category default applied). */
  severitySet: boolean;
  signals: SignalId[];
  ruleIds: string[];
}

export interface Combined {
  category: CategoryId;
  severity: SeverityId;
  signals: SignalId[];
  forcedBy: SignalId | null;
  confidence: NonNullable<Classification['confidence']>;
  review: NonNullable<Classification['review']>;
  disagreements: NonNullable<Classification['disagreements']>;
  /** Heaviest features per decided field (for the "why"). */
  heaviest: { category: string[]; severity: string[]; signals: Partial<Record<SignalId, string[]>> } | null;
}

const rank = (s: SeverityId) => SEVERITY_IDS.indexOf(s);

function argmax<T extends string>(p: Record<T, number>): T {
  let best: T | null = null;
  for (const k of Object.keys(p) as T[]) if (best === null || p[k] > p[best]) best = k;
  return best!;
}

/** Raises `severity` to what the signals force; returns the forcing signal. */
export function forceSeverity(policy: Policy, severity: SeverityId, signals: SignalId[]): { severity: SeverityId; forcedBy: SignalId | null } {
  let forcedBy: SignalId | null = null;
  for (const s of signals) {
    const forced = policy.signals[s].forcesSeverity;
    if (forced && rank(forced) < rank(severity)) { severity = forced; forcedBy = s; }
  }
  return { severity, forcedBy };
}

export function combine(policy: Policy, rules: RuleOutcome, model: LinearModel | null, normalizedText: string): Combined {
  const minConfidence = policy.classification.review?.minConfidence ?? 0.6;
  const ref = policy.classification.model;
  if (!model || !ref || ref.enabled === false) return rulesOnly(policy, rules, minConfidence);

  const ngrams = new Set<number>();
  const o = model.artifact.options;
  textFeatureHashes(normalizedText, model.fold, o.charNgrams, o.wordNgrams, ngrams);
  const ruleFeatures = [...rules.ruleIds.map((id) => `rule:${id}`), ...rules.signals.map((s) => `sig:${s}`)];
  const { z, used, scale, ruleCount } = logits(model, ngrams, ruleFeatures);
  const p = scoresOf(z, used);

  const keep = new Set<SignalId>(ref.keepSignals ?? ['safety']);
  const signalSet = new Set<SignalId>();
  const disagreements: Combined['disagreements'] = [];
  for (const s of SIGNAL_IDS) {
    const byRules = rules.signals.includes(s);
    const prob = p.signals[s];
    if (byRules && (keep.has(s) || prob >= (ref.dropSignalBelow ?? 0.05))) signalSet.add(s);
    else if (!byRules && prob >= (ref.addSignalAt ?? 0.85)) signalSet.add(s);
    if (byRules !== prob >= 0.5) disagreements.push({ field: `signal:${s}`, rules: byRules ? 'yes' : 'no', model: prob >= 0.5 ? 'yes' : 'no', kept: signalSet.has(s) ? 'yes' : 'no' });
  }
  const signals = SIGNAL_IDS.filter((s) => signalSet.has(s));
  const category = argmax(p.category);
  const modelSeverity = argmax(p.severity);
  const ruleWins = rules.severitySet && (ref.keepRuleSeverity ?? []).includes(rules.severity) && rank(rules.severity) < rank(modelSeverity);
  const { severity, forcedBy } = forceSeverity(policy, ruleWins ? rules.severity : modelSeverity, signals);
  if (rules.scored && rules.category !== category) disagreements.push({ field: 'category', rules: rules.category, model: category, kept: category });
  if (rules.severitySet && rules.severity !== modelSeverity) disagreements.push({ field: 'severity', rules: rules.severity, model: modelSeverity, kept: severity });

  const sigConf: Partial<Record<SignalId, number>> = {};
  for (const s of SIGNAL_IDS) {
    // Confidence in the decision taken: P(signal) when kept, 1 - P when absent; a forced keep counts as sure.
    const prob = p.signals[s];
    sigConf[s] = signalSet.has(s) ? (rules.signals.includes(s) && keep.has(s) ? 1 : prob) : 1 - prob;
  }
  const confidence = { category: p.category[category], severity: forcedBy || ruleWins ? 1 : p.severity[severity], signals: sigConf };
  const reasons: string[] = [];
  if (confidence.category < minConfidence) reasons.push('low_confidence:category');
  if (confidence.severity < minConfidence) reasons.push('low_confidence:severity');
  for (const s of SIGNAL_IDS) if ((sigConf[s] ?? 1) < minConfidence) reasons.push(`low_confidence:signal:${s}`);
  if (rules.ruleIds.length === 0) reasons.push('no_rule_matched');
  for (const s of keep) if (!rules.signals.includes(s) && signalSet.has(s)) reasons.push(`model_added:${s}`);
  const sigWhy: Partial<Record<SignalId, string[]>> = {};
  for (const s of signals) sigWhy[s] = heaviest(model, used, scale, SIG0 + SIGNAL_IDS.indexOf(s), ruleCount).map(([f]) => f);
  return {
    category, severity, signals, forcedBy, confidence, disagreements,
    review: { needed: reasons.length > 0, reasons },
    heaviest: {
      category: heaviest(model, used, scale, CAT0 + CATEGORY_IDS.indexOf(category), ruleCount).map(([f]) => f),
      severity: heaviest(model, used, scale, SEV0 + SEVERITY_IDS.indexOf(modelSeverity), ruleCount).map(([f]) => f),
      signals: sigWhy,
    },
  };
}

/** Without a model: a field a rule decided is sure (1), a fallback is not (0) and asks for review. */
function rulesOnly(policy: Policy, r: RuleOutcome, minConfidence: number): Combined {
  const { severity, forcedBy } = forceSeverity(policy, r.severity, r.signals);
  const signals: Partial<Record<SignalId, number>> = {};
  for (const s of r.signals) signals[s] = 1;
  const confidence = { category: r.scored ? 1 : 0, severity: r.severitySet || forcedBy ? 1 : 0, signals };
  const reasons: string[] = [];
  if (r.ruleIds.length === 0) reasons.push('no_rule_matched');
  else {
    if (confidence.category < minConfidence) reasons.push('low_confidence:category');
    if (confidence.severity < minConfidence) reasons.push('low_confidence:severity');
  }
  return { category: r.category, severity, signals: r.signals, forcedBy, confidence, review: { needed: reasons.length > 0, reasons }, disagreements: [], heaviest: null };
}
