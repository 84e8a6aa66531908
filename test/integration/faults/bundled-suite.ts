/**
 * A test file's bundled connector (the `npm start` entry) against a flaky Zendesk on 127.0.0.1: a temp dir, the
 * bundle (one per jest run: shared-bundle.ts) and the fake (and with `postgres`, a real PostgreSQL server) once per
 * file; `launch` starts a connector on a free port and tracks it; whatever still runs at the end is killed, the
 * servers stopped and the dir removed.
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';
import { launchConnector, startFlakyZendesk, type FlakyZendesk, type Launched } from './fault-kit';
import { sharedBundle } from './shared-bundle';

export interface BundledSuite {
  /** Set in beforeAll: read them inside tests. */
  dir: string;
  server: string;
  zd: FlakyZendesk;
  /** Only with `{ postgres: true }` (inside describePostgres). */
  pg: PgServer;
  launch(env: Record<string, string>): Promise<Launched>;
  /** A connector started otherwise, killed at the end if still running. */
  track(child: ChildProcess): void;
}

export function bundledSuite(prefix: string, o: { postgres?: boolean } = {}): BundledSuite {
  const children: ChildProcess[] = [];
  const suite: BundledSuite = {
    dir: '',
    server: '',
    zd: undefined as unknown as FlakyZendesk,
    pg: undefined as unknown as PgServer,
    async launch(env) {
      const launched = await launchConnector(suite.server, env, await freePort());
      children.push(launched.child);
      return launched;
    },
    track: (child) => void children.push(child),
  };
  beforeAll(
    async () => {
      suite.dir = mkdtempSync(join(tmpdir(), prefix));
      const pg = o.postgres ? sharedPostgres() : Promise.resolve(suite.pg);
      [suite.server, suite.zd, suite.pg] = await Promise.all([sharedBundle(suite.dir), startFlakyZendesk(), pg]);
    },
    o.postgres ? 90_000 : undefined,
  );
  afterAll(async () => {
    for (const ch of children) if (ch.exitCode === null && ch.signalCode === null) ch.kill('SIGKILL');
    await suite.zd?.close();
    await suite.pg?.stop();
    if (suite.dir) rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

/** Rows of a query on a connector's SQLite file, opened read-only for the one query. */
export function sqliteRows(dbFile: string, sql: string): Record<string, unknown>[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}
