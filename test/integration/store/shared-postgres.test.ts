/**
 * The run-scoped PostgreSQL server of test/support (shared-postgres.ts, stop-run-postgres.js, close-test-run.js), each
 * test in a run folder of its own: files asking at once get one server and databases of their own; a file's `stop`
 * drops only its databases; the run's teardown, or the end of the jest process without it, stops the server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { describePostgres } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';
import { closeTestRun, removed, useFreshTestRun } from '../../support/fresh-test-run';

async function databases(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY datname')).rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

async function refused(url: string): Promise<void> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await expect(c.connect()).rejects.toThrow(/ECONNREFUSED/);
}

describePostgres('one PostgreSQL server per jest run (test/support/shared-postgres.ts)', () => {
  const runFolder = useFreshTestRun();

  it('files asking at once share one server; each drops only its own databases; the teardown stops the server', async () => {
    const [a, b] = await Promise.all([sharedPostgres(), sharedPostgres()]);
    expect(b.port).toBe(a.port);
    const info = JSON.parse(fs.readFileSync(path.join(runFolder.dir(), 'postgres.json'), 'utf8'));
    expect(info.port).toBe(a.port);
    expect(fs.existsSync(info.shutdown.dir)).toBe(true);
    const [ua, ub] = await Promise.all([a.createDatabase(), b.createDatabase()]);
    const name = (u: string) => new URL(u).pathname.slice(1);
    expect(name(ua)).not.toBe(name(ub));
    expect(await databases(a.url)).toEqual(expect.arrayContaining([name(ua), name(ub)]));
    await expect(a.halt()).rejects.toThrow(/shares this PostgreSQL server/);
    await a.stop(); // a's databases only: the server and b's database stay
    const left = await databases(b.url);
    expect(left).not.toContain(name(ua));
    expect(left).toContain(name(ub));
    const c = await sharedPostgres(); // a later file: the same server
    expect(c.port).toBe(a.port);
    await closeTestRun();
    expect(fs.existsSync(runFolder.dir())).toBe(false);
    expect(fs.existsSync(info.shutdown.dir)).toBe(false);
    await refused(ub);
  }, 90_000);

  it('a run that ends without its teardown (the jest process killed) takes its server with it', async () => {
    const fakeRun = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
    process.env.CD_TEST_RUN_PID = String(fakeRun.pid);
    const pg = await sharedPostgres();
    const url = await pg.createDatabase();
    expect(await databases(url)).toContain(new URL(url).pathname.slice(1));
    const info = path.join(runFolder.dir(), 'postgres.json');
    fakeRun.kill('SIGKILL');
    await removed(info); // the watcher removes it once the server stopped and its folder is deleted
    await refused(url);
  }, 90_000);
});
