/**
 * `policy check` only reports the model's problems (preparePolicy `model: 'check'`): content this code already
 * loaded without a problem is not decoded again (a `checked` cache entry says so; decoding the cached model cost
 * about half a second of each check). The answer stays the one a load gives: a changed model file, a corrupt
 * entry or an entry vouching for other content means loading it as before, and a problem is still reported.
 * The policy is the default one naming a small trained model (test/support/small-model.ts): reading, hashing and
 * decoding the shipped 20 MB model on every check was most of this file's time, and the paths are the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Policy } from '../../../../policies/src/types';
import { writeSmallModel, type SmallModel } from '../../../support/small-model';

let dir: string;
let other: string;
let small: SmallModel;
const saved = process.env.COMPLAINT_DESK_CACHE_DIR;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-check-model-'));
  other = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-check-model-file-'));
  process.env.COMPLAINT_DESK_CACHE_DIR = dir;
  small = writeSmallModel(other);
});
afterAll(() => {
  if (saved === undefined) delete process.env.COMPLAINT_DESK_CACHE_DIR;
  else process.env.COMPLAINT_DESK_CACHE_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(other, { recursive: true, force: true });
});

/** A new process, as far as the modules go: the policy (its model file replaced if given) checked. */
function check(modelFile?: string, mode: 'check' | true = 'check', edit?: (p: Policy) => void): { problems: unknown[]; attached: boolean } {
  let out: { problems: unknown[]; attached: boolean } | undefined;
  jest.isolateModules(() => {
    const { preparePolicy } = jest.requireActual('../../../../policies/server/load-model');
    const { parsePolicy } = jest.requireActual('../../../../policies/src/validate-policy');
    const { modelOf } = jest.requireActual('../../../../policies/src/engine/model-registry');
    const policy = parsePolicy(small.policyText).policy as Policy;
    if (modelFile) policy.classification.model!.file = modelFile;
    edit?.(policy);
    const problems = preparePolicy(policy, small.baseDir, { model: mode });
    out = { problems, attached: modelOf(policy) !== null };
  });
  return out!;
}

const entries = (kind: string) => fs.readdirSync(dir).filter((f) => f.startsWith(`${kind}-`));

it('a second check of the same model file does not decode the cached model, and attaches none', () => {
  expect(check()).toEqual({ problems: [], attached: false });
  expect(entries('checked')).toHaveLength(1);
  for (const f of entries('model')) fs.rmSync(path.join(dir, f));
  expect(check()).toEqual({ problems: [], attached: false });
  expect(entries('model')).toEqual([]); // not loaded, so not compiled and cached again
});

it('a corrupt checked entry means loading the model again', () => {
  const file = path.join(dir, entries('checked')[0]);
  const good = fs.readFileSync(file);
  const bad = Buffer.from(good);
  bad[bad.length - 1] ^= 1; // the payload no longer matches its SHA-256
  fs.writeFileSync(file, bad);
  expect(check()).toEqual({ problems: [], attached: false });
  expect(entries('model')).toHaveLength(1); // loaded (compiled) again
  expect(fs.readFileSync(file).equals(good)).toBe(true); // and vouched for again
});

it('a changed model file is loaded, and its problem reported as a load reports it, whatever the entries say', () => {
  const { cacheKey, readCached, writeCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const { sha256Of } = jest.requireActual('../../../../policies/server/load-model');
  const modelFile = path.join(other, 'broken-model.json');
  const raw = Buffer.from(JSON.stringify({ format: 'not-a-model' }));
  fs.writeFileSync(modelFile, raw);
  // Plant an entry under the broken file's key that vouches for the good model's content.
  const goodEntry = readCached(entries('checked')[0]);
  writeCached(cacheKey('checked', sha256Of(raw)), goodEntry);
  const loaded = check(modelFile, true);
  expect(loaded.problems).toHaveLength(1);
  expect(check(modelFile)).toEqual({ problems: loaded.problems, attached: false });
  // The good model file cut short after its check: another SHA-256, so another key.
  const good = fs.readFileSync(small.file, 'utf8');
  fs.writeFileSync(modelFile, good.slice(0, good.length >> 1));
  expect(check(modelFile).problems).toEqual(check(modelFile, true).problems);
  expect(check(modelFile).problems).toHaveLength(1);
});

it('a model that reads no signatures names its cue set: a policy without that set gets a problem, cached or not', () => {
  // The default policy trains with skipSignatureOf (own-words.ts), so the small model carries it too.
  expect(JSON.parse(fs.readFileSync(small.file, 'utf8')).options.skipSignatureOf).toBe('signature_not_threat');
  const dropSet = (p: Policy) => {
    p.classification.cues = p.classification.cues!.filter((c) => c.id !== 'signature_not_threat');
  };
  const asked = (p: Policy) => {
    const c = p.classification.cues!.find((x) => x.id === 'signature_not_threat')!;
    (c as { position: string }).position = 'after';
    delete (c as { until?: unknown }).until;
    delete (c as { keepWith?: unknown }).keepWith;
  };
  const expected = [
    expect.objectContaining({ path: 'classification.model.file', message: expect.stringContaining('"signature_not_threat"') }),
  ];
  for (const edit of [dropSet, asked]) {
    expect(check(undefined, true, edit)).toEqual({ problems: expected, attached: false }); // loaded: rules alone
    expect(check(undefined, 'check', edit).problems).toEqual(expected); // checked (entry written or read)
    expect(check(undefined, 'check', edit).problems).toEqual(expected); // checked again (entry read)
  }
  expect(check()).toEqual({ problems: [], attached: false });
});
