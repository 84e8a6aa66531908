/** Short builders for column specs: `req` is NOT NULL, `opt` nullable. */
import type { ColumnSpec, ColumnType } from './table-spec';

export const req = (name: string, type: ColumnType = 'text', more: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type,
  notNull: true,
  ...more,
});
export const opt = (name: string, type: ColumnType = 'text', more: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, type, ...more });
export const serialId: ColumnSpec = { name: 'id', type: 'serial' };
/** A JSON text column with a default document. */
export const json = (name: string, empty: '[]' | '{}'): ColumnSpec => req(name, 'text', { default: `'${empty}'` });
export const oneOf = (column: string, values: string[]): string => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
