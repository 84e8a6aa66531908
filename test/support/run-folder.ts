/**
 * What the files of one `jest` run use to share a resource through the run's folder (CD_TEST_RUN_DIR,
 * test/support/open-test-run.js): who starts it (the first to create a lock file), and waiting for the file that
 * says it is ready or failed. shared-chromium.ts and shared-postgres.ts use them.
 */
import fs from 'node:fs';
import path from 'node:path';

/** True for the one caller that creates `dir/name` (exclusively); every other caller gets false. */
export function claimFirst(dir: string, name: string): boolean {
  try {
    fs.closeSync(fs.openSync(path.join(dir, name), 'wx'));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
}

/** The first of `names` that exists in `dir`, waiting (on file-system events, not a poll) up to `timeoutMs`. */
export function appears(dir: string, names: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const present = () => names.find((n) => fs.existsSync(path.join(dir, n)));
    const finish = (err: Error | null, name?: string) => {
      watcher.close();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(name!);
    };
    const watcher = fs.watch(dir, () => {
      const n = present();
      if (n) finish(null, n);
    });
    const timer = setTimeout(() => finish(new Error(`no ${names.join(' or ')} in ${dir} after ${timeoutMs} ms`)), timeoutMs);
    const n = present();
    if (n) finish(null, n);
  });
}

/** Writes `dir/name` whole (a temporary file renamed into place), so that a reader never sees half of it. */
export function writeWhole(dir: string, name: string, text: string): void {
  const tmp = path.join(dir, `${name}.${process.pid}`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, path.join(dir, name));
}
