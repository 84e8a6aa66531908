/**
 * Compiles a model artifact for run time: an open-addressing table from feature hash to weight
 * row (no n-gram strings at run time) and row-major weights (attach-model.ts attaches a compiled
 * model to a policy object). Pure and browser-safe.
 */
import { hashString } from './hash-features';
import { WIDTH, weightScaleOf, type ModelArtifact } from './model-artifact';

export interface LinearModel {
  artifact: ModelArtifact;
  fold: Map<string, string>;
  /**
   * Open-addressing table: feature hash (see hashString) → row in `flat` (no n-gram strings at run
   * time). Slot i is [hash, row] at 2i, 2i+1 (-1 = empty), so a probe touches one cache line.
   */
  slots: Int32Array;
  mask: number;
  /**
   * A 64 KB Bloom filter over the kept hashes (two bits each): most n-grams of a text are not in the
   * model, and this answers "no" for them without touching the larger `slots` (see knownRow).
   */
  filter: Int32Array;
  /** Row-major weights, WIDTH per feature. */
  flat: Float64Array;
  names: string[];
  bias: Float64Array;
}

/** The weight row of a feature hash, or -1. */
export function rowOf(m: LinearModel, h: number): number {
  const slots = m.slots;
  let i = Math.imul(h, 0x9e3779b1) & m.mask;
  for (;;) {
    const k = slots[2 * i];
    if (k === h) return slots[2 * i + 1];
    if (k === -1) return -1;
    i = (i + 1) & m.mask;
  }
}

const FILTER_BITS = 1 << 19;
export const FILTER_MASK = FILTER_BITS - 1;

/** rowOf, answering -1 from the Bloom filter for most hashes the model does not know. */
export function knownRow(m: LinearModel, h: number): number {
  const f = m.filter;
  const a = h & FILTER_MASK;
  if ((f[a >>> 5] & (1 << (a & 31))) === 0) return -1;
  const b = (Math.imul(h, 0x9e3779b1) >>> 13) & FILTER_MASK;
  if ((f[b >>> 5] & (1 << (b & 31))) === 0) return -1;
  return rowOf(m, h);
}

function addToFilter(f: Int32Array, h: number): void {
  const a = h & FILTER_MASK;
  const b = (Math.imul(h, 0x9e3779b1) >>> 13) & FILTER_MASK;
  f[a >>> 5] |= 1 << (a & 31);
  f[b >>> 5] |= 1 << (b & 31);
}

export function compileModel(a: ModelArtifact): LinearModel {
  const entries = Object.entries(a.weights);
  let size = 16;
  while (size < entries.length * 2) size *= 2;
  const m: LinearModel = {
    artifact: a,
    fold: new Map(Object.entries(a.fold)),
    slots: new Int32Array(2 * size).fill(-1),
    mask: size - 1,
    filter: new Int32Array(FILTER_BITS >>> 5),
    flat: new Float64Array(entries.length * WIDTH),
    names: [],
    bias: Float64Array.from(a.bias),
  };
  const scale = weightScaleOf(a);
  for (const [k, w] of entries) {
    const h = hashString(k);
    if (rowOf(m, h) >= 0) continue; // two kept features share a 30-bit hash: the first one wins
    let i = Math.imul(h, 0x9e3779b1) & m.mask;
    while (m.slots[2 * i] !== -1) i = (i + 1) & m.mask;
    const row = m.names.length;
    m.slots[2 * i] = h;
    m.slots[2 * i + 1] = row;
    addToFilter(m.filter, h);
    m.names.push(k);
    if (scale === 1) m.flat.set(w, row * WIDTH);
    // Division is correctly rounded: 123 / 1000 is the same double as parsing "0.123" (v1's 3 decimals).
    else for (let k = 0; k < WIDTH; k++) m.flat[row * WIDTH + k] = w[k] / scale;
  }
  return m;
}
