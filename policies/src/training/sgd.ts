/**
 * One seeded Adagrad SGD run with L2 over interned feature rows (train-model.ts builds the rows and averages the
 * runs): softmax gradients for the category and severity heads, logistic ones per signal. Deterministic for a seed.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS } from '../ids';
import { CAT0, SEV0, SIG0, WIDTH } from '../engine/linear-model';
import type { TrainingExample, TrainOptions } from './train-model';

function rng(seed: number): () => number {
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
  examples: TrainingExample[],
  rows: Row[],
  n: number,
  blind: Uint8Array,
  o: TrainOptions,
): { W: Float64Array; bias: Float64Array } {
  const W = new Float64Array(n * WIDTH);
  const G = new Float64Array(n * WIDTH).fill(1e-8);
  const bias = new Float64Array(WIDTH);
  const gBias = new Float64Array(WIDTH).fill(1e-8);
  const random = rng(o.seed);
  const order = examples.map((_, i) => i);
  const z = new Float64Array(WIDTH);
  const grad = new Float64Array(WIDTH);
  const feats = new Int32Array(2 * n);
  const xs = new Float64Array(2 * n);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const e = examples[idx];
      const r = rows[idx];
      const len = collect(r, feats, xs, 0, o.ruleDropout, random);
      const own = r.severity;
      const sevLen = own ? collect(own, feats, xs, len, o.ruleDropout, random) - len : 0;
      z.set(bias);
      addScores(W, feats, xs, 0, len, z, 0, own ? SEV0 : WIDTH);
      if (own) {
        addScores(W, feats, xs, 0, len, z, SIG0, WIDTH);
        addScores(W, feats, xs, len, sevLen, z, SEV0, SIG0);
      }
      softmaxGrad(z, CAT0, CATEGORY_IDS.length, e.cat, grad);
      softmaxGrad(z, SEV0, SEVERITY_IDS.length, e.sev, grad);
      for (let k = 0; k < SIGNAL_IDS.length; k++) grad[SIG0 + k] = 1 / (1 + Math.exp(-z[SIG0 + k])) - e.sig[k];
      for (let k = 0; k < WIDTH; k++) {
        gBias[k] += grad[k] * grad[k];
        bias[k] -= (o.learningRate * grad[k]) / Math.sqrt(gBias[k]);
      }
      // Severity columns learn from the severity head's own features when it has them.
      for (let j = 0; j < len + sevLen; j++) {
        const f = feats[j];
        const off = f * WIDTH;
        const x = xs[j];
        const severityOnly = own !== null && j >= len;
        const skipSeverity = blind[f] === 1 || (own !== null && j < len);
        for (let k = 0; k < WIDTH; k++) {
          const isSeverity = k >= SEV0 && k < SIG0;
          if (isSeverity ? skipSeverity : severityOnly) continue;
          const g = grad[k] * x + o.l2 * W[off + k];
          G[off + k] += g * g;
          W[off + k] -= (o.learningRate * g) / Math.sqrt(G[off + k]);
        }
      }
    }
  }
  return { W, bias };
}

/** Writes a feature list (n-grams at `scale`, rule features at 1 unless dropped) from `at`; returns the new end. */
function collect(r: Features, feats: Int32Array, xs: Float64Array, at: number, dropout: number, random: () => number): number {
  let len = at;
  for (let i = 0; i < r.grams.length; i++) {
    feats[len] = r.grams[i];
    xs[len++] = r.scale;
  }
  for (let i = 0; i < r.rules.length; i++) {
    if (dropout > 0 && random() < dropout) continue;
    feats[len] = r.rules[i];
    xs[len++] = 1;
  }
  return len;
}

/** z[from..to) += weights of feats[at..at+len) times their values. */
function addScores(
  W: Float64Array,
  feats: Int32Array,
  xs: Float64Array,
  at: number,
  len: number,
  z: Float64Array,
  from: number,
  to: number,
): void {
  for (let j = at; j < at + len; j++) {
    const off = feats[j] * WIDTH;
    const x = xs[j];
    for (let k = from; k < to; k++) z[k] += W[off + k] * x;
  }
}

function softmaxGrad(z: Float64Array, from: number, n: number, target: number, grad: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[from + i]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(z[from + i] - max);
  for (let i = 0; i < n; i++) grad[from + i] = Math.exp(z[from + i] - max) / sum - (i === target ? 1 : 0);
}
