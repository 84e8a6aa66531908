/**
 * The run-scoped Chromium and apps build of test/support (shared-chromium.ts, shared-apps.ts, serve-chromium.js,
 * close-test-run.js), each in a run folder of its own: one Chromium serves every file that asks, a file's close only
 * disconnects it, the run's teardown (or the end of the jest process) stops it; the apps are built once.
 */
import { createHook } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { builtApps } from '../support/shared-apps';
import { closeChromium, launchChromium } from '../support/shared-chromium';
import { closeTestRun, removed, useFreshTestRun } from '../support/fresh-test-run';

const runFolder = useFreshTestRun();

/** Running: a process that exited but that its parent (here, this test) has not reaped yet is a zombie, not alive. */
const alive = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
};

it('two files asking at once get one Chromium; closing theirs disconnects them; the teardown stops it', async () => {
  const [a, b] = await Promise.all([launchChromium(), launchChromium()]);
  const pid = Number(fs.readFileSync(path.join(runFolder.dir(), 'chromium.pid'), 'utf8'));
  expect(alive(pid)).toBe(true);
  for (const browser of [a, b]) {
    const page = await browser.newPage();
    await page.setContent('<p id="x">shared</p>');
    expect(await page.textContent('#x')).toBe('shared');
  }
  await closeChromium(a);
  const c = await launchChromium(); // a later file: the same server
  expect(Number(fs.readFileSync(path.join(runFolder.dir(), 'chromium.pid'), 'utf8'))).toBe(pid);
  expect(await (await c.newPage()).evaluate(() => 1 + 1)).toBe(2);
  await Promise.all([closeChromium(b), closeChromium(c)]);
  expect(alive(pid)).toBe(true); // closing only disconnected them
  const d = await launchChromium(); // a file still connected when the run ends
  const disconnected = new Promise<void>((resolve) => d.once('disconnected', () => resolve()));
  await closeTestRun(); // returns once the server removed its pid file, after Chromium closed
  expect(fs.existsSync(runFolder.dir())).toBe(false);
  await disconnected;
}, 60_000);

it('closeChromium returns once the connection closed: no timer of the WebSocket outlives it', async () => {
  const browser = await launchChromium();
  await (await browser.newPage()).setContent('<p>x</p>');
  const timers = new Map<number, NodeJS.Timeout>();
  const hook = createHook({
    init: (id, type, _trigger, resource) => void (type === 'Timeout' && timers.set(id, resource as NodeJS.Timeout)),
    destroy: (id) => void timers.delete(id),
  }).enable();
  try {
    await closeChromium(browser);
  } finally {
    hook.disable();
  }
  const state = (t: NodeJS.Timeout) => t as unknown as { _idleTimeout: number; _destroyed: boolean };
  // browser.close() alone leaves the ws client's 30 s close timer running here, until the socket closes.
  const left = [...timers.values()].filter((t) => t.hasRef() && !state(t)._destroyed).map((t) => state(t)._idleTimeout);
  expect(left).toEqual([]);
  expect(browser.isConnected()).toBe(false);
}, 60_000);

it('a run that ends without its teardown (the jest process killed) takes its Chromium with it', async () => {
  const fakeRun = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
  process.env.CD_TEST_RUN_PID = String(fakeRun.pid);
  const browser = await launchChromium();
  const pidFile = path.join(runFolder.dir(), 'chromium.pid');
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  expect(alive(pid)).toBe(true);
  const disconnected = new Promise<void>((resolve) => browser.once('disconnected', () => resolve()));
  fakeRun.kill('SIGKILL');
  await removed(pidFile); // the server removes it once Chromium closed, just before it exits
  await disconnected;
  expect(browser.isConnected()).toBe(false);
}, 60_000);

it('the apps are built once per run: files asking at once share one build and leave no second copy', async () => {
  const [x, y] = await Promise.all([builtApps(path.join(runFolder.dir(), 'own-x')), builtApps(path.join(runFolder.dir(), 'own-y'))]);
  expect(x).toBe(path.join(runFolder.dir(), 'apps'));
  expect(y).toBe(x);
  for (const f of ['zendesk/manifest.json', 'freshdesk/manifest.json', 'sandbox-app/index.html'])
    expect(fs.existsSync(path.join(x, 'dist', f))).toBe(true);
  expect(fs.readdirSync(runFolder.dir()).filter((n) => n.startsWith('apps') || n.startsWith('own'))).toEqual(['apps']);
  const stamp = fs.statSync(path.join(x, 'dist/zendesk/manifest.json')).mtimeMs;
  expect(await builtApps(path.join(runFolder.dir(), 'own-z'))).toBe(x);
  expect(fs.statSync(path.join(x, 'dist/zendesk/manifest.json')).mtimeMs).toBe(stamp);
}, 60_000);
