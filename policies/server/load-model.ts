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
): { raw: Buffer; sha: string; file: string; problem?: undefined } | { problem: ModelProblem } | null {
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
  return { raw, sha, file };
}

/**
 * The model file's bytes again, for a cached model's `artifact.weights` (read only when something asks, so a process
 * does not keep the file's megabytes for nothing); throws when the file no longer has the content the model was
 * read from.
 */
function rereadModelFile(file: string, sha: string): Buffer {
  const raw = fs.readFileSync(file);
  if (sha256Of(raw) !== sha)
    throw Object.assign(new Error(`the model file ${file} changed since its model was loaded: reload the policy`), {
      code: 'model_file_changed',
    });
  return raw;
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
  return modelOfFile(read, policy.classification.model!.file);
}

/** The compiled model of a model file's bytes (the in-memory, then the on-disk cache, else parsed and compiled). */
function modelOfFile(
  read: { raw: Buffer; sha: string; file: string },
  file: string,
): { model: LinearModel | null; problem?: ModelProblem } {
  let model = compiled.get(read.sha);
  if (!model) {
    // The on-disk cache: the same file content (and code) compiled by an earlier process.
    const key = cacheKey('model', read.sha);
    const cached = readCached(key);
    model = cached ? (modelFromBytes(cached, () => rereadModelFile(read.file, read.sha)) ?? undefined) : undefined;
    if (!model) {
      const parsed = parseArtifact(read.raw, file);
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
 * The problems of the model the policy names, for a caller that only checks it (`policy check`): the file is read
 * and its pin checked every time, but content that this code already loaded without a problem is not decoded
 * again. A `checked` cache entry says so: its key binds the file's SHA-256 and the code version, and it holds that
 * SHA-256 (its payload's own hash is checked on read). Loading has no other input than those bytes and that code
 * (parseArtifact's message names the policy's path, but only when there is a problem), so a hit gives the answer a
 * load would; a changed file has another key, and a corrupt entry or a miss means loading it as before.
 */
function checkModel(policy: Policy, baseDir: string): ModelProblem[] {
  const read = readModelFile(policy, baseDir);
  if (!read) return [];
  if (read.problem) return [read.problem];
  const key = cacheKey('checked', read.sha);
  // The entry holds the SHA-256 and the cue set the model's n-grams read signatures with (a policy edit can drop it).
  const cached = readCached(key);
  if (cached && cached.subarray(0, 32).toString('hex') === read.sha) {
    const problem = signatureSetProblem(policy, cached.subarray(32).toString('utf8'));
    return problem ? [problem] : [];
  }
  const { model, problem } = modelOfFile(read, policy.classification.model!.file);
  if (problem || !model) return problem ? [problem] : [];
  const id = model.artifact.options.skipSignatureOf ?? '';
  writeCached(key, Buffer.concat([Buffer.from(read.sha, 'hex'), Buffer.from(id, 'utf8')]));
  const mismatch = signatureSetProblem(policy, id);
  return mismatch ? [mismatch] : [];
}

/**
 * A model trained to leave signatures out of its n-grams (`training.skipSignatureOf`, own-words.ts) finds them with
 * the policy's `closing` cue set of that id: without it, the run time reads text the model was not trained on.
 */
function signatureSetProblem(policy: Policy, id: string): ModelProblem | null {
  if (!id || policy.classification.cues?.some((c) => c.id === id && c.position === 'closing')) return null;
  return {
    path: 'classification.model.file',
    message: `the model leaves out the signatures that the closing cue set "${id}" finds, and classification.cues has no closing set "${id}"`,
    hint: `put the cue set "${id}" (position "closing") back, or retrain the model: it reads the training option skipSignatureOf`,
  };
}

/**
 * Server-side preparation of a validated policy: phrases in both scripts, the model attached.
 * Returns the problems (the policy is still usable rules-only when the model cannot be loaded).
 * `model: false` skips the model file (not read, nothing attached): for callers that classify by the rules alone.
 * `model: 'check'` reports the model's problems without attaching it (checkModel): for callers that never classify.
 */
export function preparePolicy(policy: Policy, baseDir: string, opts: { model?: boolean | 'check' } = {}): ModelProblem[] {
  expandScripts(policy);
  if (opts.model === false || opts.model === 'check') {
    attachModel(policy, null);
    return opts.model === 'check' ? checkModel(policy, baseDir) : [];
  }
  const { model, problem } = loadModel(policy, baseDir);
  // A model whose signature cue set the policy lacks would read text it was not meant to: rules alone, as for any
  // model problem, until the policy or the model is fixed.
  const mismatch = model ? signatureSetProblem(policy, model.artifact.options.skipSignatureOf ?? '') : null;
  attachModel(policy, mismatch ? null : model);
  return problem ? [problem] : mismatch ? [mismatch] : [];
}
