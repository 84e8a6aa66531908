/**
 * `model train` with its averaged SGD runs (options.averageRuns, one seed each) on worker threads: the
 * runs are independent and averaged in run order, so the artifact is the same as `trainModel`'s, byte
 * for byte, whatever the number of threads (`model train` and each fold of `model cv`). Without the built worker file (run from source, as in
 * tests) or with one thread, the runs take turns on this thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelArtifact } from '../src/engine/linear-model';
import type { Policy } from '../src/types';
import {
  trainOptionsFor,
  finishFit,
  prepareFit,
  trainingExamples,
  type LabelledTicket,
  type TrainingExample,
  type TrainOptions,
} from '../src/training/train-model';
import { sgd } from '../src/training/sgd';

type Fit = { W: Float64Array; bias: Float64Array };

/** How many threads `model train` uses by default: the machine's parallelism. */
export function defaultTrainThreads(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export async function trainModelParallel(
  tickets: LabelledTicket[],
  rulesPolicy: Policy,
  fold: Map<string, string>,
  sources: string[],
  now: string,
  opts: Partial<TrainOptions>,
  threading: { threads: number; workerFile: string },
): Promise<{ artifact: ModelArtifact; threads: number }> {
  const o = trainOptionsFor(rulesPolicy, opts);
  return fitModelParallel(trainingExamples(tickets, rulesPolicy, fold, o), rulesPolicy, fold, sources, now, o, threading);
}

/** `fitModel` (examples made once, e.g. for every fold of `model cv`) with the runs on worker threads. */
export async function fitModelParallel(
  examples: TrainingExample[],
  rulesPolicy: Policy,
  fold: Map<string, string>,
  sources: string[],
  now: string,
  opts: Partial<TrainOptions>,
  { threads, workerFile }: { threads: number; workerFile: string },
): Promise<{ artifact: ModelArtifact; threads: number }> {
  const job = prepareFit(examples, rulesPolicy, opts);
  const used = fs.existsSync(workerFile) ? Math.max(1, Math.min(threads, job.seeds.length)) : 1;
  let fits: Fit[];
  if (used === 1) fits = job.seeds.map((seed) => sgd(job.labels, job.rows, job.n, job.blind, { ...job.o, seed }));
  else {
    fits = new Array<Fit>(job.seeds.length);
    let next = 0;
    const lane = async () => {
      while (next < job.seeds.length) {
        const run = next++;
        fits[run] = await runInWorker(workerFile, job, job.seeds[run]);
      }
    };
    await Promise.all(Array.from({ length: used }, lane));
  }
  return { artifact: finishFit(job, fits, examples, fold, sources, now), threads: used };
}

function runInWorker(file: string, job: object, seed: number): Promise<Fit> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: { job, seed } });
    w.once('message', (fit: Fit) => resolve(fit));
    w.once('error', reject);
    w.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`training worker exited with code ${code}`))));
  });
}
