/**
 * A compiled model as the preparation cache stores it (model-cache.ts) and back. The feature names are stored as lines
 * (split back in about half of JSON.parse's time, on every warm start of the CLI and the connector) when that gives
 * exactly the same names, and as JSON when it would not: a name with a line break or a lone surrogate, or no names.
 */
import { compileModel, type LinearModel } from '../../../../policies/src/engine/compile-model';
import { MODEL_FORMAT, WIDTH, type ModelArtifact } from '../../../../policies/src/engine/model-artifact';
import { modelBytes, modelFromBytes } from '../../../../policies/server/model-cache';

function model(names: string[]): LinearModel {
  const weights: Record<string, number[]> = {};
  names.forEach((n, i) => (weights[n] = Array.from({ length: WIDTH }, (_, k) => i * WIDTH + k - 7)));
  const artifact: ModelArtifact = {
    format: MODEL_FORMAT,
    weightScale: 100,
    trainedAt: '2026-12-02T00:00:00.000Z',
    examples: 1,
    sources: [],
    options: { charNgrams: 3, wordNgrams: 2, epochs: 1, l2: 0, minCount: 1 },
    fold: { 電: '电' },
    bias: new Array<number>(WIDTH).fill(0.5),
    weights,
  };
  return compileModel(artifact);
}

const header = (b: Buffer) => JSON.parse(b.toString('utf8', 4, 4 + b.readUInt32LE(0))) as { namesAs?: string };

it('stores the names as lines when they split back exactly, and reads back the same model', () => {
  const m = model(['漏电', 'w:smoke', 's:burn out', '😀x', 'a"b\\c']);
  const b = modelBytes(m);
  expect(header(b).namesAs).toBe('lines');
  const back = modelFromBytes(b, Buffer.from('{}'))!;
  expect(back.names).toEqual(m.names);
  expect(Buffer.from(back.codes.buffer).equals(Buffer.from(m.codes.buffer))).toBe(true);
  expect([...back.palette]).toEqual([...m.palette]);
});

it('stores them as JSON when lines would not give them back', () => {
  for (const names of [['a\nb', 'c'], ['x\uD83D', 'y'], ['\uDE00']]) {
    const m = model(names);
    const b = modelBytes(m);
    expect(header(b).namesAs).toBe('json');
    expect(modelFromBytes(b, Buffer.from('{}'))!.names).toEqual(names);
  }
  const none = model([]);
  expect(header(modelBytes(none)).namesAs).toBe('json');
  expect(modelFromBytes(modelBytes(none), Buffer.from('{}'))!.names).toEqual([]);
  const empty = model(['']);
  expect(modelFromBytes(modelBytes(empty), Buffer.from('{}'))!.names).toEqual(['']);
});

it('refuses bytes whose names do not fit the weight rows', () => {
  const b = modelBytes(model(['a', 'b']));
  const cut = b.subarray(0, b.length - 2); // "a\nb" → "a": one name for two rows
  expect(modelFromBytes(cut, Buffer.from('{}'))).toBeNull();
});
