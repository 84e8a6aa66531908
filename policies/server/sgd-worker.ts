/**
 * Worker-thread entry (built to dist/node/sgd-worker.js): one averaged run of `model train` (one seed),
 * posted back with its weights' buffers transferred. train-parallel.ts starts it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sgd } from '../src/training/sgd';
import type { FitJob } from '../src/training/train-model';

const { job, seed } = workerData as { job: FitJob; seed: number };
const fit = sgd(job.labels, job.rows, job.n, job.blind, { ...job.o, seed });
parentPort!.postMessage(fit, [fit.W.buffer as ArrayBuffer, fit.bias.buffer as ArrayBuffer]);
