/**
 * Labelled sets in the shared format ({id, lang, subject, description, expected}, one per line) as tickets, and the
 * default policy with its learned model prepared, as the connector and CLI classify: for tests that score sets.
 */
import path from 'node:path';
import { preparePolicy } from '../../policies/server/load-model';
import type { LabelledTicket } from '../../policies/src/training/train-model';
import type { Policy } from '../../policies/src/types';
import { readJsonl } from './read-jsonl';
import { REPO_ROOT } from './shared-samples';
import { loadPolicy } from './test-policy';

export function readLabelled(file: string): LabelledTicket[] {
  return readJsonl(file).map((o) => ({ ...o, id: String(o.id), locale: o.lang }) as LabelledTicket);
}

/** The default policy (patched by `patch`, as loadPolicy does) with its model loaded; throws when the model cannot be. */
export function policyWithModel(patch?: (raw: Record<string, any>) => void): Policy {
  const policy = loadPolicy(patch);
  const problems = preparePolicy(policy, path.join(REPO_ROOT, 'policies'));
  if (problems.length) throw new Error(`model not loaded: ${problems[0].message}`);
  return policy;
}
