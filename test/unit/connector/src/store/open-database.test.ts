import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { applyMigrations, databaseFile, openDatabase } from '../../../../../connector/src/store/open-database';
import { MIGRATIONS } from '../../../../../connector/src/store/migrations';
import { tempDir } from '../../../../fixtures/connector-core/temp-db';

describe('openDatabase', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('parses sqlite: URLs and plain paths', () => {
    expect(databaseFile('sqlite:./data/x.db')).toBe('./data/x.db');
    expect(databaseFile('sqlite:///var/x.db')).toBe('/var/x.db');
    expect(databaseFile('/tmp/y.db')).toBe('/tmp/y.db');
    expect(() => databaseFile('sqlite:')).toThrow(/names no file/);
  });

  it('creates the directory, sets WAL, FULL sync, foreign keys, busy timeout and applies every migration once', () => {
    const url = `sqlite:${t.file('nested/deeper/cd.db')}`;
    const db = openDatabase(url);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const ids = (db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(MIGRATIONS.map((m) => m.id));
    for (const table of ['inbox', 'outbox', 'timers', 'tickets', 'decisions', 'clusters']) {
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)).toBeTruthy();
    }
    db.close();
    const again = openDatabase(url);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.close();
  });

  it('rolls a failing migration back entirely and does not record it', () => {
    const db = openDatabase(t.file('m.db'), { migrations: [] });
    expect(() => applyMigrations(db, [{ id: 'bad', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' }])).toThrow();
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'a'`).get()).toBeUndefined();
    expect(db.prepare(`SELECT id FROM schema_migrations WHERE id = 'bad'`).get()).toBeUndefined();
    expect(() =>
      applyMigrations(db, [
        { id: 'x', sql: 'SELECT 1' },
        { id: 'x', sql: 'SELECT 1' },
      ]),
    ).toThrow(/duplicate migration id/);
    db.close();
  });

  /** Descriptors this process holds on `file` (Linux /proc), i.e. handles left open. */
  const openHandlesOn = (file: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(file);
      } catch {
        return false;
      }
    });

  it('closes the handle when the file is not a database (corrupt file) and reports the error', () => {
    const file = t.file('corrupt.db');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(file)).toThrow(/not a database/);
    expect(openHandlesOn(file)).toEqual([]);
  });

  it('closes the handle when a migration fails during open', () => {
    const file = t.file('bad-migration.db');
    expect(() =>
      openDatabase(file, { migrations: [{ id: 'bad', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' }] }),
    ).toThrow(/already exists/);
    expect(openHandlesOn(file)).toEqual([]);
  });
});
