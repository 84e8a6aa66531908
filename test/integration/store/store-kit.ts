/**
 * The two Store backends the contract tests run against: a real SQLite file and a real PostgreSQL database
 * (test/support/postgres-server.ts), each with a raw SQL hook for checks the interface does not offer.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../connector/src/store/open-database';
import type { Migration } from '../../../connector/src/store/migrations';
import type { PgMigration } from '../../../connector/src/store/postgres/migrations';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { createSqliteStore } from '../../../connector/src/store/sqlite-store';
import type { Store } from '../../../connector/src/store/store';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';
import { BEFORE } from './schema-before';

export interface Backend {
  store: Store;
  /** Runs raw SQL against the same database (a second connection); resolves to rows. */
  raw(sql: string): Promise<unknown[]>;
  close(): Promise<void>;
}

/** `createdBy`: first create the database with these migrations (e.g. schema-before.ts's), then open it as today. */
export function sqliteBackend(createdBy?: Migration[]): Backend & { db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-store-'));
  const file = join(dir, 'cd.db');
  if (createdBy) openDatabase(`sqlite:${file}`, { migrations: createdBy }).close();
  const db = openDatabase(`sqlite:${file}`);
  const store = createSqliteStore(db);
  return {
    store,
    db,
    async raw(sql) {
      const db = new Database(file, { timeout: 5000 });
      try {
        const st = db.prepare(sql);
        return st.reader ? st.all() : [st.run()];
      } finally {
        db.close();
      }
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresBackend(
  server: PgServer,
  createdBy?: PgMigration[],
): Promise<Backend & { store: PostgresStore; url: string }> {
  const url = await server.createDatabase();
  if (createdBy) await (await openPostgresStore(url, { migrations: createdBy })).close();
  const store = await openPostgresStore(url);
  return {
    store,
    url,
    raw: async (sql) => (await store.pool.query(sql)).rows,
    close: () => store.close(),
  };
}

/**
 * Runs `contract` (given how to open a fresh backend per test) on a SQLite file, and on a real PostgreSQL server
 * started once for the block where the binaries exist (describePostgres says why when they don't). `postgresOnly`
 * adds tests that need the server itself, e.g. several pools on one database.
 */
export function describeOnBothBackends(
  title: string,
  contract: (make: () => Promise<Backend>) => void,
  postgresOnly?: (server: () => PgServer) => void,
): void {
  describe(`${title} on a SQLite file`, () => contract(async () => sqliteBackend()));
  describeOnPostgresServer(`${title} on PostgreSQL`, (server) => {
    contract(() => postgresBackend(server()));
    postgresOnly?.(server);
  });
}

/**
 * Runs `contract` on databases of both kinds that the migrations before store/schema created (schema-before.ts) and
 * today's code then opened: what users' existing databases look like after the upgrade.
 */
export function describeOnSchemasBefore(title: string, contract: (make: () => Promise<Backend>) => void): void {
  describe(`${title} on a SQLite file created before one schema source`, () => contract(async () => sqliteBackend(BEFORE.sqlite)));
  describeOnPostgresServer(`${title} on PostgreSQL created before one schema source`, (server) =>
    contract(() => postgresBackend(server(), BEFORE.postgres)),
  );
}

/** A describePostgres block with a real server started once for it (`server()` inside tests and hooks). */
function describeOnPostgresServer(title: string, fn: (server: () => PgServer) => void): void {
  describePostgres(title, () => {
    let server: PgServer;
    beforeAll(async () => {
      server = await sharedPostgres();
    }, 60_000);
    afterAll(() => server?.stop());
    fn(() => server);
  });
}

/** A fresh backend for each test (`use` receives it, e.g. to keep its store), closed after the test. */
export function backendPerTest(make: () => Promise<Backend>, use: (b: Backend) => void): void {
  let b: Backend | undefined;
  beforeEach(async () => {
    b = await make();
    use(b);
  });
  afterEach(() => b?.close());
}
