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

export interface Row {
  grams: Int32Array;
  scale: number;
  rules: Int32Array;
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
  const feats = new Int32Array(n);
  const xs = new Float64Array(n);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const e = examples[idx];
      const r = rows[idx];
      let len = 0;
      for (let i = 0; i < r.grams.length; i++) {
        feats[len] = r.grams[i];
        xs[len++] = r.scale;
      }
      for (let i = 0; i < r.rules.length; i++) {
        if (o.ruleDropout > 0 && random() < o.ruleDropout) continue;
        feats[len] = r.rules[i];
        xs[len++] = 1;
      }
      z.set(bias);
      for (let j = 0; j < len; j++) {
        const off = feats[j] * WIDTH;
        const x = xs[j];
        for (let k = 0; k < WIDTH; k++) z[k] += W[off + k] * x;
      }
      softmaxGrad(z, CAT0, CATEGORY_IDS.length, e.cat, grad);
      softmaxGrad(z, SEV0, SEVERITY_IDS.length, e.sev, grad);
      for (let k = 0; k < SIGNAL_IDS.length; k++) grad[SIG0 + k] = 1 / (1 + Math.exp(-z[SIG0 + k])) - e.sig[k];
      for (let k = 0; k < WIDTH; k++) {
        gBias[k] += grad[k] * grad[k];
        bias[k] -= (o.learningRate * grad[k]) / Math.sqrt(gBias[k]);
      }
      for (let j = 0; j < len; j++) {
        const f = feats[j];
        const off = f * WIDTH;
        const x = xs[j];
        const skipSeverity = blind[f] === 1;
        for (let k = 0; k < WIDTH; k++) {
          if (skipSeverity && k >= SEV0 && k < SIG0) continue;
          const g = grad[k] * x + o.l2 * W[off + k];
          G[off + k] += g * g;
          W[off + k] -= (o.learningRate * g) / Math.sqrt(G[off + k]);
        }
      }
    }
  }
  return { W, bias };
}

function softmaxGrad(z: Float64Array, from: number, n: number, target: number, grad: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[from + i]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(z[from + i] - max);
  for (let i = 0; i < n; i++) grad[from + i] = Math.exp(z[from + i] - max) / sum - (i === target ? 1 : 0);
}
