/**
 * Runs README's quick-start command (`npm start`) as a child process on a free port with a temp database,
 * waits until /healthz and /sandbox answer, then stops it with SIGTERM (its whole process group) and waits until it
 * exited and its pipes closed.
 * `npm start` rebuilds `dist/`, which the browser/e2e tests read in parallel: so it runs in an isolated copy of the
 * repository (source files only; `node_modules` symlinked, `../shared` reachable through a symlink next to it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { isolatedCopy, ROOT } from '../support/isolated-copy';

async function waitFor(url: string, deadline: number, child: ChildProcess): Promise<Response> {
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer in time (${last})`);
}

describe('README quick start: npm start', () => {
  it('the README names the command, and it starts the connector with the sandbox on PORT', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'cd-npm-start-'));
    const repo = isolatedCopy(dir);
    expect(existsSync(path.join(repo, 'dist'))).toBe(false); // the copy builds its own dist/, never the shared one
    // npm's update notifier would ask registry.npmjs.org: tests never leave 127.0.0.1.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dir, 'start.db')}`,
      LOG_LEVEL: 'warn',
      npm_config_update_notifier: 'false',
      NO_UPDATE_NOTIFIER: '1',
    };
    for (const k of Object.keys(env))
      if (/^(ZENDESK|FRESHDESK)_/.test(k) || k === 'SANDBOX' || k === 'ADMIN_TOKEN' || k === 'APP_SHARED_SECRET') delete env[k];
    const child = spawn('npm', ['start'], { cwd: repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
    });
    child.stderr!.on('data', (d) => {
      out += String(d);
    });
    // 'close', not 'exit': the process has exited and its output pipes are closed (after 'exit' they may still be open).
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      const health = await waitFor(`http://127.0.0.1:${port}/healthz`, deadline, child);
      expect(health.status).toBe(200);
      const sandbox = await waitFor(`http://127.0.0.1:${port}/sandbox`, deadline, child);
      expect(await sandbox.text()).toContain('Sandbox helpdesk');
      expect(out).toContain(`/sandbox`);
      expect(out).toMatch(/ADMIN_TOKEN \(generated for this run\):\s+\S{16,}/);
      expect(existsSync(path.join(repo, 'dist/node/server.js'))).toBe(true); // built inside the copy
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<'timeout'>((r) => {
          timer = setTimeout(() => r('timeout'), 20_000);
        }),
      ]);
      clearTimeout(timer);
      if (code === 'timeout' && child.pid) process.kill(-child.pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    const code = await exited;
    expect([0, null]).toContain(code);
    // Nothing of the child is left open in this process: a jest worker whose last file this is could not exit.
    expect([child.stdout!.destroyed, child.stderr!.destroyed]).toEqual([true, true]);
  }, 150_000);
});
