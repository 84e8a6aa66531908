/**
 * Loads the model artifact a policy references (`classification.model.file`, relative to the
 * policy file's folder), checks its shape and SHA-256, and attaches it to the policy object so
 * `classify` uses it. Node-side only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { attachModel, compileModel, modelArtifactProblem, type LinearModel, type ModelArtifact } from '../src/engine/linear-model';
import type { Policy } from '../src/types';
import { expandScripts } from './expand-scripts';
import { modelBytes, modelFromBytes } from './model-cache';
import { cacheKey, readCached, writeCached } from './prepare-cache';
// Every server path loads policies through here: compile them with the pattern indexes.
import './pattern-indexes';

export interface ModelProblem {
  path: string;
  message: string;
  hint: string;
}

export function sha256Of(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads the referenced model file and checks the policy's pin: the bytes and their SHA-256, or the problem. */
function readModelFile(
  policy: Policy,
  baseDir: string,
): { raw: Buffer; sha: string; problem?: undefined } | { problem: ModelProblem } | null {
  const ref = policy.classification.model;
  if (!ref) return null;
  const file = path.resolve(baseDir, ref.file);
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    return {
      problem: {
        path: 'classification.model.file',
        message: `cannot read the model ${ref.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), looked at ${file}`,
        hint: 'train one with `complaint-desk model train` or fix the path (relative to the policy file)',
      },
    };
  }
  const sha = sha256Of(raw);
  if (ref.sha256 && ref.sha256 !== sha) {
    return {
      problem: {
        path: 'classification.model.sha256',
        message: `the model file's SHA-256 is ${sha}, the policy expects ${ref.sha256}`,
        hint: 'the model changed since the policy named it: put the new hash in the policy (model train prints it) or restore the file',
      },
    };
  }
  return { raw, sha };
}

function parseArtifact(
  raw: Buffer,
  file: string,
): { artifact: ModelArtifact; problem?: undefined } | { artifact: null; problem: ModelProblem } {
  const at = 'classification.model.file';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return {
      artifact: null,
      problem: {
        path: at,
        message: `the model ${file} is not valid JSON: ${(e as Error).message}`,
        hint: 'retrain it with `complaint-desk model train`',
      },
    };
  }
  const problem = modelArtifactProblem(parsed);
  if (problem)
    return {
      artifact: null,
      problem: {
        path: at,
        message: `the model ${file} is not a Complaint Desk model: ${problem}`,
        hint: 'retrain it with `complaint-desk model train`',
      },
    };
  return { artifact: parsed as ModelArtifact };
}

/** Reads and checks the referenced model; the artifact, or the problem. */
export function readModel(policy: Policy, baseDir: string): { artifact: ModelArtifact | null; problem?: ModelProblem } {
  const read = readModelFile(policy, baseDir);
  if (!read) return { artifact: null };
  if (read.problem) return { artifact: null, problem: read.problem };
  return parseArtifact(read.raw, policy.classification.model!.file);
}

/**
 * Compiled models by their file's SHA-256, the most recently used last. Activations (on the event loop) of
 * policies naming the same file, e.g. an edit or a rollback, then skip the parse and compile; compiled models
 * are only read. A few are kept: the active policy's, a candidate's, the previous one's.
 */
const compiled = new Map<string, LinearModel>();
const KEEP_COMPILED = 3;
/** Compiled models kept on disk (about 13 MB each for the shipped one), the most recently used. */
const KEEP_CACHED_MODELS = 6;

/** The compiled model the policy names (shared with other policies naming the same content), or the problem. */
function loadModel(policy: Policy, baseDir: string): { model: LinearModel | null; problem?: ModelProblem } {
  const read = readModelFile(policy, baseDir);
  if (!read) return { model: null };
  if (read.problem) return { model: null, problem: read.problem };
  let model = compiled.get(read.sha);
  if (!model) {
    // The on-disk cache: the same file content (and code) compiled by an earlier process.
    const key = cacheKey('model', read.sha);
    const cached = readCached(key);
    model = cached ? (modelFromBytes(cached, read.raw) ?? undefined) : undefined;
    if (!model) {
      const parsed = parseArtifact(read.raw, policy.classification.model!.file);
      if (!parsed.artifact) return { model: null, problem: parsed.problem };
      model = compileModel(parsed.artifact);
      writeCached(key, modelBytes(model), undefined, KEEP_CACHED_MODELS);
    }
  }
  compiled.delete(read.sha);
  compiled.set(read.sha, model);
  for (const old of compiled.keys()) if (compiled.size > KEEP_COMPILED) compiled.delete(old);
  return { model };
}

/**
 * Server-side preparation of a validated policy: phrases in both scripts, the model attached.
 * Returns the problems (the policy is still usable rules-only when the model cannot be loaded).
 * `model: false` skips the model file (not read, nothing attached): for callers that classify by the rules alone.
 */
export function preparePolicy(policy: Policy, baseDir: string, opts: { model?: boolean } = {}): ModelProblem[] {
  expandScripts(policy);
  if (opts.model === false) {
    attachModel(policy, null);
    return [];
  }
  const { model, problem } = loadModel(policy, baseDir);
  attachModel(policy, model);
  return problem ? [problem] : [];
}
