/**
 * One seeded Adagrad SGD run with L2 over interned feature rows (train-model.ts builds the rows and averages the
 * runs): softmax gradients for the category and severity heads, logistic ones per signal. Deterministic for a seed.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS } from '../ids';
import { CAT0, SEV0, SIG0, WIDTH } from '../engine/linear-model';
import type { TrainingExample } from './train-model';
import type { TrainOptions } from './train-options';

/** Fisher–Yates shuffle of `order` in place, drawing from `random`. */
export function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}

/** A seeded xorshift32 generator in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

export interface Features {
  grams: Int32Array;
  scale: number;
  rules: Int32Array;
}

/** One example's features; `severity`, when set, is what the severity head reads instead (options.severityMaskSignals). */
export interface Row extends Features {
  severity: Features | null;
}

/** One Adagrad SGD run over the interned rows, seeded by `o.seed`. */
export function sgd(
  examples: Pick<TrainingExample, 'cat' | 'sev' | 'sig'>[],
  rows: Row[],
  n: number,
  blind: Uint8Array,
  o: TrainOptions,
): { W: Float64Array; bias: Float64Array } {
  // A feature's weights and their squared-gradient sums side by side (WIDTH each): one update touches one
  // contiguous stretch of memory instead of two far-apart rows.
  const WG = new Float64Array(n * STRIDE);
  for (let f = 0; f < n; f++) WG.fill(1e-8, f * STRIDE + WIDTH, (f + 1) * STRIDE);
  const bias = new Float64Array(WIDTH);
  const gBias = new Float64Array(WIDTH).fill(1e-8);
  const random = rng(o.seed);
  const order = examples.map((_, i) => i);
  const z = new Float64Array(WIDTH);
  const grad = new Float64Array(WIDTH);
  let most = 0;
  for (const r of rows) most = Math.max(most, r.rules.length, r.severity?.rules.length ?? 0);
  const kept = new Int32Array(most);
  const keptSev = new Int32Array(most);
  const rate = o.learningRate;
  const l2 = o.l2;
  // Signals whose heads draw their own rule dropout (o.ruleDropoutBySignal): each reads its own kept rules.
  const own = ownDropouts(o);
  const keptBySignal = own.map(() => new Int32Array(most));
  const nBySignal = new Int32Array(own.length);
  const shared = sharedColumns(own);
  const positive = Float64Array.from(SIGNAL_IDS, (s) => o.signalPositiveWeight[s] ?? 1);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random);
    for (const idx of order) {
      const e = examples[idx];
      const r = rows[idx];
      const sev = r.severity;
      // Rule dropout draws in the same order as before: the example's rules, then the severity head's, then each
      // signal's own (only when ruleDropoutBySignal sets one, so a training without it is the same as before).
      const nRules = keep(r.rules, kept, o.ruleDropout, random);
      const nSev = sev ? keep(sev.rules, keptSev, o.ruleDropout, random) : 0;
      for (let i = 0; i < own.length; i++) nBySignal[i] = keep(r.rules, keptBySignal[i], own[i].dropout, random);
      z.set(bias);
      const mainTo = sev ? SEV0 : WIDTH;
      addScores(WG, r.grams, r.grams.length, r.scale, z, 0, mainTo);
      addScores(WG, kept, nRules, 1, z, 0, mainTo);
      if (sev) {
        addScores(WG, r.grams, r.grams.length, r.scale, z, SIG0, WIDTH);
        addScores(WG, kept, nRules, 1, z, SIG0, WIDTH);
        addScores(WG, sev.grams, sev.grams.length, sev.scale, z, SEV0, SIG0);
        addScores(WG, keptSev, nSev, 1, z, SEV0, SIG0);
      }
      for (let i = 0; i < own.length; i++) {
        const col = own[i].column;
        z[col] = bias[col];
        addScores(WG, r.grams, r.grams.length, r.scale, z, col, col + 1);
        addScores(WG, keptBySignal[i], nBySignal[i], 1, z, col, col + 1);
      }
      softmaxGrad(z, CAT0, CATEGORY_IDS.length, e.cat, grad);
      softmaxGrad(z, SEV0, SEVERITY_IDS.length, e.sev, grad);
      for (let k = 0; k < SIGNAL_IDS.length; k++) {
        const y = e.sig[k];
        grad[SIG0 + k] = (1 / (1 + Math.exp(-z[SIG0 + k])) - y) * (y ? positive[k] : 1);
      }
      for (let k = 0; k < WIDTH; k++) {
        gBias[k] += grad[k] * grad[k];
        bias[k] -= (rate * grad[k]) / Math.sqrt(gBias[k]);
      }
      // Severity columns learn from the severity head's own features when it has them; blind features never.
      update(WG, r.grams, r.grams.length, r.scale, grad, blind, sev === null, rate, l2);
      if (own.length === 0) update(WG, kept, nRules, 1, grad, blind, sev === null, rate, l2);
      else {
        updateColumns(WG, kept, nRules, grad, blind, sev === null, shared, rate, l2);
        for (let i = 0; i < own.length; i++) stepColumn(WG, keptBySignal[i], nBySignal[i], own[i].column, grad, rate, l2);
      }
      if (sev) {
        updateSeverity(WG, sev.grams, sev.grams.length, sev.scale, grad, blind, rate, l2);
        updateSeverity(WG, keptSev, nSev, 1, grad, blind, rate, l2);
      }
    }
  }
  const W = new Float64Array(n * WIDTH);
  for (let f = 0; f < n; f++) W.set(WG.subarray(f * STRIDE, f * STRIDE + WIDTH), f * WIDTH);
  return { W, bias };
}

