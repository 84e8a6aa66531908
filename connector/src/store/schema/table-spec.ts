/**
 * A dialect-neutral description of a table (columns, keys, indexes): the one source from which both the SQLite
 * migrations (../migrations) and the PostgreSQL migrations (../postgres/migrations*.ts) render their DDL
 * (render-ddl.ts). Triggers and functions are not described here: they stay per dialect (see docs/architecture.md).
 */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Neutral column types: `int` is INTEGER on both; `bigint` (milliseconds, ids) is INTEGER on SQLite (64-bit
 * already) and BIGINT on PostgreSQL; `serial` is the auto-increment primary key; `real` a double.
 */
export type ColumnType = 'text' | 'int' | 'bigint' | 'serial' | 'real';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  notNull?: boolean;
  /** A single-column primary key (a `serial` column is always one). */
  primaryKey?: boolean;
  /** An SQL literal, e.g. `'pending'` or `0`. */
  default?: string;
  /** The CHECK expression, without `CHECK (...)`. */
  check?: string;
  /** `table (column)`. */
  references?: string;
  /** Present in this dialect only. */
  only?: Dialect;
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique?: boolean;
  /** A partial index's condition. */
  where?: string;
  /** Covered columns: INCLUDE on PostgreSQL; SQLite has no INCLUDE, so they follow the key there. */
  include?: string[];
  /** Present in this dialect only (each dialect's own query plan). */
  only?: Dialect;
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  /** Table constraints, in order: a composite primary key, unique column sets. */
  primaryKey?: string[];
  unique?: string[][];
  indexes?: IndexSpec[];
  /** SQLite: store the rows in the primary key's B-tree. */
  withoutRowid?: boolean;
}

/** The primary key's columns: the composite key, or the column marked (or typed `serial`) as the key. */
export function primaryKeyOf(table: TableSpec): string[] {
  if (table.primaryKey) return table.primaryKey;
  const c = table.columns.find((col) => col.primaryKey || col.type === 'serial');
  if (!c) throw new Error(`table ${table.name} has no primary key`);
  return [c.name];
}
