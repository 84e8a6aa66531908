/**
 * The migrations as the hand-written DDL had them before both dialects were rendered from store/schema: frozen in
 * test/fixtures/store/migrations-before-one-source.json (exported from main at the commit it names). Databases made
 * with them stand for databases that users created with that code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { Db } from '../../../connector/src/store/open-database';

interface Frozen {
  commit: string;
  sqlite: { id: string; sql: string }[];
  postgres: { id: string; sql: string }[];
}

export const BEFORE: Frozen = JSON.parse(readFileSync(join(__dirname, '../../fixtures/store/migrations-before-one-source.json'), 'utf8'));

type Row = Record<string, unknown>;
const ws = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : s);

/**
 * A SQLite schema as comparable rows: every object in sqlite_master (its SQL with runs of white space made one
 * space: the text is otherwise kept verbatim), and each table's columns, indexes and foreign keys as PRAGMAs see them.
 */
export function sqliteSchema(db: Db): Row[] {
  const objects = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name")
    .all() as Row[];
  const rows: Row[] = objects.map((o) => ({ ...o, sql: ws(o.sql) }));
  for (const o of objects.filter((x) => x.type === 'table' && !String(x.name).startsWith('sqlite_'))) {
    const t = String(o.name);
    rows.push({ table: t, columns: db.prepare(`PRAGMA table_xinfo(${t})`).all() });
    rows.push({ table: t, indexes: db.prepare(`PRAGMA index_list(${t})`).all() });
    rows.push({ table: t, foreignKeys: db.prepare(`PRAGMA foreign_key_list(${t})`).all() });
  }
  return rows;
}

/** A PostgreSQL schema (public) as comparable rows: columns, constraints, indexes, triggers, functions, sequences. */
export async function postgresSchema(pool: Pool): Promise<Row[]> {
  const q = async (sql: string) => (await pool.query(sql)).rows as Row[];
  return [
    ...(await q(`SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`)),
    ...(await q(`SELECT conrelid::regclass::text AS tbl, conname, contype, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`)),
    ...(await q("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2")),
    ...(await q('SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1')),
    ...(await q(`SELECT proname, pg_get_functiondef(p.oid) AS def FROM pg_proc p
      WHERE pronamespace = 'public'::regnamespace ORDER BY 1`)),
    ...(await q("SELECT sequence_name, data_type FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1")),
  ];
}
