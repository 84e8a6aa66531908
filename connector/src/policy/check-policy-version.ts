/**
 * What both policy stores (SQLite create-policy-store.ts, PostgreSQL create-shared-policy-store.ts) do the same
 * way to a version: check an admin's or a rollback's input, write an accepted policy's stored text and ETag,
 * check a stored version again when it is loaded, and ready a policy for classification.
 */
import path from 'node:path';
import { preparePolicy } from '../../../policies/server/load-model';
import type { Policy } from '../../../policies/src/types';
import { parsePolicy, validatePolicy, type PolicyResult } from '../../../policies/src/validate-policy';
import { AppError } from '../errors';
import type { Logger } from '../ops/create-logger';
import { sha256 } from './read-policy-file';

/** JSON text (the admin editor, a stored version) or an already-parsed value, validated. */
export function checkPolicyInput(input: string | unknown): PolicyResult {
  return typeof input === 'string' ? parsePolicy(input) : validatePolicy(input);
}

/** The text a version is stored as and the SHA-256 its strong ETag quotes. */
export function versionText(policy: Policy): { json: string; sha: string } {
  const json = JSON.stringify(policy, null, 2);
  return { json, sha: sha256(json) };
}

/** A stored version's policy, validated again at load: a schema that grew stricter can refuse an old version. */
export function checkStoredVersion(row: { id: number; json: string }): Policy {
  const r = validatePolicy(JSON.parse(row.json));
  if (!r.ok)
    throw new AppError(
      'invalid_policy',
      `stored policy version ${row.id} no longer validates: ${r.problems[0].path}: ${r.problems[0].message}`,
      r.problems,
    );
  return r.policy;
}

/**
 * Readies policies for classification: phrases in both Chinese scripts and the learned model attached (its path
 * relative to the policy file). A model that cannot be loaded is logged; classification then runs on the rules alone.
 */
export function createPolicyPreparer(file: string, logger: Logger): { policyDir: string; prepare(policy: Policy): Policy } {
  const policyDir = path.dirname(path.resolve(file));
  return {
    policyDir,
    prepare(policy) {
      const problems = preparePolicy(policy, policyDir);
      if (problems.length) logger.error({ file, problems }, 'classification model not loaded; classifying with the rules alone');
      return policy;
    },
  };
}
