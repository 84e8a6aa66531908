/**
 * The policy file as both policy stores read it (SQLite create-policy-store.ts, PostgreSQL
 * create-shared-policy-store.ts): parsed and validated, at start and on a reload.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Policy } from '../../../policies/src/types';
import { parsePolicyCached } from '../../../policies/server/parse-policy-cached';
import type { PolicyProblem, PolicyResult } from '../../../policies/src/validate-policy';
import { AppError } from '../errors';
import type { Logger } from '../ops/create-logger';

/**
 * The policy file parsed and validated (the validated form of a text validated before comes from the preparation
 * cache, parse-policy-cached.ts), with the SHA-256 of its canonical JSON; its problems when it is not usable.
 */
export function readPolicyFile(file: string): PolicyResult & { sha?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      ok: false,
      problems: [{ path: '(file)', message: `cannot read ${file}: ${(e as Error).message}`, hint: 'check POLICY_FILE' }],
    };
  }
  const r = parsePolicyCached(text);
  if (!r.ok) return r;
  return { ...r, sha: sha256(JSON.stringify(r.policy, null, 2)) };
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A reload: the file's policy activated, or its problems logged and returned (the running policy stays). */
export function reloadPolicyFile<R>(
  file: string,
  logger: Logger,
  activate: (policy: Policy, source: 'file', by: string) => R,
): R | PolicyResult {
  const r = readPolicyFile(file);
  if (!r.ok) {
    logger.error({ file, problems: r.problems }, 'policy file rejected; the running policy stays');
    return r;
  }
  return activate(r.policy, 'file', `file:${file}`);
}

/** At start, an unusable policy file: fatal when no policy is stored yet, else logged (the stored active policy runs). */
export function rejectFileAtStart(file: string, problems: PolicyProblem[], haveStored: boolean, logger: Logger): void {
  if (!haveStored)
    throw new AppError(
      'invalid_policy',
      `the policy file ${file} is not valid and no policy is stored yet:\n${problems.map((p) => `  ${p.path}: ${p.message} (${p.hint})`).join('\n')}`,
      problems,
    );
  logger.error({ file, problems }, 'policy file rejected at start; using the stored active policy');
}
