/** jest globalTeardown: stops the run's shared Chromium and PostgreSQL (if a file started them) and removes the run's folder. */
const fs = require('node:fs');
const path = require('node:path');
const { stopRunPostgres } = require('./stop-run-postgres.js');

module.exports = async function closeTestRun() {
  const dir = process.env.CD_TEST_RUN_DIR;
  if (!dir) return;
  const pidFile = path.join(dir, 'chromium.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    const gone = new Promise((resolve) => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        return resolve(undefined); // already gone
      }
      // The server closes Chromium and exits on SIGTERM; its exit removes the pid file.
      const watcher = fs.watch(dir, () => {
        if (!fs.existsSync(pidFile)) done();
      });
      const timer = setTimeout(done, 10_000);
      function done() {
        watcher.close();
        clearTimeout(timer);
        resolve(undefined);
      }
      if (!fs.existsSync(pidFile)) done();
    });
    await gone;
  }
  stopRunPostgres(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.CD_TEST_RUN_DIR;
};
