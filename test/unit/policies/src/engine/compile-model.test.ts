import fs from 'node:fs';
import path from 'node:path';
import {
  compileModel,
  filterBlocks,
  inFilter,
  knownRow,
  rowOf,
  STRIDE,
  weightOf,
  weightsOf,
} from '../../../../../policies/src/engine/compile-model';
import { hashString } from '../../../../../policies/src/engine/hash-features';
import { MODEL_FORMAT, MODEL_FORMAT_V1, WIDTH, type ModelArtifact } from '../../../../../policies/src/engine/model-artifact';

const artifact = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../../../policies/models/triage-model.json'), 'utf8'),
) as ModelArtifact;

function tiny(
  weights: Record<string, number[]>,
  format: ModelArtifact['format'] = MODEL_FORMAT,
  weightScale: number | undefined = 100,
): ModelArtifact {
  return {
    format,
    ...(format === MODEL_FORMAT ? { weightScale } : {}),
    trainedAt: '2026-12-01T00:00:00.000Z',
    examples: 0,
    sources: [],
    options: { charNgrams: 3, wordNgrams: 2, epochs: 1, l2: 0, minCount: 1 },
    fold: {},
    bias: new Array<number>(WIDTH).fill(0),
    weights,
  };
}

describe('compileModel', () => {
  const m = compileModel(artifact);

  // The loops below collect what differs and assert once: one `expect` per feature or hash cost most of this file's time.
  it('finds every kept feature through the Bloom filter (no false "unknown")', () => {
    const wrong = m.names.flatMap((name, row) =>
      knownRow(m, hashString(name)) === row ? [] : [{ name, row, got: knownRow(m, hashString(name)) }],
    );
    expect(wrong).toEqual([]);
  });

  it('answers exactly as the table does for hashes it does not know', () => {
    let h = 12345;
    let filtered = 0;
    const differ: { hash: number; known: number; row: number }[] = [];
    for (let i = 0; i < 200_000; i++) {
      h = (Math.imul(h, 1103515245) + 12345) & 0x3fffffff;
      const row = rowOf(m, h);
      if (knownRow(m, h) !== row && differ.length < 5) differ.push({ hash: h, known: knownRow(m, h), row });
      if (row < 0) filtered++;
    }
    expect(differ).toEqual([]);
    expect(filtered).toBeGreaterThan(190_000);
  });

  it('sizes the Bloom filter to about 8 bits per kept hash, at least 64 KB', () => {
    expect([0, 65_536, 65_537, 131_072, 214_388].map(filterBlocks)).toEqual([1024, 1024, 2048, 2048, 4096]);
    expect(m.filter.length).toBe(filterBlocks(m.names.length) * 16);
    expect(1 << (32 - m.filterShift)).toBe(m.filter.length / 16);
    const small = compileModel(tiny({ a: new Array<number>(WIDTH).fill(1) }));
    expect(small.filter.length).toBe(1024 * 16);
    expect(small.filterShift).toBe(22);
    expect(knownRow(small, hashString('a'))).toBe(0);
    expect(knownRow(small, hashString('b'))).toBe(-1);
  });

  it('lets few of the hashes it does not know through to the table', () => {
    let h = 777;
    let unknown = 0;
    let through = 0;
    for (let i = 0; i < 100_000; i++) {
      h = (Math.imul(h, 1103515245) + 12345) & 0x3fffffff;
      if (rowOf(m, h) >= 0) continue;
      unknown++;
      if (inFilter(m, h)) through++; // the filter alone (knownRow then probes the table)
    }
    // About 8 bits per hash lets ~3 % through (a 64 KB filter let a third through for round 15's model).
    expect(through / unknown).toBeLessThan(0.06);
  });

  it('looks up every feature to the weights a Map of the artifact gives, as the very same doubles', () => {
    // The reference: the artifact's weights in a Map by feature name, each number divided by the scale
    // (a feature whose 30-bit hash an earlier one has is not kept: the earlier one answers for it).
    const byName = new Map(Object.entries(artifact.weights));
    const firstOfHash = new Map<number, string>();
    for (const name of byName.keys()) if (!firstOfHash.has(hashString(name))) firstOfHash.set(hashString(name), name);
    const scale = artifact.weightScale!;
    expect(m.names.length).toBe(firstOfHash.size);
    expect(m.codes).toBeInstanceOf(Uint16Array); // ~1,000 distinct weights: 16-bit codes, 32-byte rows
    expect(STRIDE).toBeGreaterThanOrEqual(WIDTH);
    for (const name of byName.keys()) {
      const row = rowOf(m, hashString(name));
      const kept = firstOfHash.get(hashString(name))!;
      if (m.names[row] !== kept) throw new Error(`${name}: row ${row} holds ${m.names[row]}, not ${kept}`);
      const w = byName.get(kept)!;
      for (let k = 0; k < WIDTH; k++) {
        if (weightOf(m, row, k) !== w[k] / scale) throw new Error(`${name}[${k}]: ${weightOf(m, row, k)} ≠ ${w[k] / scale}`);
      }
    }
  });

  it('keeps -0 apart from 0 and reads v1 weights as written', () => {
    const c = compileModel(tiny({ a: [0, -0, 1.5, -2.25, ...new Array<number>(WIDTH - 4).fill(0)] }, MODEL_FORMAT_V1));
    const row = rowOf(c, hashString('a'));
    expect(Object.is(weightOf(c, row, 0), 0)).toBe(true);
    expect(Object.is(weightOf(c, row, 1), -0)).toBe(true);
    expect([weightOf(c, row, 2), weightOf(c, row, 3)]).toEqual([1.5, -2.25]);
  });

  it('falls back to 32-bit codes when a model has more than 65,536 distinct weights, with the same doubles', () => {
    const weights: Record<string, number[]> = {};
    let v = 0;
    for (let f = 0; f < Math.ceil(70_000 / WIDTH); f++) weights[`f${f}`] = Array.from({ length: WIDTH }, () => v++);
    const c = compileModel(tiny(weights, MODEL_FORMAT, 7));
    expect(c.codes).toBeInstanceOf(Uint32Array);
    const all = weightsOf(c);
    for (let i = 0; i < all.length; i++) if (all[i] !== i / 7) throw new Error(`weight ${i}: ${all[i]}`);
  });

  it('keeps the first of two features whose 30-bit hashes collide, as before', () => {
    // Brute-force a collision among short keys (30-bit hashes collide within ~2^15 names).
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const k = `k${i}`;
      const h = hashString(k);
      const other = seen.get(h);
      if (other) pair = [other, k];
      else seen.set(h, k);
    }
    const c = compileModel(tiny({ [pair[0]]: new Array<number>(WIDTH).fill(1), [pair[1]]: new Array<number>(WIDTH).fill(2) }));
    expect(c.names).toEqual([pair[0]]);
    expect(weightOf(c, rowOf(c, hashString(pair[1])), 0)).toBe(0.01);
  });
});
