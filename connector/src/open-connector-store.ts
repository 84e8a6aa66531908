/**
 * Opens the store DATABASE_URL names. SQLite: the one-process lock (store/hold-sqlite-lock.ts), then the
 * file. PostgreSQL: a pool, with migrations run once under an advisory lock (several replicas may start at
 * the same moment). A failure becomes a StartupError naming DATABASE_URL (never its password) and the fix.
 */
import { explainDatabaseError, explainStoreInUse, EXIT_IN_USE, StartupError } from './config/startup-error';
import type { Logger } from './ops/create-logger';
import { parseDatabaseUrl, redactDatabaseUrl } from './store/database-url';
import { holdSqliteLock, StoreInUseError, type SqliteProcessLock } from './store/hold-sqlite-lock';
import { databaseFile, openDatabase, type Db } from './store/open-database';
import type { PostgresStore } from './store/postgres/open-postgres-store';
import { createSqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';

export interface ConnectorStore {
  kind: 'sqlite' | 'postgres';
  store: Store;
  /**
   * SQLite: the store's database. PostgreSQL: an empty in-memory SQLite database (nothing of the connector's state
   * lives there any more; kept so `RunningConnector.db` has one type).
   */
  db: Db;
  /** The SQLite file the store is in (`:memory:` included); null on PostgreSQL. */
  sqliteFile: string | null;
  /** The PostgreSQL store (its pool, policy versions, LISTEN) and URL; null on SQLite. */
  postgres: { store: PostgresStore; url: string } | null;
  close(): Promise<void>;
}

export async function openConnectorStore(url: string, logger: Logger): Promise<ConnectorStore> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.ok && parsed.target.kind === 'postgres') return openPostgres(parsed.target.url, logger);
  const { db, lock, file } = openSqlite(url);
  return {
    kind: 'sqlite',
    db,
    sqliteFile: file,
    postgres: null,
    store: createSqliteStore(db),
    async close() {
      db.close();
      lock.release();
    },
  };
}

async function openPostgres(url: string, logger: Logger): Promise<ConnectorStore> {
  const shown = redactDatabaseUrl(url);
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:([^@/?#]*)@/i.exec(url)?.[1];
  // Loaded here, not at start: a SQLite connector never loads `pg` (about 0.14 s of CPU per start).
  const { openPostgresStore } = await import('./store/postgres/open-postgres-store');
  let store: PostgresStore;
  try {
    store = await openPostgresStore(url, {
      onError: (err) => logger.warn({ err: err.message }, 'PostgreSQL connection lost; the pool reconnects on the next query'),
    });
  } catch (e) {
    let why = `${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message}`;
    if (password) why = why.split(password).join('***');
    throw new StartupError(
      'DATABASE_URL',
      `DATABASE_URL=${shown}: cannot open the PostgreSQL store (${why}).\n` +
        'Fix: check that the server runs and accepts connections from this machine, the user, password and database name, ' +
        'and that the user may create tables (the connector migrates the schema). Then start again.',
      e,
      EXIT_IN_USE,
    );
  }
  logger.info({ database: shown, migrationsApplied: store.applied }, 'PostgreSQL store open');
  const policyDb = openDatabase(':memory:');
  return {
    kind: 'postgres',
    db: policyDb,
    sqliteFile: null,
    postgres: { store, url },
    store,
    async close() {
      await store.close();
      policyDb.close();
    },
  };
}

function openSqlite(url: string): { db: Db; lock: SqliteProcessLock; file: string } {
  const file = databaseFile(url);
  let lock: SqliteProcessLock;
  try {
    lock = holdSqliteLock(file);
  } catch (e) {
    if (e instanceof StoreInUseError) throw explainStoreInUse(url, file, e.lockFile);
    throw explainDatabaseError(url, file, e);
  }
  try {
    return { db: openDatabase(url), lock, file };
  } catch (e) {
    lock.release();
    throw explainDatabaseError(url, file, e);
  }
}
