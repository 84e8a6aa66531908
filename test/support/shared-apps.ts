/**
 * The host apps (apps/build/build-apps.mjs) built once per `jest` run for the browser tests, which only read them.
 * Returns a folder whose dist/ holds zendesk/, freshdesk/ and sandbox-app/ (the layout a connector's rootDir has).
 * Inside a jest run (CD_TEST_RUN_DIR, test/support/open-test-run.js) the first file to ask builds into a folder of
 * its own and renames it into place; a file that lost that race drops its copy and uses the winner's. Outside such
 * a run the apps are built into `ownRoot`/dist, as each file did before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApps } from '../../apps/build/build-apps.mjs';

const ROOT = path.resolve(__dirname, '../..');

export async function builtApps(ownRoot: string): Promise<string> {
  const run = process.env.CD_TEST_RUN_DIR;
  if (!run || !fs.existsSync(run)) {
    await buildApps({ root: ROOT, outRoot: path.join(ownRoot, 'dist') });
    return ownRoot;
  }
  const shared = path.join(run, 'apps');
  if (fs.existsSync(shared)) return shared;
  const mine = fs.mkdtempSync(path.join(run, 'apps-'));
  await buildApps({ root: ROOT, outRoot: path.join(mine, 'dist') });
  try {
    fs.renameSync(mine, shared);
  } catch (e) {
    if (!['EEXIST', 'ENOTEMPTY'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    fs.rmSync(mine, { recursive: true, force: true });
  }
  return shared;
}
