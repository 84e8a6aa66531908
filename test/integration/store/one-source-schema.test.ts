/**
 * Both dialects' DDL is rendered from one description (connector/src/store/schema). The change must be invisible to
 * databases: the migration ids and order are those of before (PostgreSQL's newer migrations are appended after them),
 * a fresh database of each kind has exactly the schema the hand-written migrations gave it (schema-before.ts), and a
 * database created by the old migrations opens with today's code running nothing but the appended migrations.
 * (The store contracts run on such databases too: store-contract.test.ts.)
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { MIGRATIONS } from '../../../connector/src/store/migrations';
import { openDatabase } from '../../../connector/src/store/open-database';
import { PG_MIGRATIONS } from '../../../connector/src/store/postgres/migrations';
import { migratePostgres } from '../../../connector/src/store/postgres/open-postgres-store';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';
import { BEFORE, postgresSchema, sqliteSchema } from './schema-before';

const ids = (ms: { id: string }[]) => ms.map((m) => m.id);

describe('one schema source: SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-onesource-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const schemaAfter = (file: string, migrations?: { id: string; sql: string }[]) => {
    const db = openDatabase(`sqlite:${file}`, migrations ? { migrations } : {});
    try {
      return sqliteSchema(db);
    } finally {
      db.close();
    }
  };

  it('keeps every migration id, in order', () => {
    expect(ids(MIGRATIONS)).toEqual(ids(BEFORE.sqlite));
  });

  it('gives a fresh database exactly the schema the hand-written migrations gave it', () => {
    const before = schemaAfter(join(dir, 'before.db'), BEFORE.sqlite);
    const now = schemaAfter(join(dir, 'now.db'));
    expect(before.length).toBeGreaterThan(60);
    expect(now).toEqual(before);
  });

  it('opens a database the old migrations created without migrating anything', () => {
    const file = join(dir, 'old.db');
    const before = schemaAfter(file, BEFORE.sqlite);
    const marks = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT id, applied_at FROM schema_migrations ORDER BY rowid').all();
      } finally {
        db.close();
      }
    };
    const applied = marks();
    expect(schemaAfter(file)).toEqual(before);
    expect(marks()).toEqual(applied);
  });
});

describePostgres('one schema source: PostgreSQL', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await sharedPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  const withPool = async <T>(url: string, fn: (pool: Pool) => Promise<T>): Promise<T> => {
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      return await fn(pool);
    } finally {
      await pool.end();
    }
  };

  // Migrations appended since the freeze (pg-013 on) are the newer code's own; the frozen ones must render unchanged.
  const frozen = PG_MIGRATIONS.slice(0, BEFORE.postgres.length);
  const appended = ids(PG_MIGRATIONS.slice(BEFORE.postgres.length));

  it('keeps every migration id, in order (newer ones only appended)', () => {
    expect(ids(frozen)).toEqual(ids(BEFORE.postgres));
  });

  it('gives a fresh database exactly the schema the hand-written migrations gave it', async () => {
    const before = await withPool(await server.createDatabase(), async (pool) => {
      await migratePostgres(pool, BEFORE.postgres);
      return postgresSchema(pool);
    });
    const now = await withPool(await server.createDatabase(), async (pool) => {
      await migratePostgres(pool, frozen);
      return postgresSchema(pool);
    });
    expect(before.length).toBeGreaterThan(150);
    expect(now).toEqual(before);
  });

  it('opens a database the old migrations created running only the migrations appended since', async () => {
    const fresh = await withPool(await server.createDatabase(), async (pool) => {
      await migratePostgres(pool);
      return postgresSchema(pool);
    });
    await withPool(await server.createDatabase(), async (pool) => {
      expect(await migratePostgres(pool, BEFORE.postgres)).toEqual(ids(BEFORE.postgres));
      expect(await migratePostgres(pool)).toEqual(appended);
      expect(await postgresSchema(pool)).toEqual(fresh);
    });
  });
});
