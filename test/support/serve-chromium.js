/**
 * One Chromium for a whole jest run (started by test/support/shared-chromium.ts, detached from the worker that
 * started it, since jest may replace a worker between files). Usage: node serve-chromium.js RUN_DIR RUN_PID.
 * Writes RUN_DIR/chromium.json ({ wsEndpoint }) once Chromium is up, or RUN_DIR/chromium.failed with the error.
 * Stops (closing Chromium) on SIGTERM from close-test-run.js, or by itself once the jest process RUN_PID is gone
 * (a run killed before its teardown leaves no Chromium behind).
 */
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { CHROMIUM_FLAGS } = require('./chromium-flags.json');

const [dir, runPid] = process.argv.slice(2);
const pidFile = path.join(dir, 'chromium.pid');

async function serve() {
  const server = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  fs.writeFileSync(pidFile, String(process.pid));
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    clearInterval(alive);
    await server.close().catch(() => undefined);
    fs.rmSync(pidFile, { force: true });
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  // A liveness check of the run, not a wait of any test: the run may be killed without running its teardown.
  const alive = setInterval(() => {
    try {
      process.kill(Number(runPid), 0);
    } catch {
      void stop(0);
    }
  }, 1000);
  server.process().once('exit', () => void stop(1));
  const tmp = path.join(dir, `chromium.json.${process.pid}`);
  fs.writeFileSync(tmp, JSON.stringify({ wsEndpoint: server.wsEndpoint() }));
  fs.renameSync(tmp, path.join(dir, 'chromium.json'));
}

serve().catch((e) => {
  fs.writeFileSync(path.join(dir, 'chromium.failed'), String((e && e.stack) || e));
  process.exit(1);
});
