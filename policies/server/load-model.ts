/**
 * Loads the model artifact a policy references (`classification.model.file`, relative to the
 * policy file's folder), checks its shape and SHA-256, and attaches it to the policy object so
 * `classify` uses it. Node-side only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { attachModel, compileModel, modelArtifactProblem, type ModelArtifact } from '../src/engine/linear-model';
import type { Policy } from '../src/types';
import { expandScripts } from './expand-scripts';

export interface ModelProblem {
  path: string;
  message: string;
  hint: string;
}

export function sha256Of(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads and checks the referenced model; the artifact, or the problem. */
export function readModel(policy: Policy, baseDir: string): { artifact: ModelArtifact | null; problem?: ModelProblem } {
  const ref = policy.classification.model;
  if (!ref) return { artifact: null };
  const file = path.resolve(baseDir, ref.file);
  const at = 'classification.model.file';
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    return { artifact: null, problem: { path: at, message: `cannot read the model ${ref.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), looked at ${file}`, hint: 'train one with `complaint-desk model train` or fix the path (relative to the policy file)' } };
  }
  const sha = sha256Of(raw);
  if (ref.sha256 && ref.sha256 !== sha) {
    return { artifact: null, problem: { path: 'classification.model.sha256', message: `the model file's SHA-256 is ${sha}, the policy expects ${ref.sha256}`, hint: 'the model changed since the policy named it: put the new hash in the policy (model train prints it) or restore the file' } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return { artifact: null, problem: { path: at, message: `the model ${ref.file} is not valid JSON: ${(e as Error).message}`, hint: 'retrain it with `complaint-desk model train`' } };
  }
  const problem = modelArtifactProblem(parsed);
  if (problem) return { artifact: null, problem: { path: at, message: `the model ${ref.file} is not a Complaint Desk model: ${problem}`, hint: 'retrain it with `complaint-desk model train`' } };
  return { artifact: parsed as ModelArtifact };
}

/**
 * Server-side preparation of a validated policy: phrases in both scripts, the model attached.
 * Returns the problems (the policy is still usable rules-only when the model cannot be loaded).
 */
export function preparePolicy(policy: Policy, baseDir: string): ModelProblem[] {
  expandScripts(policy);
  const { artifact, problem } = readModel(policy, baseDir);
  attachModel(policy, artifact ? compileModel(artifact) : null);
  return problem ? [problem] : [];
}