const STRIDE = 2 * WIDTH;

/** The signals with a rule dropout of their own, in SIGNAL_IDS order, with their weight column. */
function ownDropouts(o: TrainOptions): { column: number; dropout: number }[] {
  return SIGNAL_IDS.flatMap((s, k) => {
    const dropout = o.ruleDropoutBySignal[s];
    return dropout === undefined ? [] : [{ column: SIG0 + k, dropout }];
  });
}

/** 1 for each weight column the shared rule dropout trains (all but the signals with their own). */
function sharedColumns(own: { column: number }[]): Uint8Array {
  const cols = new Uint8Array(WIDTH).fill(1);
  for (const { column } of own) cols[column] = 0;
  return cols;
}

/** As `update` for rule features (x = 1), stepping only the columns marked in `cols`. */
function updateColumns(
  WG: Float64Array,
  feats: Int32Array,
  len: number,
  grad: Float64Array,
  blind: Uint8Array,
  severity: boolean,
  cols: Uint8Array,
  rate: number,
  l2: number,
): void {
  for (let j = 0; j < len; j++) {
    const f = feats[j];
    const off = f * STRIDE;
    const withSeverity = severity && blind[f] === 0;
    for (let k = 0; k < WIDTH; k++) {
      if (cols[k] === 0 || (!withSeverity && k >= SEV0 && k < SIG0)) continue;
      step(WG, off, k, k + 1, 1, grad, rate, l2);
    }
  }
}

/** Steps one weight column of the rule features (x = 1). */
function stepColumn(WG: Float64Array, feats: Int32Array, len: number, column: number, grad: Float64Array, rate: number, l2: number): void {
  for (let j = 0; j < len; j++) step(WG, feats[j] * STRIDE, column, column + 1, 1, grad, rate, l2);
}

/** Copies the rule features that survive dropout into `out`; returns how many. */
function keep(rules: Int32Array, out: Int32Array, dropout: number, random: () => number): number {
  let len = 0;
  for (let i = 0; i < rules.length; i++) {
    if (dropout > 0 && random() < dropout) continue;
    out[len++] = rules[i];
  }
  return len;
}

/** z[from..to) += x times the weights of the first `len` features. */
function addScores(WG: Float64Array, feats: Int32Array, len: number, x: number, z: Float64Array, from: number, to: number): void {
  for (let j = 0; j < len; j++) {
    const off = feats[j] * STRIDE;
    for (let k = from; k < to; k++) z[k] += WG[off + k] * x;
  }
}

/** One Adagrad step with L2 on weights [from, to) of the feature at `off`. */
function step(WG: Float64Array, off: number, from: number, to: number, x: number, grad: Float64Array, rate: number, l2: number): void {
  for (let k = from; k < to; k++) {
    const w = off + k;
    const g = grad[k] * x + l2 * WG[w];
    const acc = WG[w + WIDTH] + g * g;
    WG[w + WIDTH] = acc;
    WG[w] -= (rate * g) / Math.sqrt(acc);
  }
}

/** Steps the category and signal weights of the features, and their severity weights when `severity` (and not blind). */
function update(
  WG: Float64Array,
  feats: Int32Array,
  len: number,
  x: number,
  grad: Float64Array,
  blind: Uint8Array,
  severity: boolean,
  rate: number,
  l2: number,
): void {
  for (let j = 0; j < len; j++) {
    const f = feats[j];
    const off = f * STRIDE;
    if (severity && blind[f] === 0) step(WG, off, 0, WIDTH, x, grad, rate, l2);
    else {
      step(WG, off, 0, SEV0, x, grad, rate, l2);
      step(WG, off, SIG0, WIDTH, x, grad, rate, l2);
    }
  }
}

/** Steps only the severity weights of the features that are not blind. */
function updateSeverity(
  WG: Float64Array,
  feats: Int32Array,
  len: number,
  x: number,
  grad: Float64Array,
  blind: Uint8Array,
  rate: number,
  l2: number,
): void {
  for (let j = 0; j < len; j++) {
    const f = feats[j];
    if (blind[f] === 0) step(WG, f * STRIDE, SEV0, SIG0, x, grad, rate, l2);
  }
}

function softmaxGrad(z: Float64Array, from: number, n: number, target: number, grad: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[from + i]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(z[from + i] - max);
  for (let i = 0; i < n; i++) grad[from + i] = Math.exp(z[from + i] - max) / sum - (i === target ? 1 : 0);
}
