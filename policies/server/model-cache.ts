/**
 * A compiled model as bytes for the preparation cache (prepare-cache.ts), and back: the typed arrays as they are,
 * the names and the artifact's other fields as JSON. Reading it back costs no parse and no compile of the JSON
 * artifact (about a second for the shipped model) and no copy: the typed arrays are views into the bytes read, and
 * the feature names are decoded one by one when first asked for (a `why` names a handful per ticket; the 284,690
 * strings of round 21's model, decoded and split at every start, cost more than the rest of the read). The
 * artifact's weights are read from the model file only if something asks for them (nothing at run time does).
 */
import { STRIDE, filterShiftOf, type LinearModel } from '../src/engine/compile-model';
import type { ModelArtifact } from '../src/engine/model-artifact';

const ARRAYS = ['slots', 'filter', 'codes', 'palette', 'bias'] as const;
type ArrayName = (typeof ARRAYS)[number] | 'nameEnds';
type AnyArray = Int32Array | Uint16Array | Uint32Array | Float64Array;
const TYPES = { Int32Array, Uint16Array, Uint32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

interface Header {
  stride: number;
  mask: number;
  artifact: Omit<ModelArtifact, 'weights'>;
  arrays: { name: ArrayName; type: TypeName; length: number }[];
  namesBytes: number;
  /**
   * `utf8`: the names' UTF-8 one after another, each ending at its `nameEnds` entry (decoded one by one when asked
   * for); `json`: a JSON array, parsed at once (names with a lone surrogate, which UTF-8 cannot carry).
   */
  namesAs: 'utf8' | 'json';
}

/** A lone surrogate: UTF-8 cannot carry it (JSON escapes it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

const pad8 = (n: number) => (n + 7) & ~7;

export function modelBytes(m: LinearModel): Buffer {
  const { weights: _weights, ...artifact } = m.artifact;
  const names = m.names;
  const namesAs = names.some((n) => LONE_SURROGATE.test(n)) ? 'json' : 'utf8';
  let namesBuf: Buffer;
  const arrays: { name: ArrayName; a: AnyArray }[] = ARRAYS.map((name) => ({ name, a: m[name] }));
  if (namesAs === 'utf8') {
    // Without a lone surrogate, the UTF-8 of the names joined is each name's UTF-8 one after another.
    const ends = new Int32Array(names.length);
    let at = 0;
    for (let i = 0; i < names.length; i++) ends[i] = at += Buffer.byteLength(names[i], 'utf8');
    namesBuf = Buffer.from(names.join(''), 'utf8');
    arrays.push({ name: 'nameEnds', a: ends });
  } else namesBuf = Buffer.from(JSON.stringify(names));
  const header = Buffer.from(
    JSON.stringify({
      stride: STRIDE,
      mask: m.mask,
      artifact,
      arrays: arrays.map(({ name, a }) => ({ name, type: a.constructor.name as TypeName, length: a.length })),
      namesBytes: namesBuf.length,
      namesAs,
    } satisfies Header),
  );
  const parts: Buffer[] = [Buffer.alloc(4), header, Buffer.alloc(pad8(4 + header.length) - 4 - header.length)];
  parts[0].writeUInt32LE(header.length);
  for (const { a } of arrays)
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(pad8(a.byteLength) - a.byteLength));
  parts.push(namesBuf);
  return Buffer.concat(parts);
}

/** A typed array over b[at, at + its bytes): a view when the offset suits the element size (it does for a file read whole), else a copy. */
function arrayAt(b: Buffer, at: number, type: TypeName, length: number): AnyArray {
  const T = TYPES[type];
  const offset = b.byteOffset + at;
  if (offset % T.BYTES_PER_ELEMENT === 0) return new T(b.buffer as ArrayBuffer, offset, length);
  const a = new T(length);
  new Uint8Array(a.buffer).set(b.subarray(at, at + a.byteLength));
  return a;
}

/** The names of a `utf8` entry: each decoded when first asked for, all of them when `all()` is. */
function lazyNames(bytes: Buffer, ends: Int32Array): { nameOf(row: number): string; all(): string[] } {
  const decoded: (string | undefined)[] = new Array<string | undefined>(ends.length);
  const nameOf = (row: number): string => (decoded[row] ??= bytes.toString('utf8', row === 0 ? 0 : ends[row - 1], ends[row]));
  let all: string[] | undefined;
  return { nameOf, all: () => (all ??= Array.from(ends, (_, row) => nameOf(row))) };
}

/**
 * The compiled model stored by modelBytes, or null when the bytes do not describe one of this code's layout. The
 * model's arrays are views into `b` (keep it unchanged). `modelFile` reads the artifact's JSON (the bytes the cache
 * key was made from), called only for `artifact.weights`.
 */
export function modelFromBytes(b: Buffer, modelFile: () => Buffer): LinearModel | null {
  try {
    const headerLength = b.readUInt32LE(0);
    const header = JSON.parse(b.toString('utf8', 4, 4 + headerLength)) as Header;
    const utf8 = header.namesAs === 'utf8';
    if (header.stride !== STRIDE || header.arrays.length !== ARRAYS.length + (utf8 ? 1 : 0)) return null;
    let at = pad8(4 + headerLength);
    const out: Partial<Record<ArrayName, AnyArray>> = {};
    for (const [i, { name, type, length }] of header.arrays.entries()) {
      if (name !== (i < ARRAYS.length ? ARRAYS[i] : 'nameEnds') || !(type in TYPES)) return null;
      const bytes = length * TYPES[type].BYTES_PER_ELEMENT;
      if (!Number.isInteger(length) || length < 0 || at + bytes > b.length) return null;
      out[name] = arrayAt(b, at, type, length);
      at += pad8(bytes);
    }
    if (at + header.namesBytes !== b.length) return null;
    const codes = out.codes as Uint16Array | Uint32Array;
    const rows = codes.length / STRIDE;
    let names: { nameOf(row: number): string; all(): string[] };
    if (utf8) {
      const ends = out.nameEnds as Int32Array;
      if (!(ends instanceof Int32Array) || ends.length !== rows) return null;
      for (let r = 0, prev = 0; r < rows; prev = ends[r++]) if (ends[r] < prev) return null;
      if ((rows ? ends[rows - 1] : 0) !== header.namesBytes) return null;
      names = lazyNames(b.subarray(at), ends);
    } else {
      const list = JSON.parse(b.toString('utf8', at)) as string[];
      if (!Array.isArray(list) || list.length !== rows) return null;
      names = { nameOf: (row) => list[row], all: () => list };
    }
    if (out.slots!.length !== 2 * (header.mask + 1) || !Number.isInteger(rows)) return null;
    const filterWords = out.filter!.length;
    // The filter's blocks are a power of two (filterBlocks).
    if (filterWords < 16 || (filterWords & (filterWords - 1)) !== 0) return null;
    let weights: ModelArtifact['weights'] | undefined;
    const artifact = header.artifact as ModelArtifact;
    Object.defineProperty(artifact, 'weights', {
      enumerable: true,
      get: () => (weights ??= (JSON.parse(modelFile().toString('utf8')) as ModelArtifact).weights),
    });
    return {
      artifact,
      fold: new Map(Object.entries(artifact.fold)),
      slots: out.slots as Int32Array,
      mask: header.mask,
      filter: out.filter as Int32Array,
      filterShift: filterShiftOf(filterWords),
      codes,
      palette: out.palette as Float64Array,
      get names() {
        return names.all();
      },
      nameOf: names.nameOf,
      bias: out.bias as Float64Array,
    };
  } catch {
    return null;
  }
}
