/**
 * Candidate models in the connector's data folder (`<data>/models/triage-model-<sha12>.json`) and the
 * policy that would use one: the active policy's JSON with `classification.model.file` = the
 * candidate's absolute path and its `sha256` pinned, every other setting (thresholds, kept signals)
 * unchanged. The version gets a `+m<id8>` suffix so each decision's recorded policy version names the model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { preparePolicy, sha256Of } from '../../../../policies/server/load-model';
import type { Policy } from '../../../../policies/src/types';
import { validatePolicy } from '../../../../policies/src/validate-policy';
import { AppError } from '../../errors';

const CANDIDATE = /^triage-model-([0-9a-f]{12})\.json$/;

export interface CandidateInfo {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  trainedAt: string | null;
  examples: number | null;
  sources: string[];
}

export function candidateFile(modelsDir: string, id: string): string {
  if (!/^[0-9a-f]{12}$/.test(id))
    throw new AppError('invalid_request', `"${id}" is not a candidate id (12 hex characters, as POST /admin/api/model/retrain returns)`, {
      path: 'id',
    });
  const file = path.join(modelsDir, `triage-model-${id}.json`);
  if (!fs.existsSync(file)) throw new AppError('not_found', `no candidate model ${id} in ${modelsDir}; retrain first`);
  return file;
}

export function candidateInfo(file: string): CandidateInfo {
  const raw = fs.readFileSync(file);
  let meta: { trainedAt?: string; examples?: number; sources?: string[] } = {};
  try {
    meta = JSON.parse(raw.toString('utf8'));
  } catch {
    /* reported by preparePolicy when used */
  }
  const sha256 = sha256Of(raw);
  return {
    id: sha256.slice(0, 12),
    file,
    sha256,
    bytes: raw.length,
    trainedAt: meta.trainedAt ?? null,
    examples: meta.examples ?? null,
    sources: meta.sources ?? [],
  };
}

export function listCandidates(modelsDir: string): CandidateInfo[] {
  if (!fs.existsSync(modelsDir)) return [];
  return fs
    .readdirSync(modelsDir)
    .filter((f) => CANDIDATE.test(f))
    .map((f) => candidateInfo(path.join(modelsDir, f)))
    .sort((a, b) => (b.trainedAt ?? '').localeCompare(a.trainedAt ?? ''));
}

export function versionWithModel(version: string, id: string): string {
  const base = version.replace(/\+m[0-9a-f]{8}$/, '');
  const tail = `+m${id.slice(0, 8)}`;
  return `${base.slice(0, 40 - tail.length)}${tail}`;
}

/** The policy JSON (a plain object) that uses `cand`, and that policy validated and prepared; throws with the problem when the model cannot be used. */
export function policyWithCandidate(
  activeJson: string,
  cand: CandidateInfo,
  baseDir: string,
): { json: Record<string, unknown>; policy: Policy } {
  const json = JSON.parse(activeJson) as Record<string, unknown> & { classification?: { model?: object } };
  json.version = versionWithModel(String(json.version), cand.id);
  json.classification = { ...json.classification, model: { ...json.classification?.model, file: cand.file, sha256: cand.sha256 } };
  const r = validatePolicy(structuredClone(json));
  if (!r.ok)
    throw new AppError(
      'invalid_policy',
      `the active policy with the candidate model does not validate: ${r.problems[0].path}: ${r.problems[0].message}`,
      r.problems,
    );
  const problems = preparePolicy(r.policy, baseDir);
  if (problems.length)
    throw new AppError('invalid_policy', `the candidate model ${cand.id} cannot be used: ${problems[0].message}`, problems);
  return { json, policy: r.policy };
}
