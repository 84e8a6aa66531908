/**
 * The on-disk preparation cache (prepare-cache.ts): a process that prepares the policy and model an earlier one
 * prepared reads the widened phrases and the compiled model instead of redoing seconds of work, and classifies
 * exactly as without it; an entry is really read (a valid entry with other content changes the answers); a corrupt
 * entry, an unwritable folder or COMPLAINT_DESK_CACHE_DIR=off fall back to computing, silently. The policy is the
 * default one naming a small trained model (test/support/small-model.ts): the cache's paths are the same for the
 * shipped 20 MB model, whose seven preparations here cost most of this file's time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LinearModel } from '../../../../policies/src/engine/compile-model';
import type { Policy, Ticket } from '../../../../policies/src/types';
import { writeSmallModel, type SmallModel } from '../../../support/small-model';

const ROOT = path.resolve(__dirname, '../../../..');
// Training tickets (en, zh-CN, zh-TW): enough for any change of the lexicon or the model to show.
const tickets = fs
  .readFileSync(path.join(ROOT, 'policies/training/train.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Ticket & { lang?: string })
  .filter((t, i) => i % 97 === 0)
  .slice(0, 80);

let dir: string;
let small: SmallModel;
const saved = process.env.COMPLAINT_DESK_CACHE_DIR;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-prepare-cache-'));
  small = writeSmallModel(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-prepare-cache-model-')));
});
afterAll(() => {
  if (saved === undefined) delete process.env.COMPLAINT_DESK_CACHE_DIR;
  else process.env.COMPLAINT_DESK_CACHE_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(small.baseDir, { recursive: true, force: true });
});

/** A new process, as far as the modules go: the policy prepared and the tickets classified. */
function run(cacheDir: string): { answers: unknown[]; model: LinearModel } {
  process.env.COMPLAINT_DESK_CACHE_DIR = cacheDir;
  let out: { answers: unknown[]; model: LinearModel } | undefined;
  jest.isolateModules(() => {
    const { preparePolicy } = jest.requireActual('../../../../policies/server/load-model');
    const { parsePolicy } = jest.requireActual('../../../../policies/src/validate-policy');
    const { classify } = jest.requireActual('../../../../policies/src/engine/classify');
    const { modelOf } = jest.requireActual('../../../../policies/src/engine/model-registry');
    const policy = parsePolicy(small.policyText).policy as Policy;
    expect(preparePolicy(policy, small.baseDir)).toEqual([]);
    out = {
      answers: tickets.map((t) => {
        const c = classify(t, policy);
        return [c.category, c.severity, c.signals, c.confidence];
      }),
      model: modelOf(policy),
    };
  });
  return out!;
}

const entry = (kind: string) => {
  const names = fs.readdirSync(dir).filter((f) => f.startsWith(`${kind}-`));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0]);
};

let cold: ReturnType<typeof run>;

it('a second process reads the cached phrases and model and classifies exactly as the first', () => {
  cold = run(dir);
  const written = [entry('model'), entry('lexicon')];
  const warm = run(dir);
  expect(warm.answers).toEqual(cold.answers);
  for (const k of ['slots', 'filter', 'codes', 'palette', 'bias'] as const) {
    expect(warm.model[k].constructor).toBe(cold.model[k].constructor);
    // A warm model's arrays are views into the entry read: compare their own bytes.
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(Buffer.compare(bytes(warm.model[k]), bytes(cold.model[k]))).toBe(0);
  }
  expect(warm.model.mask).toBe(cold.model.mask);
  expect(warm.model.filterShift).toBe(cold.model.filterShift);
  expect(warm.model.names).toEqual(cold.model.names);
  expect(warm.model.fold).toEqual(cold.model.fold);
  const { weights: _w, ...rest } = cold.model.artifact;
  expect(warm.model.artifact).toMatchObject(rest);
  // The weights are still there for whoever asks (parsed from the model file then).
  expect(Object.keys(warm.model.artifact.weights)).toHaveLength(Object.keys(cold.model.artifact.weights).length);
  expect([entry('model'), entry('lexicon')]).toEqual(written);
});

