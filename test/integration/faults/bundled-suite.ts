/**
 * A test file's bundled connector (the `npm start` entry) against a flaky Zendesk on 127.0.0.1: a temp dir, the
 * bundle and the fake once per file; `launch` starts a connector on a free port and tracks it; whatever still runs
 * at the end is killed, and the dir removed.
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port';
import { bundleServer, launchConnector, startFlakyZendesk, type FlakyZendesk, type Launched } from './fault-kit';

export interface BundledSuite {
  /** Set in beforeAll: read them inside tests. */
  dir: string;
  server: string;
  zd: FlakyZendesk;
  launch(env: Record<string, string>): Promise<Launched>;
}

export function bundledSuite(prefix: string): BundledSuite {
  const children: ChildProcess[] = [];
  const suite: BundledSuite = {
    dir: '',
    server: '',
    zd: undefined as unknown as FlakyZendesk,
    async launch(env) {
      const launched = await launchConnector(suite.server, env, await freePort());
      children.push(launched.child);
      return launched;
    },
  };
  beforeAll(async () => {
    suite.dir = mkdtempSync(join(tmpdir(), prefix));
    suite.server = await bundleServer(suite.dir);
    suite.zd = await startFlakyZendesk();
  });
  afterAll(async () => {
    for (const ch of children) if (ch.exitCode === null && ch.signalCode === null) ch.kill('SIGKILL');
    await suite.zd?.close();
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
