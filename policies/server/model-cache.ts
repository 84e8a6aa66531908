/**
 * A compiled model as bytes for the preparation cache (prepare-cache.ts), and back: the typed arrays as they are,
 * the names and the artifact's other fields as JSON. Reading it back costs a few copies instead of parsing and
 * compiling the JSON artifact (about a second for the shipped model). The artifact's weights are parsed from the
 * model file only if something asks for them (nothing at run time does).
 */
import { STRIDE, filterShiftOf, type LinearModel } from '../src/engine/compile-model';
import type { ModelArtifact } from '../src/engine/model-artifact';

const ARRAYS = ['slots', 'filter', 'codes', 'palette', 'bias'] as const;
type ArrayName = (typeof ARRAYS)[number];
const TYPES = { Int32Array, Uint16Array, Uint32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

interface Header {
  stride: number;
  mask: number;
  artifact: Omit<ModelArtifact, 'weights'>;
  arrays: { name: ArrayName; type: TypeName; length: number }[];
  namesBytes: number;
  /** `lines`: the names as UTF-8 joined by \n, split back in about half of JSON.parse's time; else JSON. */
  namesAs?: 'lines' | 'json';
}

/** A \n, or a lone surrogate (which UTF-8 cannot carry; JSON escapes it). */
const NOT_A_LINE = /[\n\uD800-\uDFFF]/u;

/** Whether the names joined by \n split back into exactly them: at least one, none holding a \n or a lone surrogate. */
const asLines = (names: string[]) => names.length > 0 && !names.some((n) => NOT_A_LINE.test(n));

const pad8 = (n: number) => (n + 7) & ~7;

export function modelBytes(m: LinearModel): Buffer {
  const { weights: _weights, ...artifact } = m.artifact;
  const arrays = ARRAYS.map((name) => ({ name, type: m[name].constructor.name as TypeName, length: m[name].length }));
  const namesAs = asLines(m.names) ? 'lines' : 'json';
  const names = Buffer.from(namesAs === 'lines' ? m.names.join('\n') : JSON.stringify(m.names));
  const header = Buffer.from(
    JSON.stringify({ stride: STRIDE, mask: m.mask, artifact, arrays, namesBytes: names.length, namesAs } satisfies Header),
  );
  const parts: Buffer[] = [Buffer.alloc(4), header, Buffer.alloc(pad8(4 + header.length) - 4 - header.length)];
  parts[0].writeUInt32LE(header.length);
  for (const name of ARRAYS) {
    const a = m[name];
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(pad8(a.byteLength) - a.byteLength));
  }
  parts.push(names);
  return Buffer.concat(parts);
}

/**
 * The compiled model stored by modelBytes, or null when the bytes do not describe one of this code's layout.
 * `modelFile` is the artifact's JSON (the bytes the cache key was made from), parsed only for `artifact.weights`.
 */
export function modelFromBytes(b: Buffer, modelFile: Buffer): LinearModel | null {
  try {
    const headerLength = b.readUInt32LE(0);
    const header = JSON.parse(b.toString('utf8', 4, 4 + headerLength)) as Header;
    if (header.stride !== STRIDE || header.arrays.length !== ARRAYS.length) return null;
    let at = pad8(4 + headerLength);
    const out: Partial<Record<ArrayName, Int32Array | Uint16Array | Uint32Array | Float64Array>> = {};
    for (const [i, { name, type, length }] of header.arrays.entries()) {
      if (name !== ARRAYS[i] || !(type in TYPES)) return null;
      const a = new TYPES[type](length);
      const bytes = a.byteLength;
      if (at + bytes > b.length) return null;
      new Uint8Array(a.buffer).set(b.subarray(at, at + bytes));
      out[name] = a;
      at += pad8(bytes);
    }
    if (at + header.namesBytes !== b.length) return null;
    const text = b.toString('utf8', at);
    const names = header.namesAs === 'lines' ? text.split('\n') : (JSON.parse(text) as string[]);
    if (!Array.isArray(names)) return null;
    if (out.slots!.length !== 2 * (header.mask + 1) || out.codes!.length !== names.length * STRIDE) return null;
    const filterWords = out.filter!.length;
    // The filter's blocks are a power of two (filterBlocks).
    if (filterWords < 16 || (filterWords & (filterWords - 1)) !== 0) return null;
    let weights: ModelArtifact['weights'] | undefined;
    const artifact = header.artifact as ModelArtifact;
    Object.defineProperty(artifact, 'weights', {
      enumerable: true,
      get: () => (weights ??= (JSON.parse(modelFile.toString('utf8')) as ModelArtifact).weights),
    });
    return {
      artifact,
      fold: new Map(Object.entries(artifact.fold)),
      slots: out.slots as Int32Array,
      mask: header.mask,
      filter: out.filter as Int32Array,
      filterShift: filterShiftOf(filterWords),
      codes: out.codes as Uint16Array | Uint32Array,
      palette: out.palette as Float64Array,
      names,
      bias: out.bias as Float64Array,
    };
  } catch {
    return null;
  }
}
