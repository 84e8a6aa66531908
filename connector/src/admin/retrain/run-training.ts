/**
 * Runs one training job in a worker thread (train-worker.ts, built to dist/node/train-worker.js), so
 * the connector keeps acknowledging webhooks while a model trains. One job at a time per connector.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LabelledTicket } from '../../../../policies/src/training/train-model';

export interface TrainJob {
  policyJson: string;
  corpusFile: string;
  corrections: LabelledTicket[];
  modelsDir: string;
  now: string;
  epochs?: number;
}

export type TrainOutcome =
  | {
      ok: true;
      id: string;
      file: string;
      sha256: string;
      bytes: number;
      features: number;
      corpus: { file: string; examples: number };
      corrections: number;
      examples: number;
      trainingMs: number;
    }
  | { ok: false; code: string; message: string; hint: string };

/** The built worker: beside the bundled server (dist/node), else under rootDir/dist/node (tests run the TypeScript source). */
export function trainWorkerFile(rootDir: string): string | null {
  for (const f of [path.join(__dirname, 'train-worker.js'), path.join(rootDir, 'dist', 'node', 'train-worker.js')])
    if (fs.existsSync(f)) return f;
  return null;
}

export function runTraining(workerFile: string, job: TrainJob): Promise<TrainOutcome> {
  return new Promise((resolve) => {
    const w = new Worker(workerFile, { workerData: job });
    w.unref(); // a training in flight never holds a stopping connector open (the candidate is simply not written)
    let done = false;
    const finish = (o: TrainOutcome) => {
      if (!done) {
        done = true;
        resolve(o);
        void w.terminate();
      }
    };
    w.once('message', (m: TrainOutcome) => finish(m));
    w.once('error', (e) =>
      finish({
        ok: false,
        code: 'training_failed',
        message: `the training worker failed: ${e.message}`,
        hint: 'see the connector log and retry',
      }),
    );
    w.once('exit', (code) =>
      finish({
        ok: false,
        code: 'training_failed',
        message: `the training worker stopped (exit ${code}) without a result`,
        hint: 'see the connector log and retry',
      }),
    );
  });
}
