/**
 * The fold map (traditional → simplified, every CJK ideograph; what `model train`, `model cv` and a retrain give a new
 * model) is kept in the preparation cache (prepare-cache.ts): a process that folds after an earlier one reads it
 * instead of loading opencc-js's dictionaries and converting 27,000 characters (about a second), and gets the same
 * map. An entry is really read (a planted one changes the answer); a corrupt or foreign entry means converting again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let dir: string;
const saved = process.env.COMPLAINT_DESK_CACHE_DIR;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-fold-map-'));
  process.env.COMPLAINT_DESK_CACHE_DIR = dir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.COMPLAINT_DESK_CACHE_DIR;
  else process.env.COMPLAINT_DESK_CACHE_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new process, as far as the modules go; `withoutConverter` makes loading opencc-js throw. */
function fold(withoutConverter = false): Map<string, string> {
  let out: Map<string, string> | undefined;
  jest.isolateModules(() => {
    if (withoutConverter)
      jest.doMock('opencc-js', () => {
        throw new Error('opencc-js was loaded');
      });
    out = (jest.requireActual('../../../../policies/server/opencc') as typeof import('../../../../policies/server/opencc')).foldMap();
    jest.dontMock('opencc-js');
  });
  return out!;
}

const entries = () => fs.readdirSync(dir).filter((f) => f.startsWith('fold-'));

let converted: Map<string, string>;

it('a second process reads the fold map from the cache, the same map, without loading the converter', () => {
  converted = fold();
  expect(converted.get('電')).toBe('电');
  expect(converted.size).toBeGreaterThan(2000);
  expect(entries()).toHaveLength(1);
  const warm = fold(true);
  expect([...warm]).toEqual([...converted]); // the same pairs in the same order
  expect(entries()).toHaveLength(1);
});

it('really reads the entry: a planted map is the answer; a corrupt entry is converted and written again', () => {
  const { readCached, writeCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const key = entries()[0];
  const file = path.join(dir, key);
  const good = fs.readFileSync(file);
  writeCached(key, Buffer.from(JSON.stringify([['電', '点']])));
  expect([...fold(true)]).toEqual([['電', '点']]);
  const planted = fs.readFileSync(file);
  planted[planted.length >> 1] ^= 1; // the payload no longer matches its SHA-256
  fs.writeFileSync(file, planted);
  expect([...fold()]).toEqual([...converted]);
  expect(fs.readFileSync(file).equals(good)).toBe(true);
  expect(readCached(key)).not.toBeNull();
});

it('bytes that are not a fold map of this shape are refused', () => {
  const { foldMapFromBytes } = jest.requireActual(
    '../../../../policies/server/opencc',
  ) as typeof import('../../../../policies/server/opencc');
  const of = (v: unknown) => foldMapFromBytes(Buffer.from(JSON.stringify(v)));
  expect([
    ...of([
      ['殼', '壳'],
      ['電', '电'],
    ])!,
  ]).toEqual([
    ['殼', '壳'],
    ['電', '电'],
  ]);
  for (const bad of [
    {},
    null,
    [['電']],
    [['電', 1]],
    [['電', '电电']],
    [['电', '电']], // not a change
    [['A', 'a']], // outside the ideographs folded
    [
      ['電', '电'],
      ['殼', '壳'],
    ], // out of code point order
    [
      ['電', '电'],
      ['電', '电'],
    ], // twice
  ])
    expect(of(bad)).toBeNull();
  expect(foldMapFromBytes(Buffer.from('{not json'))).toBeNull();
});
