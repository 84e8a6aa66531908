/** The dashboard facts on PostgreSQL (same rows as SQLite's; migration pg-011, which also adds reconcile_cursors). */
import { factValues, toFactRow, upsertFactSql, type FactsStore } from '../store-facts';
import { write, type Sql } from './sql';

const UPSERT = upsertFactSql((i) => `$${i}`);

export function pgFacts(sql: Sql): FactsStore {
  return {
    async upsert(f) {
      await write(sql, 'ticket_facts', UPSERT, factValues(f));
    },
    async get(host, ticketId) {
      const r = (await sql.query('SELECT * FROM ticket_facts WHERE host = $1 AND ticket_id = $2', [host, ticketId])).rows[0];
      return r ? toFactRow(r) : null;
    },
    async missing(limit) {
      return (
        await sql.query(
          `SELECT t.host, t.id FROM tickets t LEFT JOIN ticket_facts f ON f.host = t.host AND f.ticket_id = t.id
        WHERE f.ticket_id IS NULL ORDER BY t.host, t.id LIMIT $1`,
          [limit],
        )
      ).rows.map((r) => ({ host: String(r.host), ticketId: String(r.id) }));
    },
  };
}
