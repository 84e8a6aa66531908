/**
 * Activating a policy prepares it on the event loop (policy store): phrases widened into both Chinese scripts and
 * the model file read, checked and compiled. Policies an admin activates one after another (an edit, a rollback)
 * usually name the same model file and mostly the same phrases, so that work is kept: the same file content
 * (SHA-256) gives the same compiled model, the same phrase the same variants. Before, each activation redid it
 * all (about 200 ms of the loop per activation for the default policy). The policy is the default one naming a
 * small trained model (test/support/small-model.ts): the sharing is the same for the shipped 20 MB model, whose
 * cold compiles were most of this file's time.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { preparePolicy } from '../../../../policies/server/load-model';
import { scriptVariants } from '../../../../policies/server/opencc';
import { modelOf } from '../../../../policies/src/engine/model-registry';
import { classify } from '../../../../policies/src/engine/classify';
import { parsePolicy } from '../../../../policies/src/validate-policy';
import type { Policy } from '../../../../policies/src/types';
import { writeSmallModel, type SmallModel } from '../../../support/small-model';

let dir: string;
let small: SmallModel;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cd-prepare-'));
  small = writeSmallModel(mkdtempSync(path.join(tmpdir(), 'cd-prepare-model-')));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(small.baseDir, { recursive: true, force: true });
});
const fresh = (): Policy => {
  const r = parsePolicy(small.policyText);
  if (!r.ok) throw new Error('test policy invalid');
  return r.policy;
};

it('compiles a model file once: a second policy naming the same content shares the compiled model', () => {
  const a = fresh();
  const b = fresh();
  expect(preparePolicy(a, small.baseDir)).toEqual([]);
  expect(preparePolicy(b, small.baseDir)).toEqual([]);
  expect(modelOf(a) !== null).toBe(true);
  expect(modelOf(b) === modelOf(a)).toBe(true); // identity (a diff of two models would print megabytes)
  const t = { subject: '电饭煲漏电', description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电。', channel: 'phone' } as Parameters<
    typeof classify
  >[0];
  expect(classify(t, b)).toEqual(classify(t, a));
});

it("compiles again when the file's content changed, and still refuses a file whose hash the policy does not name", () => {
  const ref = fresh().classification.model!;
  const src = path.join(small.baseDir, ref.file);
  copyFileSync(src, path.join(dir, path.basename(ref.file)));
  const local = (): Policy => {
    const p = fresh();
    p.classification.model = { ...ref, file: path.basename(ref.file), sha256: undefined };
    return p;
  };
  const first = local();
  preparePolicy(first, dir);
  const again = local();
  preparePolicy(again, dir);
  expect(modelOf(again) === modelOf(first)).toBe(true);
  // Same shape, other bytes: a new compile.
  writeFileSync(path.join(dir, path.basename(ref.file)), JSON.stringify(JSON.parse(readFileSync(src, 'utf8'))));
  const changed = local();
  expect(preparePolicy(changed, dir)).toEqual([]);
  expect(modelOf(changed) !== null).toBe(true);
  expect(modelOf(changed) === modelOf(first)).toBe(false);
  const pinned = fresh();
  pinned.classification.model = { ...ref, file: path.basename(ref.file), sha256: ref.sha256 ?? 'a'.repeat(64) };
  const problems = preparePolicy(pinned, dir);
  expect(problems).toEqual([expect.objectContaining({ path: 'classification.model.sha256' })]);
  expect(modelOf(pinned) === null).toBe(true);
});

it('converts a phrase between scripts once', () => {
  const v = scriptVariants('電飯煲漏電');
  expect(v).toEqual(expect.arrayContaining(['電飯煲漏電', '电饭煲漏电']));
  expect(scriptVariants('電飯煲漏電') === v).toBe(true);
  expect(scriptVariants('kettle')).toEqual(['kettle']);
});
