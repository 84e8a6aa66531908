/**
 * Compiles a model artifact for run time: an open-addressing table from feature hash to weight
 * row (no n-gram strings at run time) and the weights as small row-major codes into a palette of
 * their distinct values (attach-model.ts attaches a compiled model to a policy object). Pure and
 * browser-safe.
 */
import { hashString } from './hash-features';
import { WIDTH, weightScaleOf, type ModelArtifact } from './model-artifact';

/** Codes per weight row: WIDTH rounded up to 16 (32 bytes), so no row straddles a cache line. */
export const STRIDE = Math.ceil(WIDTH / 16) * 16;

export interface LinearModel {
  artifact: ModelArtifact;
  fold: Map<string, string>;
  /**
   * Open-addressing table: feature hash (see hashString) → weight row (no n-gram strings at run
   * time). Slot i is [hash, row] at 2i, 2i+1 (-1 = empty), so a probe touches one cache line.
   */
  slots: Int32Array;
  mask: number;
  /**
   * A blocked Bloom filter over the kept hashes (two bits each, in the same 64-byte block; about 8 bits
   * per hash, at least 64 KB, see filterBlocks): most n-grams of a text are not in the model, and this
   * answers "no" for them from one cache line without touching the larger `slots` (see knownRow).
   */
  filter: Int32Array;
  /** 32 − log2(the filter's blocks): blockOf's shift. */
  filterShift: number;
  /**
   * The weights, STRIDE codes per row (the first WIDTH used): weight (row, k) is
   * `palette[codes[row * STRIDE + k]]`, the very double the artifact's number gives (a v2 weight
   * divided by its scale). A model has few distinct weights (2 decimals: about a thousand), so the
   * rows are a quarter of 8-byte doubles and the palette stays in cache.
   */
  codes: Uint16Array | Uint32Array;
  palette: Float64Array;
  /**
   * Each row's feature name. A model read from the preparation cache decodes them all only when this is
   * first read (tests and tools); the run time asks `nameOf` for the handful a `why` names.
   */
  readonly names: string[];
  /** Row `row`'s feature name (heaviestOf). */
  nameOf(row: number): string;
  bias: Float64Array;
}

/**
 * The `slots` entries for `keys` kept features: the power of two at least 1.5 per key, so the table is at most two
 * thirds full (a lookup probes about 1.5 slots of one 64-byte line on average for a known hash, 3 for an unknown one that
 * passes the filter), half the memory of two per key: 4 MB instead of 8 for round 21's 284,690 features, a table the
 * caches keep more of and a start-up that reads less.
 */
