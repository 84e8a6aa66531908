/**
 * The bundled connector (`bundleServer`: the `npm start` entry and its admin worker) built once per `jest` run for
 * the files that only launch it (test/support/build-once-per-run.ts). Outside a jest run it bundles into `ownDir`,
 * as each file did before. The bundle is read-only for its users: a test that changes it bundles its own.
 */
import path from 'node:path';
import { buildOncePerRun } from '../../support/build-once-per-run';
import { bundleServer } from './fault-kit';

/** The path of server.js, beside admin-worker.js. */
export async function sharedBundle(ownDir: string): Promise<string> {
  const shared = await buildOncePerRun('connector-bundle', bundleServer);
  return shared ? path.join(shared, 'server.js') : bundleServer(ownDir);
}
