/**
 * For tests of the run-scoped resources themselves (shared-chromium.ts, shared-postgres.ts): each test gets a run
 * folder of its own (CD_TEST_RUN_DIR, CD_TEST_RUN_PID as jest's globalSetup sets them), closed with the run's own
 * teardown (close-test-run.js) after the test, and the enclosing run's variables put back. Call it at the top of a
 * file or a describe block; `dir()` is the current test's folder. `removed` waits for a file the run's resource
 * deletes when it stops.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const closeTestRun = require('./close-test-run.js') as () => Promise<void>;

export function useFreshTestRun(): { dir: () => string } {
  const saved = { dir: process.env.CD_TEST_RUN_DIR, pid: process.env.CD_TEST_RUN_PID };
  let run = '';
  beforeEach(() => {
    run = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-run-test-'));
    process.env.CD_TEST_RUN_DIR = run;
    process.env.CD_TEST_RUN_PID = String(process.pid);
  });
  afterEach(async () => {
    await closeTestRun();
    for (const [key, value] of [
      ['CD_TEST_RUN_DIR', saved.dir],
      ['CD_TEST_RUN_PID', saved.pid],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  });
  return { dir: () => run };
}

/** Resolves once `file` is gone (file-system events, no polling); the test's timeout bounds it. */
export function removed(file: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = fs.watch(path.dirname(file), () => check());
    const check = () => {
      if (fs.existsSync(file)) return;
      watcher.close();
      resolve();
    };
    check();
  });
}
