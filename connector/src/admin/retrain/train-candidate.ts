/**
 * Trains one candidate model (the work of train-worker.ts, callable inline for the bench baseline):
 * reads the training corpus, adds the corrections it was handed, trains with the active policy's
 * rules as features and writes `<modelsDir>/triage-model-<sha12>.json` (a new file, never the active
 * model). Returns the result, or an error in words (what, where, how to fix).
 */
import fs from 'node:fs';
import path from 'node:path';
import { attachModel } from '../../../../policies/src/engine/linear-model';
import { trainModel, type LabelledTicket } from '../../../../policies/src/training/train-model';
import { validatePolicy } from '../../../../policies/src/validate-policy';
import { readLabelled } from '../../../../policies/cli/labelled-file';
import { expandScripts } from '../../../../policies/server/expand-scripts';
import { foldMap } from '../../../../policies/server/opencc';
import { sha256Of } from '../../../../policies/server/load-model';
import type { TrainJob, TrainOutcome } from './run-training';

export function trainCandidate(job: TrainJob): TrainOutcome {
  const started = performance.now();
  const fix =
    'set TRAINING_CORPUS to a labelled JSONL file (the `complaint-desk eval` format: id, subject, description, expected {category, severity, signals}) and retrain';
  let read: ReturnType<typeof readLabelled>;
  try {
    read = readLabelled(job.corpusFile, process.cwd());
  } catch (e) {
    return { ok: false, code: 'corpus_unreadable', message: `training corpus ${job.corpusFile}: ${(e as Error).message}`, hint: fix };
  }
  if (read.errors.length) {
    return {
      ok: false,
      code: 'corpus_invalid',
      message: `training corpus ${job.corpusFile} has ${read.errors.length} bad line(s); first: ${read.errors.slice(0, 3).join(' | ')}`,
      hint: "fix those lines (each needs id and expected.category/severity from the policy's ids) and retrain",
    };
  }
  if (read.tickets.length < 10) {
    return {
      ok: false,
      code: 'corpus_too_small',
      message: `training corpus ${job.corpusFile} has ${read.tickets.length} labelled example(s); at least 10 are needed`,
      hint: fix,
    };
  }
  const r = validatePolicy(JSON.parse(job.policyJson));
  if (!r.ok)
    return {
      ok: false,
      code: 'invalid_policy',
      message: `the active policy does not validate: ${r.problems[0].path}: ${r.problems[0].message}`,
      hint: 'activate a valid policy first',
    };
  const policy = r.policy;
  expandScripts(policy);
  attachModel(policy, null); // the rules alone provide the rule features
  const ids = new Set<string>();
  const all: LabelledTicket[] = [...read.tickets, ...job.corrections].filter((t) => (ids.has(t.id) ? false : (ids.add(t.id), true)));
  const sources = [`${path.basename(job.corpusFile)} (${read.tickets.length})`, `corrections (${job.corrections.length})`];
  const artifact = trainModel(all, policy, foldMap(), sources, job.now, job.epochs ? { epochs: job.epochs } : {});
  const text = `${JSON.stringify(artifact)}\n`;
  const sha256 = sha256Of(text);
  const id = sha256.slice(0, 12);
  const file = path.join(job.modelsDir, `triage-model-${id}.json`);
  fs.mkdirSync(job.modelsDir, { recursive: true });
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
  return {
    ok: true,
    id,
    file,
    sha256,
    bytes: Buffer.byteLength(text),
    features: Object.keys(artifact.weights).length,
    corpus: { file: job.corpusFile, examples: read.tickets.length },
    corrections: job.corrections.length,
    examples: all.length,
    trainingMs: Math.round(performance.now() - started),
  };
}
