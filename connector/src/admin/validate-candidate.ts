/**
 * The policy editor's check (`POST /admin/api/policy/validate`) from the request's strings to the response's
 * body: the candidate parsed and validated (problems with JSON paths), or its version and the diff against the
 * active policy. 15–30 ms of CPU per call for the default policy (more on a loaded box), so the admin worker
 * runs it (admin-worker-main.ts); the router runs it in-process only when no worker is available.
 */
import type { Policy } from '../../../policies/src/types';
import { parsePolicy, validatePolicy } from '../../../policies/src/validate-policy';
import { diffPolicies } from './compute-policy-diff';

export interface ValidateJob {
  /** The candidate policy's JSON text, as sent (the router checked it is a string). */
  text: string;
  /** The active policy's version id (policy_versions.id: a stored version never changes). */
  activeId: number;
  /** Its stored JSON; the worker leaves it out and reads it from its own connection when the id is new to it. */
  activeJson?: string;
}

/**
 * The active policy as validated, by version id (the last one: activation is rare). When the JSON is sent along
 * (in-process: several connectors in one process may each have a version 1) it must match too.
 */
let lastActive: { id: number; json: string; policy: Policy } | null = null;

function activePolicy(id: number, sent: string | undefined, json: () => string): Policy {
  if (lastActive?.id === id && (sent === undefined || sent === lastActive.json)) return lastActive.policy;
  const text = json();
  const r = validatePolicy(JSON.parse(text));
  if (!r.ok) throw new Error(`the active policy no longer validates: ${r.problems[0].path}: ${r.problems[0].message}`);
  lastActive = { id, json: text, policy: r.policy };
  return r.policy;
}

/**
 * The JSON response body (always HTTP 200: a candidate with problems is an answer, not an error). `readActive`
 * gives the stored JSON of a policy version when `job.activeJson` is absent.
 */
export function validateCandidate(job: ValidateJob, readActive?: (id: number) => string | undefined): string {
  const result = parsePolicy(job.text);
  if (!result.ok) return JSON.stringify({ ok: false, problems: result.problems });
  const json = () => {
    const j = job.activeJson ?? readActive?.(job.activeId);
    if (j === undefined) throw new Error(`policy version ${job.activeId} is not stored`);
    return j;
  };
  return JSON.stringify({
    ok: true,
    version: result.policy.version,
    diff: diffPolicies(activePolicy(job.activeId, job.activeJson, json), result.policy),
  });
}
