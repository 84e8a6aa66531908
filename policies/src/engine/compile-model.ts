/**
 * Compiles a model artifact for run time: an open-addressing table from feature hash to weight
 * row (no n-gram strings at run time) and row-major weights (attach-model.ts attaches a compiled
 * model to a policy object). Pure and browser-safe.
 */
import { hashString } from './hash-features';
import { WIDTH, type ModelArtifact } from './model-artifact';

export interface LinearModel {
  artifact: ModelArtifact;
  fold: Map<string, string>;
  /**
   * Open-addressing table: feature hash (see hashString) → row in `flat` (no n-gram strings at run
   * time). Slot i is [hash, row] at 2i, 2i+1 (-1 = empty), so a probe touches one cache line.
   */
  slots: Int32Array;
  mask: number;
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

export function compileModel(a: ModelArtifact): LinearModel {
  const entries = Object.entries(a.weights);
  let size = 16;
  while (size < entries.length * 2) size *= 2;
  const m: LinearModel = {
    artifact: a,
    fold: new Map(Object.entries(a.fold)),
    slots: new Int32Array(2 * size).fill(-1),
    mask: size - 1,
    flat: new Float64Array(entries.length * WIDTH),
    names: [],
    bias: Float64Array.from(a.bias),
  };
  for (const [k, w] of entries) {
    const h = hashString(k);
    if (rowOf(m, h) >= 0) continue; // two kept features share a 30-bit hash: the first one wins
    let i = Math.imul(h, 0x9e3779b1) & m.mask;
    while (m.slots[2 * i] !== -1) i = (i + 1) & m.mask;
    const row = m.names.length;
    m.slots[2 * i] = h;
    m.slots[2 * i + 1] = row;
    m.names.push(k);
    m.flat.set(w, row * WIDTH);
  }
  return m;
}
