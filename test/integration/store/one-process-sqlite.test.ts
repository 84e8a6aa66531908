/**
 * DATABASE_URL as a user meets it, on the real process (the bundled `npm start` entry):
 * - an unknown scheme (mysql://…, postgress://…) is refused with one clear message and exit 78, without
 *   creating anything (postgres:// once became a folder named `postgres:`); postgres:// is PostgreSQL, and a
 *   server that cannot be reached stops the start with exit 75 (worth retrying), no password shown;
 * - SQLite is a one-process store: a second connector on the same file is refused at start (exit 75) while
 *   the first keeps working; a first connector killed with SIGKILL does not block the restart. Those connectors run
 *   the default policy with its model off (test/support/rules-only-policy.ts): the store is the subject here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CONFIG, EXIT_IN_USE } from '../../../connector/src/config/startup-error';
import { bundledSuite } from '../faults/bundled-suite';
import { DEFAULT_POLICY, postWebhook, ROOT, waitUntil, zendeskCreated, zendeskEnv } from '../faults/fault-kit';
import { freePort } from '../../support/free-port';
import { writeRulesOnlyPolicy } from '../../support/rules-only-policy';

const suite = bundledSuite('cd-one-process-');

const baseEnv = () => ({ PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules') });

/** Runs the server in `cwd` once; it must exit by itself. */
function runOnce(cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [suite.server], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...baseEnv(), PORT: '0', SANDBOX: 'on', LOG_LEVEL: 'silent', POLICY_FILE: DEFAULT_POLICY, ...env },
  });
  return { status: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout };
}

describe('DATABASE_URL with a scheme the connector does not run on', () => {
  it.each([
    ['mysql://app:s3cret-pw@127.0.0.1/complaints', 'the scheme "mysql:" is not a database this connector supports'],
    ['postgress://app@127.0.0.1/complaints', 'the scheme "postgress:" is not a database this connector supports'],
  ])('%s: exit 78 with one message naming DATABASE_URL and the fix; nothing created, no password shown', (url, why) => {
    const cwd = join(suite.dir, `cwd-${url.split(':')[0]}-${Math.random().toString(36).slice(2, 8)}`);
    mkdirSync(cwd);
    const r = runOnce(cwd, { DATABASE_URL: url });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toContain('complaint-desk: cannot start: configuration is not valid:');
    expect(r.stderr).toContain(`  - DATABASE_URL: ${why}`);
    expect(r.stderr).toContain('use sqlite:PATH (e.g. sqlite:./data/complaint-desk.db');
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('listening');
    expect(readdirSync(cwd)).toEqual([]); // no `postgres:` folder, no SQLite file
  });

  it.each(['postgres', 'postgresql'])(
    '%s:// to a server that does not answer: exit 75 naming DATABASE_URL and the fix; nothing created, no password shown',
    async (scheme) => {
      const cwd = join(suite.dir, `cwd-${scheme}-${Math.random().toString(36).slice(2, 8)}`);
      mkdirSync(cwd);
      const r = runOnce(cwd, { DATABASE_URL: `${scheme}://app:s3cret-pw@127.0.0.1:${await freePort()}/complaints` });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(EXIT_IN_USE);
      expect(r.stderr).toContain(`complaint-desk: cannot start: DATABASE_URL=${scheme}://app:***@127.0.0.1:`);
      expect(r.stderr).toContain('cannot open the PostgreSQL store (ECONNREFUSED');
      expect(r.stderr).toContain('Fix: check that the server runs');
      expect(r.stderr).not.toContain('s3cret-pw');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(cwd)).toEqual([]);
    },
  );

  it('a plain path and sqlite: URLs still work (the default store)', () => {
    const cwd = join(suite.dir, 'cwd-ok');
    mkdirSync(cwd);
    const r = runOnce(cwd, { DATABASE_URL: 'sqlite:./data/x.db', PORT: 'not-a-port' });
    // PORT is wrong on purpose so the process exits by itself: DATABASE_URL itself is accepted
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).not.toContain('DATABASE_URL');
  });
});

describe('one connector process per SQLite file', () => {
  it('a second process on the same file is refused at start (exit 75, clear message); the first keeps working', async () => {
    const { dir, zd } = suite;
    const dbFile = join(dir, 'shared.db');
    const env = zendeskEnv(dbFile, zd.url, { POLICY_FILE: writeRulesOnlyPolicy(dir) });
    const first = await suite.launch(env);
    zd.seed(8101);
    zd.seed(8102);
    expect((await postWebhook(first.url, zendeskCreated(8101))).status).toBe(202);

    const port = await freePort();
    const second = spawnSync(process.execPath, [suite.server], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...baseEnv(), ...env, PORT: String(port) },
    });
    expect(second.signal).toBeNull();
    expect(second.status).toBe(EXIT_IN_USE);
    expect(second.stderr).toContain(
      `complaint-desk: cannot start: DATABASE_URL=sqlite:${dbFile}: another connector process is already running on ${dbFile}`,
    );
    expect(second.stderr).toContain('a SQLite store serves one connector process');
    expect(second.stderr).toContain('Fix: stop the other process first');
    expect(second.stdout).not.toContain('listening');

    // the first still acknowledges and processes: one note on each ticket
    expect((await postWebhook(first.url, zendeskCreated(8102))).status).toBe(202);
    await waitUntil(() => zd.puts(8101) === 1 && zd.puts(8102) === 1, 'both tickets updated by the first connector');
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // a clean stop releases the file: the next start works
    const next = await suite.launch(env);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('a first process killed with SIGKILL does not block the restart, which finishes its work', async () => {
    const { dir, zd } = suite;
    const dbFile = join(dir, 'killed.db');
    const env = zendeskEnv(dbFile, zd.url, { POLICY_FILE: writeRulesOnlyPolicy(dir) });
    const first = await suite.launch(env);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(`${dbFile}.lock`)).toBe(true); // left behind by the crash; the kernel released its lock

    const again = await suite.launch(env);
    zd.seed(8201);
    expect((await postWebhook(again.url, zendeskCreated(8201))).status).toBe(202);
    await waitUntil(() => zd.puts(8201) === 1, 'the restarted connector updates the ticket');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
