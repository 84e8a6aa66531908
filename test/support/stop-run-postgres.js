/**
 * Stops the PostgreSQL server one `jest` run shares (test/support/shared-postgres.ts writes RUN_DIR/postgres.json:
 * the server's folder and its `pg_ctl stop` command line) and deletes its folder. close-test-run.js calls it at the
 * end of the run. Run as `node stop-run-postgres.js RUN_DIR RUN_PID` (detached, by the file that started the
 * server), it waits for the run instead: once the jest process RUN_PID is gone without its teardown (killed), it
 * stops the server; once the teardown removed the run's folder, it just exits.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Stops the run's server if it has one; true when there was one. */
function stopRunPostgres(runDir) {
  const info = path.join(runDir, 'postgres.json');
  if (!fs.existsSync(info)) return false;
  const { dir, command } = JSON.parse(fs.readFileSync(info, 'utf8')).shutdown;
  try {
    execFileSync(command[0], command.slice(1), { cwd: dir, stdio: 'ignore' });
  } catch {
    // already stopped: nothing to do but delete its folder
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(info, { force: true });
  return true;
}

module.exports = { stopRunPostgres };

if (require.main === module) {
  const [runDir, runPid] = process.argv.slice(2);
  // A liveness check of the run, not a wait of any test: the run may be killed without running its teardown.
  const alive = setInterval(() => {
    if (!fs.existsSync(runDir)) return void clearInterval(alive);
    try {
      process.kill(Number(runPid), 0);
    } catch {
      clearInterval(alive);
      stopRunPostgres(runDir);
    }
  }, 1000);
}
