/**
 * Start-up faults: an unusable database (folder cannot be created, file corrupt) or policy file (missing,
 * invalid). In-process: startConnector rejects with a StartupError naming the variable, the file and the fix.
 * As a process (the bundled `npm start` entry): one clear message on stderr and exit 78 (EX_CONFIG) at once:
 * no stack trace, no retry loop; a supervisor can stop restarting on 78.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CONFIG, StartupError } from '../../../connector/src/config/startup-error';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector } from '../../../connector/src/start-connector';
import { bundleServer, DEFAULT_POLICY, logSink, ROOT } from './fault-kit';

let dir: string;
let server: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-startup-faults-'));
  server = await bundleServer(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const silent = () => createLogger({ level: 'silent' });
const start = (env: Record<string, string>, logger = silent()) =>
  startConnector({ env: { SANDBOX: 'on', ...env }, port: 0, hostname: '127.0.0.1', logger, startPipeline: false });

async function startupError(env: Record<string, string>): Promise<StartupError> {
  const e = await start(env).then(
    (c) => c.close().then(() => null),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StartupError);
  return e as StartupError;
}

/** Runs the bundled server once; it must exit by itself (no hang, no restart loop). */
function runServer(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [server], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules'), PORT: '0', SANDBOX: 'on', LOG_LEVEL: 'silent', ...env },
  });
  return { status: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout };
}

describe('database faults at start', () => {
  it('the database folder cannot be created (a path through a file): names DATABASE_URL, the file and the fix', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const url = `sqlite:${join(dir, 'not-a-folder', 'data', 'cd.db')}`;
    const e = await startupError({ DATABASE_URL: url });
    expect(e.variable).toBe('DATABASE_URL');
    expect(e.message).toContain(
      `DATABASE_URL=${url}: cannot create or write the database file ${join(dir, 'not-a-folder', 'data', 'cd.db')} (ENOTDIR`,
    );
    expect(e.message).toContain('Fix: point DATABASE_URL at a file in a folder the connector can create and write');
  });

  it('the database file is corrupt: names the file, never overwrites it, says how to recover', async () => {
    const file = join(dir, 'corrupt.db');
    const junk = Buffer.from('this is not an SQLite file at all; '.repeat(200));
    writeFileSync(file, junk);
    const e = await startupError({ DATABASE_URL: `sqlite:${file}` });
    expect(e.message).toContain(`${file} is not a usable SQLite database (file is not a database)`);
    expect(e.message).toContain(`Fix: restore the file from a backup, or move it aside (mv "${file}" "${file}.corrupt")`);
    expect(readFileSync(file).equals(junk)).toBe(true);
  });

  it('as a process: one message on stderr and exit 78, immediately (no crash loop, no stack trace)', () => {
    const file = join(dir, 'corrupt-proc.db');
    writeFileSync(file, 'garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage');
    const r = runServer({ DATABASE_URL: `sqlite:${file}` });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toMatch(
      new RegExp(`^complaint-desk: cannot start: DATABASE_URL=sqlite:${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).not.toContain('listening');
  });
});

describe('POLICY_FILE faults at start', () => {
  it('missing, with no policy stored yet: refuses to start, naming POLICY_FILE and its full path', async () => {
    const missing = join(dir, 'nope', 'policy.json');
    const e = await startupError({ DATABASE_URL: join(dir, 'p1.db'), POLICY_FILE: missing });
    expect(e.variable).toBe('POLICY_FILE');
    expect(e.message).toContain(`POLICY_FILE=${missing} (${missing}): the policy file ${missing} is not valid and no policy is stored yet`);
    expect(e.message).toContain('ENOENT');
    expect(e.message).toContain(`npx complaint-desk policy check ${missing}`);
  });

  it('invalid, with no policy stored yet: refuses to start and lists each JSON path', async () => {
    const bad = join(dir, 'bad-policy.json');
    const p = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
    p.severities.L2.respondWithinMinutes = -5;
    p.sla.warnAtPercent = 'often';
    writeFileSync(bad, JSON.stringify(p));
    const e = await startupError({ DATABASE_URL: join(dir, 'p2.db'), POLICY_FILE: bad });
    expect(e.message).toContain('severities.L2.respondWithinMinutes');
    expect(e.message).toContain('sla.warnAtPercent');
  });

  it('as a process: exit 78 with the paths on stderr', () => {
    const r = runServer({ DATABASE_URL: join(dir, 'p3.db'), POLICY_FILE: join(dir, 'missing.json') });
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toContain(`complaint-desk: cannot start: POLICY_FILE=${join(dir, 'missing.json')}`);
  });

  it('missing or invalid after a policy was stored: starts on the last active stored version and logs the problem at error level with the paths', async () => {
    const db = join(dir, 'p4.db');
    const file = join(dir, 'policy-p4.json');
    const p = JSON.parse(readFileSync(DEFAULT_POLICY, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...p, version: '2026.11.40' }));
    const first = await start({ DATABASE_URL: db, POLICY_FILE: file });
    expect(first.policyStore.current().version).toBe('2026.11.40');
    await first.close();

    writeFileSync(
      file,
      JSON.stringify({ ...p, version: '2026.11.41', severities: { ...p.severities, L1: { ...p.severities.L1, group: 'no_such_group' } } }),
    );
    const log = logSink();
    const again = await start({ DATABASE_URL: db, POLICY_FILE: file }, createLogger({ level: 'info', destination: log.stream }));
    try {
      expect(again.policyStore.current().version).toBe('2026.11.40');
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      const line = log.lines.find((l) => l.msg === 'policy file rejected at start; using the stored active policy');
      expect(line).toMatchObject({ level: 'error', file });
      expect(line!.problems.map((x: { path: string }) => x.path)).toContain('severities.L1.group');
    } finally {
      await again.close();
    }
  });
});

describe('PORT in use', () => {
  it('names PORT and the address, closes the database it opened', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const e = await startConnector({
        env: { SANDBOX: 'on', DATABASE_URL: join(dir, 'port.db') },
        port,
        hostname: '127.0.0.1',
        logger: silent(),
        startPipeline: false,
      }).then(
        (c) => c.close().then(() => null),
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(StartupError);
      expect((e as StartupError).message).toBe(
        `PORT=${port}: 127.0.0.1:${port} is already in use.\nFix: stop the other process or set PORT to a free port (0 = any free port). Then start again.`,
      );
      // the failed start released the database: another connector can open it at once
      const ok = await start({ DATABASE_URL: join(dir, 'port.db') });
      await ok.close();
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });
});

describe('Freshdesk settings at start', () => {
  it('clusters on without a tracker requester or on-hold status: exit 78 naming both settings and the fix', () => {
    const r = runServer({
      DATABASE_URL: join(dir, 'fd.db'),
      SANDBOX: 'off',
      FRESHDESK_DOMAIN: 'acme',
      FRESHDESK_API_KEY: 'k',
      FRESHDESK_API_URL: 'http://127.0.0.1:9',
      FRESHDESK_WEBHOOK_SECRET: 'freshdesk-secret-123456',
      APP_SHARED_SECRET: 'app-shared-secret-123456',
      ADMIN_TOKEN: 'admin-token-1234567890',
    });
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toContain('FRESHDESK_DEFAULT_REQUESTER_EMAIL: required while FRESHDESK_CLUSTERS=on');
    expect(r.stderr).toContain('FRESHDESK_ON_HOLD_STATUS: required while FRESHDESK_CLUSTERS=on');
  });
});
