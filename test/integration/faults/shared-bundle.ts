/**
 * The bundled connector (`bundleServer`: the `npm start` entry and its admin worker) built once per `jest` run for
 * the files that only launch it. Inside a run (CD_TEST_RUN_DIR, test/support/open-test-run.js) the first file to ask
 * bundles into a folder of its own and renames it into place; a file that lost that race drops its copy and uses the
 * winner's (as test/support/shared-apps.ts does). Outside such a run it bundles into `ownDir`, as each file did
 * before. The bundle is read-only for its users: a test that changes it bundles its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleServer } from './fault-kit';

/** The path of server.js, beside admin-worker.js. */
export async function sharedBundle(ownDir: string): Promise<string> {
  const run = process.env.CD_TEST_RUN_DIR;
  if (!run || !fs.existsSync(run)) return bundleServer(ownDir);
  const shared = path.join(run, 'connector-bundle');
  const server = path.join(shared, 'server.js');
  if (fs.existsSync(server)) return server;
  const mine = fs.mkdtempSync(path.join(run, 'connector-bundle-'));
  await bundleServer(mine);
  try {
    fs.renameSync(mine, shared);
  } catch (e) {
    if (!['EEXIST', 'ENOTEMPTY'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    fs.rmSync(mine, { recursive: true, force: true });
  }
  return server;
}
