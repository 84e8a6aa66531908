/** What the PostgreSQL repos query through: the pool (autocommit) or one client inside a transaction. */
import type { QueryResult } from 'pg';

export interface Sql {
  query(text: string, values?: unknown[]): Promise<QueryResult<Record<string, unknown>>>;
  /** Runs `fn` in a transaction: this one when already inside one, else a new one. */
  atomic<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}
