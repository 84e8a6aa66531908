/**
 * The distinct n-gram hashes of one text, collected without allocating: an open-addressing set
 * over a reused Int32Array (a generation stamp clears it in O(1)), which also records, in the
 * order the hashes first occur, the weight rows the model knows. Iterating those rows gives the
 * same order — hence the same floating-point sums — as iterating a Set<number> of the hashes.
 * One instance per model, reused across calls (classification is synchronous).
 */
import { knownRow, type LinearModel } from './compile-model';

export class FeatureSet {
  /** Distinct hashes added since `reset`. */
  size = 0;
  /** Rows the model knows, first occurrence order; `knownCount` of them are valid. */
  known = new Int32Array(1024);
  knownCount = 0;
  private keys = new Int32Array(8192);
  private stamps = new Int32Array(8192);
  private gen = 1;

  constructor(private readonly model: LinearModel) {}

  reset(): void {
    this.size = 0;
    this.knownCount = 0;
    if (++this.gen === 0x7fffffff) {
      this.stamps.fill(0);
      this.gen = 1;
    }
  }

  add(h: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = Math.imul(h, 0x9e3779b1) & mask;
    while (this.stamps[i] === this.gen) {
      if (this.keys[i] === h) return;
      i = (i + 1) & mask;
    }
    this.stamps[i] = this.gen;
    this.keys[i] = h;
    this.size++;
    const r = knownRow(this.model, h);
    if (r < 0) return;
    if (this.knownCount === this.known.length) {
      const k = new Int32Array(this.known.length * 2);
      k.set(this.known);
      this.known = k;
    }
    this.known[this.knownCount++] = r;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldStamps = this.stamps;
    const gen = this.gen;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.stamps = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      if (oldStamps[j] !== gen) continue;
      let i = Math.imul(oldKeys[j], 0x9e3779b1) & mask;
      while (this.stamps[i] === gen) i = (i + 1) & mask;
      this.stamps[i] = gen;
      this.keys[i] = oldKeys[j];
    }
  }
}

const sets = new WeakMap<LinearModel, FeatureSet>();

/** The model's reusable feature set, emptied. */
export function featureSetOf(model: LinearModel): FeatureSet {
  let s = sets.get(model);
  if (!s) {
    s = new FeatureSet(model);
    sets.set(model, s);
  }
  s.reset();
  return s;
}