export function slotCount(keys: number): number {
  let size = 16;
  while (size < keys * 1.5) size *= 2;
  return size;
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

/** Weight `k` (an OUTPUTS index) of `row`. */
export function weightOf(m: LinearModel, row: number, k: number): number {
  return m.palette[m.codes[row * STRIDE + k]];
}

/** Every weight in row-major order, WIDTH per row (the doubles the artifact gives; for tests and tools). */
export function weightsOf(m: LinearModel): Float64Array {
  const rows = m.codes.length / STRIDE; // not m.names.length: a cached model would decode every name for it
  const out = new Float64Array(rows * WIDTH);
  for (let r = 0; r < rows; r++) for (let k = 0; k < WIDTH; k++) out[r * WIDTH + k] = weightOf(m, r, k);
  return out;
}

/**
 * The Bloom filter's blocks of 16 Int32 (64 bytes; a hash sets two of its block's 512 bits) for `keys` hashes:
 * a power of two with about 8 bits per hash, at least 1024 (64 KB). With two bits per hash a filter of
 * b bits per hash lets through about (1 − e^(−2/b))² of the hashes it does not hold: 64 KB for the
 * 214,388 features of round 15's model is 2.4 bits each and let through a third of the unknown n-grams
 * (each then a probe of the 4 MB `slots`, a cache miss); 256 KB lets through 3 %.
 */
export function filterBlocks(keys: number): number {
  let blocks = 1024;
  while (blocks * 512 < keys * 8) blocks *= 2;
  return blocks;
}

/** blockOf's shift for a filter of `words` Int32 (a power of two, 16 per block). */
export const filterShiftOf = (words: number) => Math.clz32(words >>> 4) + 1;

/** The first Int32 of hash h's block (its high golden-ratio bits, independent of the bits chosen in it). */
export const blockOf = (h: number, shift: number) => (Math.imul(h, 0x9e3779b1) >>> shift) << 4;

/** Whether the Bloom filter lets hash h through: both of its bits in its block are set (FeatureSet inlines this). */
export function inFilter(m: LinearModel, h: number): boolean {
  const f = m.filter;
  const base = blockOf(h, m.filterShift);
  const a = h & 511;
  const b = (h >>> 9) & 511;
  return (f[base + (a >>> 5)] & (1 << (a & 31))) !== 0 && (f[base + (b >>> 5)] & (1 << (b & 31))) !== 0;
}

/** rowOf, answering -1 from the Bloom filter for most hashes the model does not know. */
export function knownRow(m: LinearModel, h: number): number {
  return inFilter(m, h) ? rowOf(m, h) : -1;
}

function addToFilter(f: Int32Array, shift: number, h: number): void {
  const base = blockOf(h, shift);
  const a = h & 511;
  const b = (h >>> 9) & 511;
  f[base + (a >>> 5)] |= 1 << (a & 31);
  f[base + (b >>> 5)] |= 1 << (b & 31);
}

/**
 * Codes into a palette of distinct doubles. Keyed by the double itself; -0 gets its own entry
 * (a Map would take it for 0, and 0 and -0 can sum differently).
 */
class Palette {
  readonly values: number[] = [];
  private readonly index = new Map<number, number>();
  private negZero = -1;

  code(v: number): number {
    if (v === 0 && Object.is(v, -0)) {
      if (this.negZero < 0) this.negZero = this.push(v);
      return this.negZero;
    }
    let c = this.index.get(v);
    if (c === undefined) this.index.set(v, (c = this.push(v)));
    return c;
  }

  private push(v: number): number {
    this.values.push(v);
    return this.values.length - 1;
  }
}

export function compileModel(a: ModelArtifact): LinearModel {
  const keys = Object.keys(a.weights);
  const size = slotCount(keys.length);
  const scale = weightScaleOf(a);
  const palette = new Palette();
  // Codes as read; narrowed to 16 bits below when the palette allows (it nearly always does).
  const wide = new Uint32Array(keys.length * STRIDE);
  const slots = new Int32Array(2 * size).fill(-1);
  const mask = size - 1;
  const filter = new Int32Array(filterBlocks(keys.length) * 16);
  const filterShift = filterShiftOf(filter.length);
  const names: string[] = [];
  const probe = { slots, mask } as LinearModel;
  for (let f = 0; f < keys.length; f++) {
    const k = keys[f];
    const w = a.weights[k];
    const h = hashString(k);
    if (rowOf(probe, h) >= 0) continue; // two kept features share a 30-bit hash: the first one wins
    let i = Math.imul(h, 0x9e3779b1) & mask;
    while (slots[2 * i] !== -1) i = (i + 1) & mask;
    const row = names.length;
    slots[2 * i] = h;
    slots[2 * i + 1] = row;
    addToFilter(filter, filterShift, h);
    names.push(k);
    // Division is correctly rounded: 123 / 1000 is the same double as parsing "0.123" (v1's 3 decimals).
    for (let j = 0; j < WIDTH; j++) wide[row * STRIDE + j] = palette.code(scale === 1 ? w[j] : w[j] / scale);
  }
  const used = wide.subarray(0, names.length * STRIDE);
  return {
    artifact: a,
    fold: new Map(Object.entries(a.fold)),
    slots,
    mask,
    filter,
    filterShift,
    codes: palette.values.length <= 0x10000 ? Uint16Array.from(used) : used.slice(),
    palette: Float64Array.from(palette.values),
    names,
    nameOf: (row) => names[row],
    bias: Float64Array.from(a.bias),
  };
}
