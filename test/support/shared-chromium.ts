/**
 * Chromium for the browser tests. Inside a `jest` run (CD_TEST_RUN_DIR, test/support/open-test-run.js) every file
 * connects to one Chromium for the run: the first file to ask starts test/support/serve-chromium.js, the others
 * wait for its endpoint. Each file still works in its own browser contexts, and closing its Browser closes them
 * and only disconnects. Outside a jest run with that setup, each call launches its own Chromium, as before.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS } from './chromium-flags.json';
import { appears, claimFirst } from './run-folder';

const SERVER = path.join(__dirname, 'serve-chromium.js');
export { CHROMIUM_FLAGS };

export async function launchChromium(): Promise<Browser> {
  const dir = process.env.CD_TEST_RUN_DIR;
  if (!dir || !fs.existsSync(dir))
    return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  return chromium.connect(await runChromium(dir));
}

/** The ws endpoint of the run's Chromium, started by whichever file asks first (an exclusive lock file). */
async function runChromium(dir: string): Promise<string> {
  if (claimFirst(dir, 'chromium.lock')) {
    const runPid = process.env.CD_TEST_RUN_PID ?? String(process.ppid);
    spawn(process.execPath, [SERVER, dir, runPid], { detached: true, stdio: 'ignore', env: process.env }).unref();
  }
  const found = await appears(dir, ['chromium.json', 'chromium.failed'], 60_000);
  if (found === 'chromium.failed') throw new Error(`the run's Chromium did not start: ${fs.readFileSync(path.join(dir, found), 'utf8')}`);
  return (JSON.parse(fs.readFileSync(path.join(dir, found), 'utf8')) as { wsEndpoint: string }).wsEndpoint;
}
