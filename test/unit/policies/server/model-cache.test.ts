/**
 * A compiled model as the preparation cache stores it (model-cache.ts) and back. The feature names are stored as UTF-8
 * one after another with each one's end, and decoded one by one when asked for (on every warm start of the CLI and the
 * connector the run time asks for a handful); as JSON when UTF-8 would not give them back (a lone surrogate). The
 * typed arrays come back as views into the bytes, without a copy.
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

it('stores the names as UTF-8 with their ends, decodes one only when asked, and reads back the same model', () => {
  const m = model(['漏电', 'w:smoke', 's:burn out', '😀x', 'a"b\\c', 'a\nb', '']);
  const b = modelBytes(m);
  expect(header(b).namesAs).toBe('utf8');
  const back = modelFromBytes(b, () => Buffer.from('{}'))!;
  expect(back.nameOf(3)).toBe('😀x');
  expect(back.nameOf(5)).toBe('a\nb');
  expect(back.names).toEqual(m.names);
  expect(Buffer.from(back.codes.buffer, back.codes.byteOffset, back.codes.byteLength).equals(Buffer.from(m.codes.buffer))).toBe(true);
  expect(back.codes.buffer).toBe(b.buffer); // a view, not a copy
  expect([...back.palette]).toEqual([...m.palette]);
});

it('copies an array whose offset does not suit its elements, and reads the artifact weights only when asked', () => {
  const m = model(['a', 'b']);
  const shifted = Buffer.concat([Buffer.alloc(1), modelBytes(m)]).subarray(1);
  let reads = 0;
  const back = modelFromBytes(shifted, () => (reads++, Buffer.from(JSON.stringify(m.artifact))))!;
  expect(back.codes.buffer).not.toBe(shifted.buffer);
  expect([...back.codes]).toEqual([...m.codes]);
  expect(back.names).toEqual(['a', 'b']);
  expect(reads).toBe(0);
  expect(back.artifact.weights).toEqual(m.artifact.weights);
  expect(back.artifact.weights).toEqual(m.artifact.weights);
  expect(reads).toBe(1);
});

it('stores them as JSON when UTF-8 would not give them back', () => {
  for (const names of [['x\uD83D', 'y'], ['\uDE00']]) {
    const m = model(names);
    const b = modelBytes(m);
    expect(header(b).namesAs).toBe('json');
    expect(modelFromBytes(b, () => Buffer.from('{}'))!.names).toEqual(names);
  }
  const none = model([]);
  expect(modelFromBytes(modelBytes(none), () => Buffer.from('{}'))!.names).toEqual([]);
  const empty = model(['']);
  expect(modelFromBytes(modelBytes(empty), () => Buffer.from('{}'))!.names).toEqual(['']);
});

it('refuses bytes whose names do not fit the weight rows', () => {
  const b = modelBytes(model(['a', 'b']));
  const cut = b.subarray(0, b.length - 1); // "ab" → "a": the last name's end lies past the bytes
  expect(modelFromBytes(cut, () => Buffer.from('{}'))).toBeNull();
});
