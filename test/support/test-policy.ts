/** The default policy, optionally patched, validated: what tests evaluate against. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../policies/src/types';
import { validatePolicy, type PolicyProblem } from '../../policies/src/validate-policy';

export function loadPolicy(patch: (raw: Record<string, any>) => void = () => undefined): Policy {
  const r = validatePolicy(rawPolicyVariant(patch));
  if (!r.ok) throw new Error(`test policy invalid: ${JSON.stringify(r.problems)}`);
  return r.policy;
}

/** A copy of the raw default policy JSON with `edit` applied, not validated: what validation tests feed in. */
export function rawPolicyVariant(edit: (raw: any) => void): any {
  const raw = JSON.parse(readFileSync(join(__dirname, '../../policies/default.json'), 'utf8'));
  edit(raw);
  return raw;
}

/** The problems of a rejected validation result; throws when the policy was accepted. */
export function rejectedProblems(r: { ok: true } | { ok: false; problems: PolicyProblem[] }): PolicyProblem[] {
  if (r.ok) throw new Error('expected the policy to be rejected');
  return r.problems;
}