it('really reads an entry: a valid one with other content changes the answers; a corrupt one is recomputed', () => {
  const { modelBytes, modelFromBytes } = jest.requireActual('../../../../policies/server/model-cache');
  const { readCached, writeCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const env = { COMPLAINT_DESK_CACHE_DIR: dir };
  for (const kind of ['model', 'lexicon']) {
    const file = entry(kind);
    const key = path.basename(file);
    const good = fs.readFileSync(file);
    if (kind === 'model') {
      const m = modelFromBytes(readCached(key, env), () => Buffer.from('{}')) as LinearModel;
      m.bias[0] += 20; // the first category wins wherever the rules do not force one
      writeCached(key, modelBytes(m), env);
    } else {
      const w = JSON.parse(readCached(key, env).toString('utf8'));
      w.rules = w.rules.map(() => [[], [], []]); // no rule phrase or pattern matches
      writeCached(key, Buffer.from(JSON.stringify(w)), env);
    }
    expect(run(dir).answers).not.toEqual(cold.answers);
    const planted = fs.readFileSync(file);
    planted[planted.length >> 1] ^= 1; // the payload no longer matches its SHA-256
    fs.writeFileSync(file, planted);
    expect(run(dir).answers).toEqual(cold.answers);
    expect(fs.readFileSync(file).equals(good)).toBe(true); // written again, as computed
  }
});

it('an unwritable cache folder, or COMPLAINT_DESK_CACHE_DIR=off, only means computing', () => {
  const notADir = path.join(dir, 'a-file');
  fs.writeFileSync(notADir, 'x');
  expect(run(path.join(notADir, 'cache')).answers).toEqual(cold.answers);
  const before = fs.readdirSync(dir).sort();
  expect(run('off').answers).toEqual(cold.answers);
  expect(fs.readdirSync(dir).sort()).toEqual(before);
});

it('keys entries by the exact input and the code version', () => {
  const { cacheKey, codeVersion } = jest.requireActual('../../../../policies/server/prepare-cache');
  expect(cacheKey('model', 'a')).toBe(cacheKey('model', 'a'));
  expect(cacheKey('model', 'a')).not.toBe(cacheKey('model', 'b'));
  expect(cacheKey('model', 'ab')).not.toBe(cacheKey('model', 'a', 'b'));
  expect(cacheKey('model', 'a')).not.toBe(cacheKey('lexicon', 'a'));
  expect(cacheKey('model', 'a')).toContain('model-');
  expect(codeVersion()).toMatch(/^[0-9a-f]{64}$/);
});

it('keeps the most recently used entries of a kind, and only a few', () => {
  const { readCached, writeCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-prepare-keep-'));
  const env = { COMPLAINT_DESK_CACHE_DIR: own };
  const at = (f: string, s: number) => fs.utimesSync(path.join(own, f), s, s);
  writeCached('lexicon-a', Buffer.from('a'), env, 2);
  at('lexicon-a', 1000);
  writeCached('lexicon-b', Buffer.from('b'), env, 2);
  at('lexicon-b', 2000);
  writeCached('model-x', Buffer.from('x'), env, 2);
  expect(readCached('lexicon-a', env)?.toString()).toBe('a'); // used now: newer than b
  writeCached('lexicon-c', Buffer.from('c'), env, 2);
  expect(fs.readdirSync(own).sort()).toEqual(['lexicon-a', 'lexicon-c', 'model-x']);
  fs.rmSync(own, { recursive: true, force: true });
});

it('a JSON entry is used when its check accepts it; bytes that are not JSON, or a refused value, are computed again', () => {
  const { jsonThroughCache, writeCached, readCached, cacheKey } = jest.requireActual(
    '../../../../policies/server/prepare-cache',
  ) as typeof import('../../../../policies/server/prepare-cache');
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-prepare-json-'));
  process.env.COMPLAINT_DESK_CACHE_DIR = own;
  const key = cacheKey('lexicon', 'json-entry-test');
  const numbers = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null);
  let computed = 0;
  const compute = () => (computed++, [1, 2, 3]);
  writeCached(key, Buffer.from('not json'));
  expect(jsonThroughCache(key, numbers, compute)).toEqual([1, 2, 3]);
  expect(computed).toBe(1);
  expect(readCached(key)?.toString()).toBe('[1,2,3]'); // stored again, as JSON
  writeCached(key, Buffer.from('[4,5]'));
  expect(jsonThroughCache(key, numbers, compute)).toEqual([4, 5]); // read, not computed
  expect(computed).toBe(1);
  writeCached(key, Buffer.from('["a"]'));
  expect(jsonThroughCache(key, numbers, compute)).toEqual([1, 2, 3]); // refused by the check
  expect(computed).toBe(2);
  fs.rmSync(own, { recursive: true, force: true });
});

// The admin console's worker, run from TypeScript, is a bundle evaluated in memory: its __filename
// ("[worker eval]") is no file. Reading it threw, and every dry run answered 500.
test('code that cannot be read gives no version and no key, and nothing is read or written', () => {
  const { versionOf, readCached, writeCached } = jest.requireActual(
    '../../../../policies/server/prepare-cache',
  ) as typeof import('../../../../policies/server/prepare-cache');
  expect(versionOf(['[worker eval]'])).toBeNull();
  expect(versionOf([path.join(ROOT, 'package.json')])).toMatch(/^[0-9a-f]{64}$/);
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-prepare-cache-null-'));
  try {
    const env = { COMPLAINT_DESK_CACHE_DIR: d };
    writeCached(null, Buffer.from('payload'), env);
    expect(fs.readdirSync(d)).toEqual([]);
    expect(readCached(null, env)).toBeNull();
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
