/** What the PostgreSQL repos query through: the pool (autocommit) or one client inside a transaction. */
import type { QueryResult } from 'pg';

export interface Sql {
  query(text: string, values?: unknown[]): Promise<QueryResult<Record<string, unknown>>>;
  /** Runs `fn` in a transaction: this one when already inside one, else a new one. */
  atomic<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction only (write-behind.ts): a write to `table` whose answer nobody needs, sent with the
   * transaction's next statement instead of on its own round trip.
   */
  later?(table: string, text: string, values: unknown[]): Promise<void>;
}

/** A write whose answer is not needed: behind the transaction's next statement when there is one, else now. */
export async function write(sql: Sql, table: string, text: string, values: unknown[]): Promise<void> {
  if (sql.later) await sql.later(table, text, values);
  else await sql.query(text, values);
}
