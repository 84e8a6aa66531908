/**
 * SQLite is a one-process store: the connector holds an exclusive lock on `<file>.lock` for its whole life.
 * The lock is SQLite's own (a POSIX record lock on that file, taken by `BEGIN EXCLUSIVE` and never
 * committed), so the kernel drops it when the process ends in any way, SIGKILL included: a crashed
 * connector never blocks a restart, and no stale PID file needs cleaning. Readers of the database itself
 * (`complaint-desk evidence export --db …`) do not take this lock and keep working beside the connector.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface SqliteProcessLock {
  file: string;
  release(): void;
}

export class StoreInUseError extends Error {
  constructor(readonly lockFile: string) {
    super(`another process holds ${lockFile}`);
    this.name = 'StoreInUseError';
  }
}

/** Takes the lock beside `dbFile` or throws StoreInUseError at once (no waiting). `:memory:` needs none. */
export function holdSqliteLock(dbFile: string): SqliteProcessLock {
  if (dbFile === ':memory:') return { file: dbFile, release: () => undefined };
  const file = `${resolve(dbFile)}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new StoreInUseError(file);
    throw e;
  }
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
