/**
 * The SGD loop is written for speed (weights and their squared-gradient sums side by side, no copy of
 * each example's features per step). This checks it against a plain reference written the way the
 * loop was before round 8: the same weights to the last bit, so the speed-up changes no model.
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS } from '../../../../../policies/src/ids';
import { CAT0, SEV0, SIG0, WIDTH } from '../../../../../policies/src/engine/linear-model';
import { rng, sgd, shuffle, type Row } from '../../../../../policies/src/training/sgd';
import { DEFAULT_TRAIN_OPTIONS, type TrainingExample, type TrainOptions } from '../../../../../policies/src/training/train-model';

/** The reference: every weight of every kept feature, one at a time, with the per-output rules spelled out. */
function referenceSgd(examples: TrainingExample[], rows: Row[], n: number, blind: Uint8Array, o: TrainOptions) {
  const W = new Float64Array(n * WIDTH);
  const G = new Float64Array(n * WIDTH).fill(1e-8);
  const bias = new Float64Array(WIDTH);
  const gBias = new Float64Array(WIDTH).fill(1e-8);
  const random = rng(o.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, random);
    for (const idx of order) {
      const e = examples[idx];
      const r = rows[idx];
      const own = r.severity;
      // [feature, value, which head's list it came from]
      // [feature, value, which head's list it came from]; a signal with its own rule dropout reads only its own rules
      const list: [number, number, 'main' | 'severity' | number][] = [];
      const take = (f: Row | NonNullable<Row['severity']>, head: 'main' | 'severity' | number, dropout: number, grams = true) => {
        if (grams) for (const g of f.grams) list.push([g, f.scale, head]);
        for (const rule of f.rules) if (!(dropout > 0 && random() < dropout)) list.push([rule, 1, head]);
      };
      take(r, 'main', o.ruleDropout);
      if (own) take(own, 'severity', o.ruleDropout);
      SIGNAL_IDS.forEach((s, k) => {
        const dropout = o.ruleDropoutBySignal[s];
        if (dropout !== undefined) take(r, SIG0 + k, dropout, false);
      });
      const ownColumn = (k: number) => o.ruleDropoutBySignal[SIGNAL_IDS[k - SIG0]] !== undefined;
      /** Whether the head `head`'s feature (a rule when `rule`) goes into column k. */
      const feeds = (k: number, head: 'main' | 'severity' | number, rule: boolean) => {
        if (typeof head === 'number') return head === k;
        if (k >= SIG0 && ownColumn(k) && rule) return false;
        const isSeverity = k >= SEV0 && k < SIG0;
        return own === null || (head === 'severity') === isSeverity;
      };
      const z = Float64Array.from(bias);
      for (const [f, x, head] of list)
        for (let k = 0; k < WIDTH; k++) if (feeds(k, head, x === 1 && r.rules.includes(f))) z[k] += W[f * WIDTH + k] * x;
      const grad = new Float64Array(WIDTH);
      const softmax = (from: number, count: number, target: number) => {
        const max = Math.max(...z.subarray(from, from + count));
        const sum = [...z.subarray(from, from + count)].reduce((a, v) => a + Math.exp(v - max), 0);
        for (let i = 0; i < count; i++) grad[from + i] = Math.exp(z[from + i] - max) / sum - (i === target ? 1 : 0);
      };
      softmax(CAT0, CATEGORY_IDS.length, e.cat);
      softmax(SEV0, SEVERITY_IDS.length, e.sev);
      for (let k = 0; k < SIGNAL_IDS.length; k++) {
        const weight = e.sig[k] ? (o.signalPositiveWeight[SIGNAL_IDS[k]] ?? 1) : 1;
        grad[SIG0 + k] = (1 / (1 + Math.exp(-z[SIG0 + k])) - e.sig[k]) * weight;
      }
      for (let k = 0; k < WIDTH; k++) {
        gBias[k] += grad[k] * grad[k];
        bias[k] -= (o.learningRate * grad[k]) / Math.sqrt(gBias[k]);
      }
      for (const [f, x, head] of list)
        for (let k = 0; k < WIDTH; k++) {
          const isSeverity = k >= SEV0 && k < SIG0;
          const rule = x === 1 && r.rules.includes(f);
          const learns =
            typeof head === 'number'
              ? head === k
              : isSeverity
                ? blind[f] === 0 && (own === null || head === 'severity')
                : head === 'main' && !(k >= SIG0 && ownColumn(k) && rule);
          if (!learns) continue;
          const g = grad[k] * x + o.l2 * W[f * WIDTH + k];
          G[f * WIDTH + k] += g * g;
          W[f * WIDTH + k] -= (o.learningRate * g) / Math.sqrt(G[f * WIDTH + k]);
        }
    }
  }
  return { W, bias };
}

/** Random examples over `n` features: some with a severity head of their own, some features blind. */
function synthetic(count: number, n: number, seed: number) {
  const random = rng(seed);
  const pick = (k: number) => Int32Array.from(new Set(Array.from({ length: k }, () => Math.floor(random() * n))));
  const examples: TrainingExample[] = [];
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const grams = pick(5 + Math.floor(random() * 20));
    const rules = pick(Math.floor(random() * 4));
    const severity = random() < 0.3 ? { grams: pick(4 + Math.floor(random() * 10)), scale: 0.3, rules: pick(2) } : null;
    rows.push({ grams, scale: 1 / Math.sqrt(Math.max(grams.length, 20)), rules, severity });
    examples.push({
      ngrams: [],
      rules: [],
      cat: Math.floor(random() * CATEGORY_IDS.length),
      sev: Math.floor(random() * SEVERITY_IDS.length),
      sig: SIGNAL_IDS.map(() => (random() < 0.2 ? 1 : 0)),
    });
  }
  const blind = Uint8Array.from({ length: n }, () => (random() < 0.1 ? 1 : 0));
  return { examples, rows, blind };
}

describe('sgd', () => {
  it.each([
    ['with rule dropout', 0.3, {}, {}],
    ['without rule dropout', 0, {}, {}],
    ['with a safety head of its own rule dropout', 0.3, { safety: 0.8 }, {}],
    ['with two signals of their own rule dropout, one of them 0', 0.3, { safety: 0.8, legal: 0 }, {}],
    ['with a weight on safety positives', 0.3, {}, { safety: 3 }],
  ])('gives bit for bit the weights of the plain reference (%s)', (_, ruleDropout, ruleDropoutBySignal, signalPositiveWeight) => {
    const n = 300;
    const { examples, rows, blind } = synthetic(400, n, 11);
    const o = { ...DEFAULT_TRAIN_OPTIONS, epochs: 4, seed: 5, ruleDropout, ruleDropoutBySignal, signalPositiveWeight };
    const fast = sgd(examples, rows, n, blind, o);
    const ref = referenceSgd(examples, rows, n, blind, o);
    expect(Array.from(fast.bias)).toEqual(Array.from(ref.bias));
    expect(Array.from(fast.W)).toEqual(Array.from(ref.W));
    // it learned something, and severity weights of blind features stayed 0
    expect(fast.W.some((w) => Math.abs(w) > 0.01)).toBe(true);
    for (let f = 0; f < n; f++) if (blind[f]) for (let k = SEV0; k < SIG0; k++) expect(fast.W[f * WIDTH + k]).toBe(0);
  });
});
