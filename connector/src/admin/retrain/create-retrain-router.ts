/**
 * `/admin/api/model/*` (admin token, like every /admin/api route): retrain the learned layer from the
 * training corpus plus the agents' corrections (in a worker thread), dry-run a candidate against the
 * active model on the recent tickets the policy dry run uses, and activate it as a new policy version
 * (validated, recorded with who did it; rolling back that version restores the previous model, whose
 * file is never touched). Candidates live in `<data>/models/`.
 */
import express, { type RequestHandler } from 'express';
import path from 'node:path';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { PolicyStore } from '../../policy/create-policy-store';
import type { AdminData } from '../admin-data';
import { compareModels } from './compare-models';
import { candidateFile, candidateInfo, listCandidates, policyWithCandidate } from './model-candidates';
import { runTraining, trainWorkerFile } from './run-training';
import type { SharedModels } from './shared-models';

export interface RetrainRouterDeps {
  /** The store's reads (corrections, recent tickets), either backend. */
  data: Pick<AdminData, 'corrections' | 'recentTickets'>;
  policyStore: Pick<PolicyStore, 'current' | 'activate' | 'get'>;
  clock: Clock;
  requireAdmin: RequestHandler;
  /** Where candidates are written: `<folder of the SQLite file>/models`. */
  modelsDir: string;
  /** The labelled training corpus (TRAINING_CORPUS; default policies/training/train.jsonl of the install). */
  corpusFile: string;
  /** The policy file's folder (a relative `classification.model.file` resolves from it). */
  policyDir: string;
  rootDir?: string;
  /** Training epochs (tests shorten training; default the trainer's). */
  epochs?: number;
  /** PostgreSQL: candidates shared by every replica through the database (shared-models.ts). */
  shared?: Pick<SharedModels, 'publish' | 'sync'>;
}

const MAX_DRY_RUN = 5000;

export function createRetrainRouter(deps: RetrainRouterDeps): express.Router {
  const r = express.Router();
  const api = express.Router();
  api.use(deps.requireAdmin);
  let training: Promise<unknown> | null = null;
  const activeJson = async () => {
    const cur = deps.policyStore.current();
    return (await deps.policyStore.get(cur.id))?.json ?? JSON.stringify(cur.policy);
  };

  api.get('/', async (_req, res) => {
    await deps.shared?.sync();
    const model = deps.policyStore.current().policy.classification.model ?? null;
    const activeFile = model ? path.resolve(deps.policyDir, model.file) : null;
    res.json({
      active: model ? { file: activeFile, sha256: model.sha256 ?? null } : null,
      corpus: deps.corpusFile,
      modelsDir: deps.modelsDir,
      corrections: (await deps.data.corrections()).length,
      training: training !== null,
      candidates: listCandidates(deps.modelsDir).map((c) => ({ ...c, active: c.file === activeFile })),
    });
  });

  api.post('/retrain', async (_req, res) => {
    if (training) throw new AppError('conflict', 'a retrain is already running; wait for it to finish');
    const workerFile = trainWorkerFile(deps.rootDir ?? process.cwd());
    if (!workerFile)
      throw new AppError(
        'unavailable',
        'the training worker (dist/node/train-worker.js) is not built; run `npm run build` and restart the connector',
      );
    const job = {
      policyJson: await activeJson(),
      corpusFile: deps.corpusFile,
      corrections: await deps.data.corrections(),
      modelsDir: deps.modelsDir,
      now: new Date(deps.clock.now()).toISOString(),
      epochs: deps.epochs,
    };
    const run = runTraining(workerFile, job);
    training = run;
    const out = await run.finally(() => {
      training = null;
    });
    if (!out.ok)
      throw new AppError('precondition_failed', `${out.message}. Fix: ${out.hint}`, {
        code: out.code,
        setting: out.code.startsWith('corpus') ? 'TRAINING_CORPUS' : undefined,
        file: deps.corpusFile,
        hint: out.hint,
      });
    await deps.shared?.publish(out.file);
    res.json({ ok: true, candidate: out });
  });

  api.post('/candidates/:id/dry-run', async (req, res) => {
    await deps.shared?.sync();
    const cand = candidateInfo(candidateFile(deps.modelsDir, String(req.params.id)));
    const { policy } = policyWithCandidate(await activeJson(), cand, deps.policyDir);
    const body = (req.body ?? {}) as { limit?: unknown };
    const limit = Math.min(MAX_DRY_RUN, Math.max(1, Math.floor(Number(body.limit ?? 100)) || 100));
    const report = await compareModels(await deps.data.recentTickets(limit), deps.policyStore.current().policy, policy);
    res.json({ ok: true, activeVersion: deps.policyStore.current().version, candidate: cand, report });
  });

  api.post('/candidates/:id/activate', async (req, res) => {
    await deps.shared?.sync();
    const cand = candidateInfo(candidateFile(deps.modelsDir, String(req.params.id)));
    const { json } = policyWithCandidate(await activeJson(), cand, deps.policyDir);
    const result = await deps.policyStore.activate(json, 'admin', `admin-console (model ${cand.id})`);
    if (!result.ok) {
      res.status(422).json({ ok: false, problems: result.problems });
      return;
    }
    // A candidate this replica kept in its folder may have been pruned from the database meanwhile: store it again,
    // now pinned by a version, so every replica can load it.
    await deps.shared?.publish(cand.file);
    res.json({
      ok: true,
      id: result.id,
      version: result.version,
      unchanged: result.unchanged ?? false,
      model: { file: cand.file, sha256: cand.sha256 },
    });
  });

  r.use('/admin/api/model', api);
  return r;
}
