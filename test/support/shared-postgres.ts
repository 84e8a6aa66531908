/**
 * One PostgreSQL server for a whole `jest` run, a database per use. Inside a run (CD_TEST_RUN_DIR,
 * test/support/open-test-run.js) the first file to ask starts the server (startPostgres; pg_ctl runs it detached from
 * the worker) and writes RUN_DIR/postgres.json; the others wait for that file and connect. Each file gets a handle of
 * its own: `createDatabase` makes a database with a fresh name, and `stop` drops the databases that handle made and
 * leaves the server to the run's teardown (close-test-run.js), or, when the run is killed, to the watcher
 * (stop-run-postgres.js). A shared server cannot be halted: a test that takes its server down starts its own
 * (startPostgres). Outside such a run, each call starts its own server, as startPostgres does.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, startPostgres, type PgServer } from './postgres-server';
import { appears, claimFirst, writeWhole } from './run-folder';

const WATCHER = path.join(__dirname, 'stop-run-postgres.js');
/** Two workers' files at once, each with a few connector processes and pools (one file's server allows 200). */
const MAX_CONNECTIONS = 400;

export async function sharedPostgres(): Promise<PgServer> {
  const run = process.env.CD_TEST_RUN_DIR;
  if (!run || !fs.existsSync(run)) return startPostgres();
  if (claimFirst(run, 'postgres.lock')) {
    try {
      const pg = await startPostgres({ maxConnections: MAX_CONNECTIONS });
      writeWhole(run, 'postgres.json', JSON.stringify({ url: pg.url, port: pg.port, shutdown: pg.shutdown }));
      const runPid = process.env.CD_TEST_RUN_PID ?? String(process.ppid);
      spawn(process.execPath, [WATCHER, run, runPid], { detached: true, stdio: 'ignore' }).unref();
    } catch (e) {
      writeWhole(run, 'postgres.failed', String((e as Error).stack ?? e));
      throw e;
    }
  }
  const found = await appears(run, ['postgres.json', 'postgres.failed'], 90_000);
  const text = fs.readFileSync(path.join(run, found), 'utf8');
  if (found === 'postgres.failed') throw new Error(`the run's PostgreSQL did not start: ${text}`);
  return handle(JSON.parse(text) as Pick<PgServer, 'url' | 'port' | 'shutdown'>);
}

function handle(server: Pick<PgServer, 'url' | 'port' | 'shutdown'>): PgServer {
  const mine: string[] = [];
  const refuse = async () => {
    throw new Error('the run shares this PostgreSQL server: a test that halts or restarts its server starts its own (startPostgres)');
  };
  return {
    ...server,
    async createDatabase(name) {
      const url = await createDatabase(server.url, name);
      mine.push(decodeURIComponent(new URL(url).pathname.slice(1)));
      return url;
    },
    async stop() {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: server.url });
      await c.connect();
      try {
        for (const db of mine.splice(0)) await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
    halt: refuse,
    restart: refuse,
  };
}
