/**
 * The two dialects' schemas must not drift apart: a fresh SQLite database (store/migrations) and a fresh
 * PostgreSQL database (store/postgres/migrations*.ts) have the same columns, with the same nullability, in every
 * table they share; what exists on one side only is listed here with the reason. (Both dialects' DDL is rendered
 * from store/schema; one-source-schema.test.ts checks it against the hand-written DDL it replaced.) Before migration pg-012 it failed: ticket_facts.policy_id
 * was missing on PostgreSQL.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../connector/src/store/open-database';
import { openPostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

type Columns = Map<string, Map<string, boolean>>; // table -> column -> nullable

/** On one side only, on purpose. */
const ONE_SIDED = [
  'outbox.claim_until: PostgreSQL only', // several processes claim outbox rows; one SQLite process needs no claim
  'outbox.claimed_by: PostgreSQL only',
  'schema_migrations.applied_by: PostgreSQL only', // which replica applied a migration under the start-up lock
  'table inbox_leases: PostgreSQL only', // per-ticket leases between processes
  'table model_files: PostgreSQL only', // retrained models shared by replicas (SQLite: the file beside the database)
  'table sandbox_audits: SQLite only', // the sandbox runs on SQLite only
  'table sandbox_comments: SQLite only',
  'table sandbox_requesters: SQLite only',
  'table sandbox_tickets: SQLite only',
  'table scheduled_runs: PostgreSQL only', // jobs run once across replicas
];

describePostgres('SQLite and PostgreSQL schemas', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await sharedPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('share every common table column for column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-parity-'));
    const sqlite: Columns = new Map();
    try {
      openDatabase(`sqlite:${join(dir, 'p.db')}`).close();
      const db = new Database(join(dir, 'p.db'), { readonly: true });
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[]) {
        sqlite.set(
          name,
          new Map(
            (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string; notnull: number; pk: number }[]).map((c) => [
              c.name,
              !c.notnull && !c.pk,
            ]),
          ),
        );
      }
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const store = await openPostgresStore(await server.createDatabase());
    const pg: Columns = new Map();
    try {
      const rows = (
        await store.pool.query("SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'")
      ).rows;
      for (const r of rows) {
        if (!pg.has(r.table_name)) pg.set(r.table_name, new Map());
        pg.get(r.table_name)!.set(r.column_name, r.is_nullable === 'YES');
      }
    } finally {
      await store.close();
    }
    const diffs: string[] = [];
    for (const [table, cols] of sqlite) {
      const other = pg.get(table);
      if (!other) {
        diffs.push(`table ${table}: SQLite only`);
        continue;
      }
      for (const [c, nullable] of cols) {
        if (!other.has(c)) diffs.push(`${table}.${c}: SQLite only`);
        else if (other.get(c) !== nullable) diffs.push(`${table}.${c}: nullable ${nullable} on SQLite, ${other.get(c)} on PostgreSQL`);
      }
      for (const c of other.keys()) if (!cols.has(c)) diffs.push(`${table}.${c}: PostgreSQL only`);
    }
    for (const table of pg.keys()) if (!sqlite.has(table)) diffs.push(`table ${table}: PostgreSQL only`);
    expect(diffs.sort()).toEqual([...ONE_SIDED].sort());
  });
});
