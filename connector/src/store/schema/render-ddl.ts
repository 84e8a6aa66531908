/**
 * Renders a TableSpec (table-spec.ts) as one dialect's DDL. The output keeps the text the hand-written migrations
 * had, so a database created before or after the change has the same schema (test/integration/store/one-source-schema).
 */
import type { ColumnSpec, ColumnType, Dialect, IndexSpec, TableSpec } from './table-spec';

const TYPES: Record<Dialect, Record<ColumnType, string>> = {
  sqlite: { text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', real: 'REAL' },
  postgres: { text: 'TEXT', int: 'INTEGER', bigint: 'BIGINT', serial: 'BIGSERIAL PRIMARY KEY', real: 'DOUBLE PRECISION' },
};

/** Which columns or indexes a migration takes: all of the dialect's, all but some (added later), or just some. */
export interface Pick {
  except?: string[];
  only?: string[];
}

const inDialect = (d: Dialect) => (x: { only?: Dialect }) => !x.only || x.only === d;
const picked = (pick: Pick) => (x: { name: string }) => !pick.except?.includes(x.name) && (!pick.only || pick.only.includes(x.name));

function findColumn(table: TableSpec, name: string): ColumnSpec {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`table ${table.name} has no column ${name}`);
  return c;
}

export function columnDdl(d: Dialect, c: ColumnSpec): string {
  return [
    c.name,
    TYPES[d][c.type],
    c.primaryKey && c.type !== 'serial' ? 'PRIMARY KEY' : '',
    c.notNull ? 'NOT NULL' : '',
    c.default !== undefined ? `DEFAULT ${c.default}` : '',
    c.check ? `CHECK (${c.check})` : '',
    c.references ? `REFERENCES ${c.references}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** CREATE TABLE with the dialect's columns (minus those a later migration adds: `pick.except`). */
export function createTable(d: Dialect, table: TableSpec, pick: Pick = {}): string {
  const defs = table.columns
    .filter(inDialect(d))
    .filter(picked(pick))
    .map((c) => columnDdl(d, c));
  if (table.primaryKey) defs.push(`PRIMARY KEY (${table.primaryKey.join(', ')})`);
  for (const u of table.unique ?? []) defs.push(`UNIQUE (${u.join(', ')})`);
  const tail = d === 'sqlite' && table.withoutRowid ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${table.name} (\n  ${defs.join(',\n  ')}\n)${tail};`;
}

export function indexDdl(d: Dialect, table: TableSpec, ix: IndexSpec): string {
  const key = d === 'sqlite' ? [...ix.columns, ...(ix.include ?? [])] : ix.columns;
  const include = d === 'postgres' && ix.include ? ` INCLUDE (${ix.include.join(', ')})` : '';
  const where = ix.where ? ` WHERE ${ix.where}` : '';
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name} ON ${table.name} (${key.join(', ')})${include}${where};`;
}

/** The dialect's indexes of the table (or the picked ones), in the order the spec lists them. */
export function createIndexes(d: Dialect, table: TableSpec, pick: Pick = {}): string[] {
  return (table.indexes ?? [])
    .filter(inDialect(d))
    .filter(picked(pick))
    .map((ix) => indexDdl(d, table, ix));
}

/** The table and its indexes, as one migration creates them. */
export function createTableWithIndexes(d: Dialect, table: TableSpec, columns: Pick = {}, indexes: Pick = {}): string {
  return [createTable(d, table, columns), ...createIndexes(d, table, indexes)].join('\n');
}

export function addColumn(d: Dialect, table: TableSpec, column: string): string {
  return `ALTER TABLE ${table.name} ADD COLUMN ${columnDdl(d, findColumn(table, column))};`;
}
