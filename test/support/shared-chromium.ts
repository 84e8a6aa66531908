/**
 * Chromium for the browser tests. Inside a `jest` run (CD_TEST_RUN_DIR, test/support/open-test-run.js) every file
 * connects to one Chromium for the run: the first file to ask starts test/support/serve-chromium.js, the others
 * wait for its endpoint. Each file still works in its own browser contexts, and closing its Browser closes them
 * and only disconnects. Outside a jest run with that setup, each call launches its own Chromium, as before.
 * Close with `closeChromium`: it returns once the connection's socket is closed, not only the Browser.
 */
import { spawn } from 'node:child_process';
import dc from 'node:diagnostics_channel';
import { once } from 'node:events';
import fs from 'node:fs';
import type { Socket } from 'node:net';
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
  const endpoint = await runChromium(dir);
  // One connection at a time in a process, so the sockets seen opening while it connects are its own.
  const connected = connecting.then(() => connectSeeingSockets(endpoint));
  connecting = connected.catch(() => undefined);
  return connected;
}

let connecting: Promise<unknown> = Promise.resolve();

async function connectSeeingSockets(endpoint: string): Promise<Browser> {
  const sockets: Socket[] = [];
  const opened = ({ socket }: { socket: Socket }) => void sockets.push(socket);
  dc.subscribe('net.client.socket', opened as dc.ChannelListener);
  try {
    const browser = await chromium.connect(endpoint);
    const port = Number(new URL(endpoint).port);
    connections.set(
      browser,
      sockets.filter((s) => s.remotePort === port),
    );
    return browser;
  } finally {
    dc.unsubscribe('net.client.socket', opened as dc.ChannelListener);
  }
}

/** The sockets of each connected Browser (launchChromium in a jest run), seen being opened while it connected. */
const connections = new WeakMap<Browser, Socket[]>();

/**
 * Closes a Browser of launchChromium and returns once its WebSocket's TCP socket closed. `browser.close()` on a
 * connected Browser returns before that, and the ws client's 30 s close timer lives until the socket closes: a jest
 * worker whose last file had just closed its browser could then still hold it when told to exit, and be killed.
 */
export async function closeChromium(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  const open = (connections.get(browser) ?? []).filter((s) => !s.destroyed);
  const closed = open.map((s) => once(s, 'close'));
  await browser.close();
  await Promise.all(closed);
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
