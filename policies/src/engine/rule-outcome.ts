/**
 * What the rules decided and how it becomes a classification without a learned model: a field a
 * rule decided is sure, a fallback is not, and a signal's `forcesSeverity` is applied. Also the
 * shared types of the combination (apply-model.ts adds the model). Pure; kept apart from the model
 * code so the sidebar, which never has a model attached, does not bundle it.
 */
import { severityRank as rank, type CategoryId, type SeverityId, type SignalId } from '../ids';
import type { Classification, Policy } from '../types';

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

/** Raises `severity` to what the signals force; returns the forcing signal. */
export function forceSeverity(
  policy: Policy,
  severity: SeverityId,
  signals: SignalId[],
): { severity: SeverityId; forcedBy: SignalId | null } {
  let forcedBy: SignalId | null = null;
  for (const s of signals) {
    const forced = policy.signals[s].forcesSeverity;
    if (forced && rank(forced) < rank(severity)) {
      severity = forced;
      forcedBy = s;
    }
  }
  return { severity, forcedBy };
}

/** Without a model: a field a rule decided is sure (1), a fallback is not (0) and asks for review. */
export function rulesOnly(policy: Policy, r: RuleOutcome): Combined {
  const minConfidence = policy.classification.review?.minConfidence ?? 0.6;
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
  return {
    category: r.category,
    severity,
    signals: r.signals,
    forcedBy,
    confidence,
    review: { needed: reasons.length > 0, reasons },
    disagreements: [],
    heaviest: null,
  };
}
