/**
 * `complaint-desk store migrate --from sqlite:… --to postgres://…` as a user runs it: a real connector process
 * fills a SQLite store (signed webhooks, a fake Zendesk on 127.0.0.1), stops; the bundled CLI copies it into
 * a real PostgreSQL database; everything is there, ids kept, evidence chains valid, sequences continue.
 */
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  bundleServer,
  postWebhook,
  ROOT,
  startFlakyZendesk,
  waitUntil,
  zendeskCreated,
  zendeskEnv,
  type FlakyZendesk,
} from '../faults/fault-kit';
import { freePort } from '../../support/free-port';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

describePostgres('complaint-desk store migrate', () => {
  let dir: string;
  let server: string;
  let cli: string;
  let zd: FlakyZendesk;
  let pg: PgServer;
  const children: ChildProcess[] = [];
  const dbFile = () => join(dir, 'cd.db');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-migrate-'));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // As scripts/build.mjs does: packages stay external, the ESM-only ones are bundled.
    const bundled = new Set(JSON.parse(readFileSync(join(ROOT, 'scripts/esm-only-packages.json'), 'utf8')) as string[]);
    const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((d) => !bundled.has(d));
    cli = join(dir, 'cli.js');
    [server, pg, zd] = (await Promise.all([
      bundleServer(dir),
      sharedPostgres(),
      startFlakyZendesk(),
      build({
        entryPoints: [join(ROOT, 'connector/src/cli/main.ts')],
        outfile: cli,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external,
        nodePaths: [join(ROOT, 'node_modules')],
        logLevel: 'silent',
      }),
    ])) as [string, PgServer, FlakyZendesk, unknown];
  }, 90_000);
  afterAll(async () => {
    for (const ch of children) if (ch.exitCode === null && ch.signalCode === null) ch.kill('SIGKILL');
    await zd?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function launch(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
    const port = await freePort();
    const child = spawn(process.execPath, [server], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules'), ...zendeskEnv(dbFile(), zd.url, { PORT: String(port) }) },
    });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(
      () =>
        fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      'the connector answers /healthz',
      30_000,
    );
    return { child, url, exited };
  }

  const migrate = (...args: string[]) =>
    spawnSync(process.execPath, [cli, 'store', 'migrate', ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules') },
    });

  async function pgRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  }

  function sqliteRows(sql: string): Record<string, unknown>[] {
    const db = new Database(dbFile(), { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }

  it('refuses while the connector runs, copies a stopped store completely, refuses a non-empty target', async () => {
    const c = await launch();
    const ids = [9301, 9302, 9303];
    for (const id of ids) zd.seed(id);
    for (const id of ids) expect((await postWebhook(c.url, zendeskCreated(id))).status).toBe(202);
    await waitUntil(() => ids.every((id) => zd.puts(id) === 1), 'every ticket updated once');
    const target = await pg.createDatabase('migrated');

    const running = migrate('--from', `sqlite:${dbFile()}`, '--to', target);
    expect(running.status).toBe(1);
    expect(running.stderr).toContain(`a connector is running on ${dbFile()}; stop it first`);

    c.child.kill('SIGTERM');
    expect(await c.exited).toBe(0);
    const r = migrate('--from', `sqlite:${dbFile()}`, '--to', target.replace('postgres@', 'postgres:not-needed@'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('not-needed');
    expect(r.stdout).toContain('postgres://postgres:***@');

    for (const t of ['inbox', 'outbox', 'timers', 'tickets', 'decisions', 'evidence_entries', 'policy_versions', 'ticket_facts']) {
      const n = Number(sqliteRows(`SELECT COUNT(*) AS n FROM ${t}`)[0].n);
      if (t !== 'timers') expect([t, n > 0]).toEqual([t, true]); // (timers of these old fixture tickets may all have fired)
      expect(r.stdout).toMatch(new RegExp(`\\n  ${t}\\s+${n}\\n`));
      expect(Number((await pgRows(target, `SELECT COUNT(*) AS n FROM ${t}`))[0].n)).toBe(n);
    }
    expect(r.stdout).toContain('checked: row counts match; 3 evidence chain(s) verify in PostgreSQL');
    // the same rows, ids kept
    const inboxSql = 'SELECT id, host, event_id, ticket_id, kind, payload, state FROM inbox ORDER BY id';
    expect((await pgRows(target, inboxSql)).map((x) => ({ ...x, id: Number(x.id) }))).toEqual(sqliteRows(inboxSql));
    const evSql = 'SELECT host, ticket_id, seq, type, data, prev_hash, hash FROM evidence_entries ORDER BY host, ticket_id, seq';
    expect(await pgRows(target, evSql)).toEqual(sqliteRows(evSql));
    const tkSql = 'SELECT host, id, status, category, severity, classification, tags FROM tickets ORDER BY host, id';
    expect(await pgRows(target, tkSql)).toEqual(sqliteRows(tkSql));
    // new rows continue after the copied ids
    const maxId = Number(sqliteRows('SELECT MAX(id) AS m FROM inbox')[0].m);
    const [next] = await pgRows(
      target,
      `INSERT INTO inbox (host, event_id, ticket_id, kind, occurred_at, received_at, payload) VALUES ('zendesk', 'after', '1', 'x', 'a', 'b', '{}') RETURNING id`,
    );
    expect(Number(next.id)).toBe(maxId + 1);

    const again = migrate('--from', `sqlite:${dbFile()}`, '--to', target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has \d+ row\(s\) in inbox; migrate into an empty database \(nothing was copied\)/);
  });

  it('explains wrong arguments (exit 2) without touching anything', () => {
    const a = migrate('--from', 'mysql://x/y', '--to', 'postgres://127.0.0.1:1/x');
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--from must be a SQLite store (sqlite:FILE): the scheme "mysql:"');
    const b = migrate('--from', `sqlite:${dbFile()}`, '--to', 'sqlite:./other.db');
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('--to must be a PostgreSQL URL (postgres://…)');
    const c = migrate('--from', `sqlite:${dbFile()}`);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('give both --from sqlite:FILE and --to postgres://');
  });
});
