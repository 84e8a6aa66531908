/**
 * The distinct n-gram hashes of one text, collected without allocating: an open-addressing set
 * over a reused Int32Array (emptied by clearing only the slots it filled), which also records, in
 * the order the hashes first occur, the weight rows the model knows. Iterating those rows gives the
 * same order — hence the same floating-point sums — as iterating a Set<number> of the hashes.
 * One instance per model, reused across calls (classification is synchronous).
 */
import { blockOf, rowOf, type LinearModel } from './compile-model';

const GOLDEN = 0x9e3779b1;

export class FeatureSet {
  /** Distinct hashes added since `reset`. */
  size = 0;
  /** hash + 1 per slot (0 = empty): hashes are 30-bit, so one array and no generation stamps. */
  private keys = new Int32Array(4096);
  private shift = 32 - 12;
  /** The slot each of the `size` hashes went to, so `reset` clears only those (a 16 KB table stays in L1). */
  private filled = new Int32Array(2048);
  /** The distinct hashes in first-occurrence order. */
  private order = new Int32Array(2048);
  private rows = new Int32Array(1024);
  private rowCount = 0;
  /** Whether hashes were added since the rows were last looked up. */
  private stale = false;

  constructor(private readonly model: LinearModel) {}

  /** Rows the model knows, first occurrence order; `knownCount` of them are valid. */
  get known(): Int32Array {
    if (this.stale) this.lookUp();
    return this.rows;
  }

  get knownCount(): number {
    if (this.stale) this.lookUp();
    return this.rowCount;
  }

  reset(): void {
    const keys = this.keys;
    const filled = this.filled;
    for (let j = 0; j < this.size; j++) keys[filled[j]] = 0;
    this.size = 0;
    this.rowCount = 0;
    this.stale = false;
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
    this.filled[this.size] = i;
    this.order[this.size++] = h;
    this.stale = true;
    if (this.size * 2 > mask) this.grow();
  }

  /**
   * The rows of the hashes added, in their order: the Bloom filter first for all of them (it answers "no"
   * for most n-grams), then the table for those it passed. Done in batches rather than per add, so the
   * table probes do not wait on each other: their addresses depend only on the hashes, and the CPU
   * overlaps the cache misses (the table is far larger than the caches).
   */
  private lookUp(): void {
    const m = this.model;
    const f = m.filter;
    const shift = m.filterShift;
    const order = this.order;
    const n = this.size;
    // The hashes that pass the filter, in order, compacted at the front of `order`'s spare copy.
    const pass = passScratch.length < n ? (passScratch = new Int32Array(n * 2)) : passScratch;
    let c = 0;
    for (let j = 0; j < n; j++) {
      const h = order[j];
      const base = blockOf(h, shift);
      const a = h & 511;
      const b = (h >>> 9) & 511;
      if ((f[base + (a >>> 5)] & (1 << (a & 31))) !== 0 && (f[base + (b >>> 5)] & (1 << (b & 31))) !== 0) pass[c++] = h;
    }
    if (this.rows.length < c) this.rows = new Int32Array(c * 2);
    const rows = this.rows;
    const slots = m.slots;
    const smask = m.mask;
    let r = 0;
    for (let j = 0; j < c; j++) {
      const h = pass[j];
      const i = Math.imul(h, GOLDEN) & smask;
      const k = slots[2 * i];
      // Most are found at their first slot or that slot is empty; a longer probe takes rowOf.
      if (k === h) rows[r++] = slots[2 * i + 1];
      else if (k !== -1) {
        const row = rowOf(m, h);
        if (row >= 0) rows[r++] = row;
      }
    }
    this.rowCount = r;
    this.stale = false;
  }

  /** Doubles the table (and `filled`, `order`), re-inserting the hashes it holds. */
  private grow(): void {
    const old = this.keys;
    const keys = new Int32Array(old.length * 2);
    const filled = new Int32Array(old.length);
    const order = new Int32Array(old.length);
    order.set(this.order.subarray(0, this.size));
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
    this.order = order;
    this.shift = shift;
  }
}

let passScratch = new Int32Array(2048);

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
