/**
 * Scores a text's features with a compiled model: raw logits (bias plus the weights of the known
 * n-grams scaled by 1/√count and of the rule features), probabilities per head, and the features
 * that pushed an output up the most. Pure and browser-safe.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, type CategoryId, type SeverityId, type SignalId } from '../ids';
import { rowOf, type LinearModel } from './compile-model';
import type { FeatureSet } from './feature-set';
import { hashString } from './hash-features';
import { CAT0, SEV0, SIG0, WIDTH } from './model-artifact';

export interface ModelScores {
  category: Record<CategoryId, number>;
  severity: Record<SeverityId, number>;
  signals: Record<SignalId, number>;
  /** Rows of the features present that the model knows. */
  used: ArrayLike<number>;
}

/** Softmax of z[from..from+n) written into `out` under `ids` (no intermediate arrays). */
function softmaxInto<T extends string>(z: Float64Array, from: number, ids: readonly T[], out: Record<T, number>): void {
  const n = ids.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[from + i]);
  if (expScratch.length < n) expScratch = new Float64Array(n);
  const e = expScratch;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    e[i] = Math.exp(z[from + i] - max);
    sum += e[i];
  }
  // Same operations, same order as before (exp, running sum, then each exp / sum): bit-identical.
  for (let i = 0; i < n; i++) out[ids[i]] = e[i] / sum;
}
let expScratch = new Float64Array(16);

/**
 * The weight of each n-gram of a text with `count` distinct n-grams: 1/√count, but never more than
 * 1/√floor (`options.ngramCountFloor`), so that the one or two n-grams of a very short text
 * ("hello", "please help") cannot decide on their own. The trainer uses the same function.
 */
export function ngramScale(count: number, floor = 0): number {
  return count ? 1 / Math.sqrt(Math.max(count, floor)) : 0;
}

/**
 * Raw scores of a feature set: bias plus the weights of the known features (n-grams scaled by
 * `ngramScale`, in first-occurrence order, then the rule features unscaled). `used` lists their rows.
 */
export function logits(
  model: LinearModel,
  ngrams: FeatureSet,
  ruleFeatures: string[],
): { z: Float64Array; used: Int32Array; scale: number; ruleCount: number } {
  // Scratch reused across calls (classification is synchronous; callers read z and used before the next call).
  const z = zScratch;
  z.set(model.bias);
  const nKnown = ngrams.knownCount;
  if (usedScratch.length < nKnown + ruleFeatures.length) {
    usedScratch = new Int32Array((nKnown + ruleFeatures.length) * 2);
    usedViews = [];
  }
  const usedAll = usedScratch;
  const scale = ngramScale(ngrams.size, model.artifact.options.ngramCountFloor);
  const flat = model.flat;
  const known = ngrams.known;
  // Output by output (three at a time, in registers), each summing the rows in first-occurrence order:
  // the same additions in the same order per output as row by row.
  let i = 0;
  for (; i + 3 <= WIDTH; i += 3) {
    let a = z[i];
    let b = z[i + 1];
    let c = z[i + 2];
    for (let j = 0; j < nKnown; j++) {
      const o = known[j] * WIDTH + i;
      a += flat[o] * scale;
      b += flat[o + 1] * scale;
      c += flat[o + 2] * scale;
    }
    z[i] = a;
    z[i + 1] = b;
    z[i + 2] = c;
  }
  for (; i < WIDTH; i++) {
    let a = z[i];
    for (let j = 0; j < nKnown; j++) a += flat[known[j] * WIDTH + i] * scale;
    z[i] = a;
  }
  for (let j = 0; j < nKnown; j++) usedAll[j] = known[j];
  let ruleCount = 0;
  for (const f of ruleFeatures) {
    const r = rowOf(model, hashString(f));
    if (r < 0) continue;
    const o = r * WIDTH;
    for (let i = 0; i < WIDTH; i++) z[i] += flat[o + i];
    usedAll[nKnown + ruleCount++] = r;
  }
  const n = nKnown + ruleCount;
  // The view of the first n rows, made once per length (a subarray per call costs an allocation).
  const used = (usedViews[n] ??= usedAll.subarray(0, n));
  return { z, used, scale, ruleCount };
}

const zScratch = new Float64Array(WIDTH);
let usedScratch = new Int32Array(1024);
/** usedViews[n] is usedScratch.subarray(0, n). */
let usedViews: Int32Array[] = [];

/**
 * Zeroed records with every id, in id order: a copy starts with the final shape, so filling it
 * stores into existing properties instead of adding each one (the key order, hence argmax's
 * tie-breaking, is the ids' order as before).
 */
const zeros = <T extends string>(ids: readonly T[]) => Object.fromEntries(ids.map((id) => [id, 0])) as Record<T, number>;
const CATEGORY_ZERO = zeros(CATEGORY_IDS);
const SEVERITY_ZERO = zeros(SEVERITY_IDS);
const SIGNAL_ZERO = zeros(SIGNAL_IDS);

export function scoresOf(z: Float64Array, used: ArrayLike<number>): ModelScores {
  const category = { ...CATEGORY_ZERO };
  softmaxInto(z, CAT0, CATEGORY_IDS, category);
  const severity = { ...SEVERITY_ZERO };
  softmaxInto(z, SEV0, SEVERITY_IDS, severity);
  const signals = { ...SIGNAL_ZERO };
  for (let i = 0; i < SIGNAL_IDS.length; i++) signals[SIGNAL_IDS[i]] = 1 / (1 + Math.exp(-z[SIG0 + i]));
  return { category, severity, signals, used };
}

/** Scratch for heaviest's top-k (classification is synchronous). */
let topRows = new Int32Array(8);
let topVals = new Float64Array(8);

/** The features that pushed output `out` up the most: [feature, contribution], heaviest first (ties: first seen). */
export function heaviest(
  model: LinearModel,
  used: ArrayLike<number>,
  scale: number,
  out: number,
  ruleCount: number,
  k = 3,
): [string, number][] {
  // `used` lists the n-grams first, then the `ruleCount` rule features (weight 1, not scaled).
  if (topRows.length < k) {
    topRows = new Int32Array(k);
    topVals = new Float64Array(k);
  }
  const rows = topRows;
  const vals = topVals;
  const flat = model.flat;
  const firstRule = used.length - ruleCount;
  let len = 0;
  // A value enters the top k only above `floor`: 0 until it is full, then its k-th value.
  let floor = 0;
  for (let i = 0; i < used.length; i++) {
    const r = used[i];
    const v = i >= firstRule ? flat[r * WIDTH + out] : flat[r * WIDTH + out] * scale;
    if (v <= floor) continue;
    let j = len < k ? len : k - 1;
    while (j > 0 && vals[j - 1] < v) j--;
    for (let q = len < k ? len : k - 1; q > j; q--) {
      vals[q] = vals[q - 1];
      rows[q] = rows[q - 1];
    }
    vals[j] = v;
    rows[j] = r;
    if (len < k) len++;
    if (len === k) floor = vals[k - 1];
  }
  const top: [string, number][] = [];
  for (let j = 0; j < len; j++) top.push([model.names[rows[j]], vals[j]]);
  return top;
}
