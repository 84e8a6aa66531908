/**
 * The labelled sets in `../shared` beside the repository (as CI lays it out; a clone has none). Checks over them
 * run where the folder exists and are reported as skipped, with the path, where it does not.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED_DIR = process.env.COMPLAINT_DESK_SHARED_DIR || path.resolve(REPO_ROOT, '..', 'shared');
export const SAMPLES_FILE = path.join(SHARED_DIR, 'samples', 'complaints.jsonl');

/** `describe` when `file` exists, else a warning on the console and one skipped test saying what was not checked and why. */
export function describeIfShared(file: string, name: string, fn: () => void): void {
  if (fs.existsSync(file)) {
    describe(name, fn);
    return;
  }
  const why = `${name}: skipped, ${file} not found (the shared sets live in ../shared beside the repository)`;
  console.warn(why);
  test.skip(why, () => undefined);
}
