/**
 * Something a jest run builds once for every test file that only reads it (the host apps, the bundled connector):
 * inside a run (CD_TEST_RUN_DIR, test/support/open-test-run.js) the first file to ask builds into a folder of its
 * own and renames it into place as `<run>/<name>`; a file that lost that race drops its copy and uses the winner's.
 * Outside such a run there is nothing to share: null, and the caller builds its own as before.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The run's `<name>` folder, built by `build(dir)` if no file of this run has built it yet; null outside a run. */
export async function buildOncePerRun(name: string, build: (dir: string) => Promise<unknown>): Promise<string | null> {
  const run = process.env.CD_TEST_RUN_DIR;
  if (!run || !fs.existsSync(run)) return null;
  const shared = path.join(run, name);
  if (fs.existsSync(shared)) return shared;
  const mine = fs.mkdtempSync(path.join(run, `${name}-`));
  await build(mine);
  try {
    fs.renameSync(mine, shared);
  } catch (e) {
    if (!['EEXIST', 'ENOTEMPTY'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    fs.rmSync(mine, { recursive: true, force: true });
  }
  return shared;
}
