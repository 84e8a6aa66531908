/**
 * The distinct n-gram hashes of one text, collected without allocating: an open-addressing set
 * over a reused Int32Array (emptied by clearing only the slots it filled), which also records, in
 * the order the hashes first occur, the weight rows the model knows. Iterating those rows gives the
 * same order — hence the same floating-point sums — as iterating a Set<number> of the hashes.
 * One instance per model, reused across calls (classification is synchronous).
 */
import { FILTER_MASK, rowOf, type LinearModel } from './compile-model';

const GOLDEN = 0x9e3779b1;

export class FeatureSet {
  /** Distinct hashes added since `reset`. */
  size = 0;
  /** Rows the model knows, first occurrence order; `knownCount` of them are valid. */
  known = new Int32Array(1024);
  knownCount = 0;
  /** hash + 1 per slot (0 = empty): hashes are 30-bit, so one array and no generation stamps. */
  private keys = new Int32Array(4096);
  private shift = 32 - 12;
  /** The slot each of the `size` hashes went to, so `reset` clears only those (a 16 KB table stays in L1). */
  private filled = new Int32Array(2048);

  constructor(private readonly model: LinearModel) {}

  reset(): void {
    const keys = this.keys;
    const filled = this.filled;
    for (let j = 0; j < this.size; j++) keys[filled[j]] = 0;
    this.size = 0;
    this.knownCount = 0;
  }

  add(h: number): void {
    const keys = this.keys;
    const k = h + 1;
    let i = Math.imul(h, GOLDEN) >>> this.shift;
    const mask = keys.length - 1;
    for (let e = keys[i]; e !== 0; e = keys[i]) {
      if (e === k) return;
      i = (i + 1) & mask;
    }
    keys[i] = k;
    this.filled[this.size++] = i;
    if (this.size * 2 > mask) this.grow();
    // knownRow (compile-model.ts), inlined: the Bloom filter answers "no" for most n-grams.
    const m = this.model;
    const f = m.filter;
    const a = h & FILTER_MASK;
    if ((f[a >>> 5] & (1 << (a & 31))) === 0) return;
    const b = (Math.imul(h, GOLDEN) >>> 13) & FILTER_MASK;
    if ((f[b >>> 5] & (1 << (b & 31))) === 0) return;
    const r = rowOf(m, h);
    if (r < 0) return;
    if (this.knownCount === this.known.length) {
      const grown = new Int32Array(this.known.length * 2);
      grown.set(this.known);
      this.known = grown;
    }
    this.known[this.knownCount++] = r;
  }

  /** Doubles the table (and `filled`), re-inserting the hashes it holds. */
  private grow(): void {
    const old = this.keys;
    const keys = new Int32Array(old.length * 2);
    const filled = new Int32Array(old.length);
    const shift = this.shift - 1;
    const mask = keys.length - 1;
    for (let j = 0; j < this.size; j++) {
      const k = old[this.filled[j]];
      let i = Math.imul(k - 1, GOLDEN) >>> shift;
      while (keys[i] !== 0) i = (i + 1) & mask;
      keys[i] = k;
      filled[j] = i;
    }
    this.keys = keys;
    this.filled = filled;
    this.shift = shift;
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
