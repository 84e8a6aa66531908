/**
 * jest globalSetup: a folder for what the test files of one `jest` run share (CD_TEST_RUN_DIR), and this process's
 * id (CD_TEST_RUN_PID) so that a helper process started for the run can tell when the run is over. Nothing is
 * started here: the first file that needs a shared resource makes it (test/support/shared-chromium.ts,
 * test/support/shared-apps.ts), so a run without browser files pays nothing. The workers, started after this,
 * inherit the two variables. close-test-run.js removes the folder and stops what was started in it.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function openTestRun() {
  process.env.CD_TEST_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-test-run-'));
  process.env.CD_TEST_RUN_PID = String(process.pid);
};
