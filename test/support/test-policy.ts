/** The default policy, optionally patched, validated: what tests evaluate against. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../policies/src/types';
import { validatePolicy } from '../../policies/src/validate-policy';

export function loadPolicy(patch: (raw: Record<string, any>) => void = () => undefined): Policy {
  const raw = JSON.parse(readFileSync(join(__dirname, '../../policies/default.json'), 'utf8'));
  patch(raw);
  const r = validatePolicy(raw);
  if (!r.ok) throw new Error(`test policy invalid: ${JSON.stringify(r.problems)}`);
  return r.policy;
}
