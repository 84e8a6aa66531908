/**
 * Opens the connector's SQLite database (better-sqlite3): WAL, synchronous=FULL, foreign keys,
 * a busy timeout, and every migration from ./migrations applied once, each in its own transaction.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../errors';
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  busyTimeoutMs?: number;
  migrations?: Migration[];
}

/** The SQLite file DATABASE_URL names (see database-url.ts); a postgres:// or unknown scheme is refused here. */
export function databaseFile(url: string): string {
  const r = parseDatabaseUrl(url);
  if (!r.ok) throw new AppError('invalid_request', `DATABASE_URL "${redactDatabaseUrl(url)}": ${r.problem}`);
  if (r.target.kind !== 'sqlite')
    throw new AppError(
      'invalid_request',
      `DATABASE_URL "${redactDatabaseUrl(url)}" is a PostgreSQL URL; this needs a SQLite file (sqlite:PATH)`,
    );
  return r.target.file;
}

export function openDatabase(url: string, opts: OpenOptions = {}): Db {
  const file = databaseFile(url);
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // 64 MiB page cache (default 2 MiB): the dashboard's window scans stay in memory at a million tickets.
    db.pragma('cache_size = -65536');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    applyMigrations(db, opts.migrations ?? MIGRATIONS);
  } catch (e) {
    // A corrupt file or a failing migration: release the handle (and its file lock) before reporting.
    db.close();
    throw e;
  }
  return db;
}

/** Applies each migration not yet in `schema_migrations`, in order, each inside one transaction. */
export function applyMigrations(db: Db, migrations: Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new AppError('internal', `duplicate migration id "${m.id}"; every migration needs a unique id`);
    seen.add(m.id);
  }
  const done = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, new Date().toISOString());
    })();
    applied.push(m.id);
  }
  return applied;
}
