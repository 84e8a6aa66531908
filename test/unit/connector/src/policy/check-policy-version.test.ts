import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import {
  checkPolicyInput,
  checkStoredVersion,
  createPolicyPreparer,
  versionText,
} from '../../../../../connector/src/policy/check-policy-version';

const DEFAULT = join(__dirname, '../../../../../policies/default.json');
const text = readFileSync(DEFAULT, 'utf8');

describe('checkPolicyInput', () => {
  it('validates JSON text and a parsed value alike', () => {
    const fromText = checkPolicyInput(text);
    const fromValue = checkPolicyInput(JSON.parse(text));
    expect(fromText.ok && fromValue.ok).toBe(true);
    if (fromText.ok && fromValue.ok) expect(fromText.policy).toEqual(fromValue.policy);
  });

  it('refuses a policy with a path to what is wrong', () => {
    const r = checkPolicyInput({ ...JSON.parse(text), version: 7 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toContain('version');
  });
});

describe('versionText', () => {
  it('stores pretty JSON and the SHA-256 of exactly that text', () => {
    const r = checkPolicyInput(text);
    if (!r.ok) throw new Error('default policy must validate');
    const { json, sha } = versionText(r.policy);
    expect(json).toBe(JSON.stringify(r.policy, null, 2));
    expect(sha).toBe(createHash('sha256').update(json).digest('hex'));
  });
});

describe('checkStoredVersion', () => {
  it('returns the policy of a version that still validates', () => {
    expect(checkStoredVersion({ id: 3, json: text }).version).toBe(JSON.parse(text).version);
  });

  it('throws invalid_policy naming the version and the first problem when it no longer validates', () => {
    const json = JSON.stringify({ ...JSON.parse(text), surprise: true });
    expect(() => checkStoredVersion({ id: 12, json })).toThrow(
      expect.objectContaining({ code: 'invalid_policy', message: expect.stringContaining('stored policy version 12 no longer validates') }),
    );
  });
});

describe('createPolicyPreparer', () => {
  it('resolves the model next to the policy file and logs, without the policy text, when it cannot load it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-prepare-'));
    const logs: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: new Writable({
        write(c, _e, cb) {
          logs.push(String(c));
          cb();
        },
      }),
    });
    try {
      const { policyDir, prepare } = createPolicyPreparer(join(dir, 'policy.json'), logger);
      expect(policyDir).toBe(dir);
      const r = checkPolicyInput(text);
      if (!r.ok) throw new Error('default policy must validate');
      const model = { ...r.policy.classification.model!, file: 'models/none.json', sha256: undefined };
      const policy = { ...r.policy, classification: { ...r.policy.classification, model } };
      expect(prepare(policy)).toBe(policy);
      expect(logs.join('')).toContain('classification model not loaded; classifying with the rules alone');
      expect(logs.join('')).toContain('none.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
