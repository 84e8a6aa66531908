/**
 * The learned layer's artifact: what `complaint-desk model train` writes and the server loads —
 * its format, the output layout of a weight row, and the shape check. Pure and browser-safe.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, type SignalId } from '../ids';

/**
 * What `model train` writes: v2 stores each weight as a whole number, the weight times `weightScale`
 * (10^decimals, 100 by default; 1000 gives exactly the doubles of v1's 3-decimal fractions, in about a
 * fifth fewer bytes).
 * v1 (weights as decimal fractions, no `weightScale`) is still read. The format changed so that a
 * reader that only knows v1 refuses a v2 artifact instead of reading weights 1000 times too large.
 */
export const MODEL_FORMAT = 'complaint-desk-linear-v2';
export const MODEL_FORMAT_V1 = 'complaint-desk-linear-v1';

/** Output layout of a feature's weight row: categories, then severities, then signals. */
export const OUTPUTS = [
  ...CATEGORY_IDS.map((c) => `category:${c}`),
  ...SEVERITY_IDS.map((s) => `severity:${s}`),
  ...SIGNAL_IDS.map((s) => `signal:${s}`),
];
export const CAT0 = 0;
export const SEV0 = CATEGORY_IDS.length;
export const SIG0 = SEV0 + SEVERITY_IDS.length;
export const WIDTH = SIG0 + SIGNAL_IDS.length;
/** Prefix of the subject's own n-gram features (options.subjectNgrams). */
export const SUBJECT_PREFIX = 's:';

export interface ModelArtifact {
  format: typeof MODEL_FORMAT | typeof MODEL_FORMAT_V1;
  /** v2 only: a weight is its stored number divided by this. */
  weightScale?: number;
  trainedAt: string;
  /** How many labelled examples it learned from, and from where. */
  examples: number;
  sources: string[];
  options: {
    charNgrams: number;
    wordNgrams: number;
    epochs: number;
    l2: number;
    minCount: number;
    ruleDropout?: number;
    subjectNgrams?: boolean;
    severityBlindSignals?: boolean;
    /** The severity head reads the text without the clauses of these signals' rule matches (threat-clauses.ts). */
    severityMaskSignals?: SignalId[];
    ngramCountFloor?: number;
    averageRuns?: number;
    /** Thresholds of the share of the body's sentences that are questions, each a `text:questions:<pct>` feature (question-share.ts). */
    questionShares?: number[];
    /** Signal heads trained with a rule dropout of their own (train-options.ts; training only). */
    ruleDropoutBySignal?: Partial<Record<SignalId, number>>;
    /** Weights of signals' positive examples in training (training only). */
    signalPositiveWeight?: Partial<Record<SignalId, number>>;
    /** The text n-grams leave out quoted lines (own-words.ts). */
    skipQuotedLines?: boolean;
    /** The text n-grams leave out the signatures this policy `closing` cue set opens (own-words.ts). */
    skipSignatureOf?: string;
  };
  /** Traditional → simplified characters for the model's vocabulary (applied before n-grams). */
  fold: Record<string, string>;
  bias: number[];
  /**
   * P(severity | category) in the training labels (rows in CATEGORY_IDS order, columns in
   * SEVERITY_IDS order, add-one smoothed): the prior `model.categorySeverityWeight` blends in.
   */
  severityGivenCategory?: number[][];
  /** Each category's share of the training labels (CATEGORY_IDS order, add-one smoothed): `model.categoryPriorCorrection` reads it. */
  categoryPrior?: number[];
  /** n-gram or rule feature → WIDTH weights (see OUTPUTS), each times `weightScale` in v2. */
  weights: Record<string, number[]>;
}

/** What a stored weight is divided by: `weightScale` in v2, 1 in v1. */
export function weightScaleOf(a: ModelArtifact): number {
  return a.format === MODEL_FORMAT ? (a.weightScale ?? 1) : 1;
}

/** Checks the shape of a parsed artifact; the problem in words, or null. */
export function modelArtifactProblem(a: unknown): string | null {
  if (!a || typeof a !== 'object') return 'not a JSON object';
  const m = a as Partial<ModelArtifact>;
  if (m.format !== MODEL_FORMAT && m.format !== MODEL_FORMAT_V1)
    return `format must be "${MODEL_FORMAT}" or "${MODEL_FORMAT_V1}" (got ${JSON.stringify(m.format)})`;
  if (m.format === MODEL_FORMAT && !(typeof m.weightScale === 'number' && Number.isFinite(m.weightScale) && m.weightScale > 0))
    return `weightScale must be a positive number in "${MODEL_FORMAT}" (a weight is its stored number divided by it)`;
  if (m.format === MODEL_FORMAT_V1 && m.weightScale !== undefined)
    return `weightScale belongs to "${MODEL_FORMAT}", not "${MODEL_FORMAT_V1}"`;
  if (!Array.isArray(m.bias) || m.bias.length !== WIDTH || !m.bias.every(Number.isFinite)) return `bias must be ${WIDTH} numbers`;
  if (!m.weights || typeof m.weights !== 'object') return 'weights missing';
  // Index loops, no callback per weight and no [key, value] pair per feature: the shipped model has 4 million weights.
  const weights = m.weights as Record<string, unknown>;
  const keys = Object.keys(weights);
  for (let f = 0; f < keys.length; f++) {
    const w = weights[keys[f]];
    let ok = Array.isArray(w) && w.length === WIDTH;
    for (let j = 0; ok && j < WIDTH; j++) ok = Number.isFinite((w as unknown[])[j]);
    if (!ok) return `weights["${keys[f].slice(0, 40)}"] must be ${WIDTH} numbers`;
  }
  if (!m.fold || typeof m.fold !== 'object') return 'fold missing';
  const t = m.severityGivenCategory;
  if (
    t !== undefined &&
    !(
      Array.isArray(t) &&
      t.length === CATEGORY_IDS.length &&
      t.every((r) => Array.isArray(r) && r.length === SEVERITY_IDS.length && r.every((v) => Number.isFinite(v) && v > 0))
    )
  ) {
    return `severityGivenCategory must be ${CATEGORY_IDS.length} rows of ${SEVERITY_IDS.length} positive numbers`;
  }
  const prior = m.categoryPrior;
  if (
    prior !== undefined &&
    !(Array.isArray(prior) && prior.length === CATEGORY_IDS.length && prior.every((v) => Number.isFinite(v) && v > 0))
  )
    return `categoryPrior must be ${CATEGORY_IDS.length} positive numbers`;
  if (!m.options || typeof m.options.charNgrams !== 'number' || typeof m.options.wordNgrams !== 'number') return 'options missing';
  return null;
}
