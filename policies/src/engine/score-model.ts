/**
 * Scores a text's features with a compiled model: raw logits (bias plus the weights of the known
 * n-grams scaled by 1/√count and of the rule features), probabilities per head, and the features
 * that pushed an output up the most. Pure and browser-safe.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, type CategoryId, type SeverityId, type SignalId } from '../ids';
import { STRIDE, rowOf, type LinearModel } from './compile-model';
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
export function softmaxInto<T extends string>(z: Float64Array, from: number, ids: readonly T[], out: Record<T, number>): void {
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

/** Raw scores and the rows behind them (see logits). */
export interface Logits {
  z: Float64Array;
  used: Int32Array;
  scale: number;
  ruleCount: number;
}

/** Scratch per `buffer` of logits: z, and the rows with their views by length (a subarray per call costs an allocation). */
class Scratch {
  z = new Float64Array(WIDTH);
  used = new Int32Array(1024);
  /** views[n] is used.subarray(0, n). */
  views: Int32Array[] = [];
}
const scratch = [new Scratch(), new Scratch(), new Scratch()];

/**
 * The rows of the rule features (rule ids, rule signals, punctuation and money features: a policy's
 * handful, the same strings every ticket) per model, found once; at most RULE_ROWS_KEPT per model, so a
 * caller passing ever new strings cannot grow it without bound.
 */
const ruleRows = new WeakMap<LinearModel, Map<string, number>>();
const RULE_ROWS_KEPT = 4096;

/** The model's row of a rule feature (−1: the model does not know it), kept per model (see ruleRows). */
export function ruleRowOf(model: LinearModel, feature: string): number {
  let rows = ruleRows.get(model);
  if (!rows) ruleRows.set(model, (rows = new Map()));
  let r = rows.get(feature);
  if (r === undefined) {
    r = rowOf(model, hashString(feature));
    if (rows.size < RULE_ROWS_KEPT) rows.set(feature, r);
  }
  return r;
}

/**
 * Raw scores of a feature set: bias plus the weights of the known features (n-grams scaled by
 * `ngramScale`, in first-occurrence order, then the rule features unscaled). `used` lists their rows.
 * The arrays are scratch, valid until the next call with the same `buffer` (0, 1 or 2: a caller that
 * needs two sets of logits at once, as the severity head's masked text does, uses both; 2 is the whole-text reading
 * of whole-reading.ts).
 */
export function logits(model: LinearModel, ngrams: FeatureSet, ruleFeatures: string[], buffer = 0): Logits {
  const sc = scratch[buffer];
  const z = sc.z;
  z.set(model.bias);
  const nKnown = ngrams.knownCount;
  if (sc.used.length < nKnown + ruleFeatures.length) {
    sc.used = new Int32Array((nKnown + ruleFeatures.length) * 2);
    sc.views = [];
  }
  const usedAll = sc.used;
  const scale = ngramScale(ngrams.size, model.artifact.options.ngramCountFloor);
  const codes = model.codes;
  const pal = model.palette;
  const known = ngrams.known;
  // Output by output (three at a time, in registers), each summing the rows in first-occurrence order:
  // the same additions in the same order per output as row by row.
  let i = 0;
  for (; i + 3 <= WIDTH; i += 3) {
    let a = z[i];
    let b = z[i + 1];
    let c = z[i + 2];
    for (let j = 0; j < nKnown; j++) {
      const o = known[j] * STRIDE + i;
      a += pal[codes[o]] * scale;
      b += pal[codes[o + 1]] * scale;
      c += pal[codes[o + 2]] * scale;
    }
    z[i] = a;
    z[i + 1] = b;
    z[i + 2] = c;
  }
  for (; i < WIDTH; i++) {
    let a = z[i];
    for (let j = 0; j < nKnown; j++) a += pal[codes[known[j] * STRIDE + i]] * scale;
    z[i] = a;
  }
  for (let j = 0; j < nKnown; j++) usedAll[j] = known[j];
  let ruleCount = 0;
  for (const f of ruleFeatures) {
    const r = ruleRowOf(model, f);
    if (r < 0) continue;
    const o = r * STRIDE;
    for (let i = 0; i < WIDTH; i++) z[i] += pal[codes[o + i]];
    usedAll[nKnown + ruleCount++] = r;
  }
  const n = nKnown + ruleCount;
  const used = (sc.views[n] ??= usedAll.subarray(0, n));
  return { z, used, scale, ruleCount };
}

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

/** Scratch for heaviestOf's top-k per output (classification is synchronous). */
let topRows = new Int32Array(24);
let topVals = new Float64Array(24);

/**
 * The features that pushed each output in `outs` up the most: per output, up to k feature names,
 * heaviest first (ties: first seen). One pass over the rows for all outputs; per output the same
 * values, order and ties as a pass of its own.
 */
export function heaviestOf(
  model: LinearModel,
  used: ArrayLike<number>,
  scale: number,
  ruleCount: number,
  outs: readonly number[],
  k = 3,
): string[][] {
  // `used` lists the n-grams first, then the `ruleCount` rule features (weight 1, not scaled).
  const nOut = outs.length;
  if (topRows.length < k * nOut) {
    topRows = new Int32Array(k * nOut);
    topVals = new Float64Array(k * nOut);
  }
  const rows = topRows;
  const vals = topVals;
  const lens = lensScratch.length < nOut ? (lensScratch = new Int32Array(nOut)) : lensScratch;
  const floors = floorScratch.length < nOut ? (floorScratch = new Float64Array(nOut)) : floorScratch;
  lens.fill(0, 0, nOut);
  // A value enters an output's top k only above its floor: 0 until it is full, then its k-th value.
  floors.fill(0, 0, nOut);
  const codes = model.codes;
  const pal = model.palette;
  const firstRule = used.length - ruleCount;
  for (let i = 0; i < used.length; i++) {
    const o = used[i] * STRIDE;
    const r = used[i];
    for (let q = 0; q < nOut; q++) {
      const w = pal[codes[o + outs[q]]];
      const v = i >= firstRule ? w : w * scale;
      if (v <= floors[q]) continue;
      const base = q * k;
      const len = lens[q];
      let j = len < k ? len : k - 1;
      while (j > 0 && vals[base + j - 1] < v) j--;
      for (let p = len < k ? len : k - 1; p > j; p--) {
        vals[base + p] = vals[base + p - 1];
        rows[base + p] = rows[base + p - 1];
      }
      vals[base + j] = v;
      rows[base + j] = r;
      if (len < k) lens[q] = len + 1;
      if (lens[q] === k) floors[q] = vals[base + k - 1];
    }
  }
  const out: string[][] = [];
  for (let q = 0; q < nOut; q++) {
    const names: string[] = [];
    for (let j = 0; j < lens[q]; j++) names.push(model.nameOf(rows[q * k + j]));
    out.push(names);
  }
  return out;
}
let lensScratch = new Int32Array(8);
let floorScratch = new Float64Array(8);
