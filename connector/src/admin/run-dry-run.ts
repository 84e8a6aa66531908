/**
 * One admin dry run from the request's strings to the response's bytes: validates the candidate policy,
 * readies both policies for classification (scripts, model), reads the tickets (an uploaded JSONL or the
 * store's most recent), computes the report and serializes it. The admin worker thread runs this
 * (admin-worker-main.ts) so none of it holds the connector's event loop; the admin router falls back to
 * running it in-process only when no worker is available.
 */
import { preparePolicy } from '../../../policies/server/load-model';
import type { Policy } from '../../../policies/src/types';
import { parsePolicy, validatePolicy } from '../../../policies/src/validate-policy';
import { computeDryRun, computeDryRunChunked, parseTicketsJsonl, type DryRunReport, type DryRunTicket } from './compute-dry-run';

export const MAX_DRY_RUN = 5000;

export interface DryRunJob {
  /** The request body's fields, as sent: the candidate policy's JSON text (the router checked it is a string), an optional JSONL upload, a ticket count. */
  text: string;
  jsonl?: unknown;
  limit?: unknown;
  /** The active policy as stored (policy_versions.json) and its version label. */
  activeJson: string;
  activeVersion: string;
  /** Folder the policies' model paths are relative to (the policy file's folder). */
  policyDir: string;
  now: number;
}

export interface DryRunAnswer {
  status: number;
  /** The JSON response body, serialized. */
  body: string;
}

/** Prepared active policies by their JSON text (the worker keeps the last one: activation is rare). */
let lastActive: { json: string; policy: Policy } | null = null;

function activePolicy(job: DryRunJob): Policy {
  if (lastActive?.json === job.activeJson) return lastActive.policy;
  const r = validatePolicy(JSON.parse(job.activeJson));
  if (!r.ok) throw new Error(`the active policy no longer validates: ${r.problems[0].path}: ${r.problems[0].message}`);
  preparePolicy(r.policy, job.policyDir);
  lastActive = { json: job.activeJson, policy: r.policy };
  return r.policy;
}

/**
 * The dry run over the store's newest tickets (`recent`: a connection of its own in the worker; null: uploads only). `inProcess` (no worker): the connector's prepared
 * active policy and its `prepare`, and the report computed in slices that yield to the event loop.
 */
export async function runDryRun(
  recent: ((limit: number) => Promise<DryRunTicket[]>) | null,
  job: DryRunJob,
  inProcess?: { active: Policy; prepare: (p: Policy) => Policy },
): Promise<DryRunAnswer> {
  const result = parsePolicy(job.text);
  if (!result.ok) return { status: 422, body: JSON.stringify({ ok: false, problems: result.problems }) };
  const limit = Math.min(MAX_DRY_RUN, Math.max(1, Math.floor(Number(job.limit ?? 100)) || 100));
  const upload = typeof job.jsonl === 'string' && job.jsonl.trim() ? parseTicketsJsonl(job.jsonl) : null;
  const tickets = upload ? upload.tickets.slice(0, MAX_DRY_RUN) : recent ? await recent(limit) : [];
  const active = inProcess?.active ?? activePolicy(job);
  // The candidate classifies as it would once active: phrases in both scripts, its model attached.
  if (inProcess) inProcess.prepare(result.policy);
  else preparePolicy(result.policy, job.policyDir);
  const report: DryRunReport = inProcess
    ? await computeDryRunChunked(tickets, active, result.policy, job.now)
    : computeDryRun(tickets, active, result.policy, job.now);
  return {
    status: 200,
    body: JSON.stringify({
      ok: true,
      source: upload ? 'upload' : 'recent',
      activeVersion: job.activeVersion,
      candidateVersion: result.policy.version,
      report,
      uploadProblems: upload?.problems ?? [],
    }),
  };
}
