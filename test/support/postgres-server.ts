/**
 * A real PostgreSQL server for tests: `initdb` in a temporary directory, `pg_ctl start` on a free port of
 * 127.0.0.1 (trust auth, no fsync: a throwaway server), stopped and deleted afterwards. PostgreSQL refuses
 * to run as root, so as root the server runs as the `postgres` user (Debian's package creates it; or
 * PG_TEST_USER) through `runuser`, with the directory chowned to it.
 *
 * Binaries: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin (Debian's `postgresql` package), else
 * `pg_config --bindir`. Without them the PostgreSQL tests skip and say why (a clone without PostgreSQL
 * still passes `npm test`); REQUIRE_POSTGRES=1 (set by .ci/run) turns that skip into a failure.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export interface PgServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (immediate) and deletes its directory. */
  stop(): Promise<void>;
  /** Stops the server (immediate: as a crash, every connection dropped) and keeps its data, to `restart` it later. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port with the same data. */
  restart(): Promise<void>;
  /** How another process stops it: the server's folder (deleted after the stop) and the `pg_ctl stop` command line. */
  shutdown: { dir: string; command: string[] };
}

/** Where initdb/pg_ctl live, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const has = (d: string) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(debian, v, 'bin'))) return join(debian, v, 'bin');
  }
  try {
    const d = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return has(d) ? d : null;
  } catch {
    return null;
  }
}

/** The OS user the server runs as when we are root (null: run as ourselves). */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const name = process.env.PG_TEST_USER ?? 'postgres';
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line)
    throw new Error(
      `running as root: PostgreSQL refuses to run as root and there is no "${name}" user to run it as; install Debian's postgresql package (it creates the user) or set PG_TEST_USER`,
    );
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

export const POSTGRES_SKIP_REASON =
  'no PostgreSQL server binaries (install Debian\'s "postgresql" package or set PG_BIN to the folder holding initdb and pg_ctl)';

/** `describe` when a server can be started, else `describe.skip` with the reason in the title. */
export function describePostgres(name: string, fn: () => void): void {
  if (postgresBinDir()) return describe(name, fn);
  if (process.env.REQUIRE_POSTGRES === '1') {
    describe(name, () =>
      it('needs PostgreSQL (REQUIRE_POSTGRES=1)', () => {
        throw new Error(`REQUIRE_POSTGRES=1 but ${POSTGRES_SKIP_REASON}`);
      }),
    );
    return;
  }
  describe.skip(`${name} [skipped: ${POSTGRES_SKIP_REASON}]`, fn);
}

/** `maxConnections`: the server's max_connections (default 200, one file's connectors; a server for a whole run needs more). */
export async function startPostgres(o: { maxConnections?: number } = {}): Promise<PgServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_SKIP_REASON);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'cd-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  // Run from the temp dir: the server's user may not be allowed into the repository's folder (e.g. under /root).
  const argv = (cmd: string, args: string[]) =>
    user ? ['runuser', '-u', user.name, '--', join(bin, cmd), ...args] : [join(bin, cmd), ...args];
  const as = (cmd: string, args: string[]) => {
    const [file, ...rest] = argv(cmd, args);
    return run(file, rest, { cwd: dir });
  };
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    const optsOf = (p: number) =>
      `-p ${p} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=${o.maxConnections ?? 200}`;
    const start = () => as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', optsOf(port), 'start']);
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (e) {
        if (attempt >= 2) throw new Error(`pg_ctl start failed: ${(e as Error).message}\n${safeRead(join(dir, 'server.log'))}`);
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      createDatabase: (name) => createDatabase(url, name),
      async stop() {
        await as('pg_ctl', stopArgs).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
      async halt() {
        await as('pg_ctl', stopArgs);
      },
      async restart() {
        await start();
      },
      shutdown: { dir, command: argv('pg_ctl', stopArgs) },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Creates database `name` (default: a name no other file of any worker picks) on the server at `serverUrl`; its URL. */
export async function createDatabase(serverUrl: string, name = `t${process.pid}_${randomBytes(6).toString('hex')}`): Promise<string> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function safeRead(f: string): string {
  try {
    return readFileSync(f, 'utf8').slice(-2000);
  } catch {
    return '';
  }
}

/** Who we are (for messages). */
export const currentUser = () => userInfo().username;
