/**
 * Worker-thread entry (built to dist/node/train-worker.js): trains a candidate model OFF the
 * connector's event loop (train-candidate.ts) and posts the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainCandidate } from './train-candidate';
import type { TrainJob, TrainOutcome } from './run-training';

try {
  parentPort!.postMessage(trainCandidate(workerData as TrainJob));
} catch (e) {
  parentPort!.postMessage({
    ok: false,
    code: 'training_failed',
    message: `training failed: ${(e as Error).message}`,
    hint: 'see the connector log; retry, or train with `complaint-desk model train` to see the details',
  } satisfies TrainOutcome);
}
