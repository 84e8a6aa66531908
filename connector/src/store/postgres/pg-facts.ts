/** The dashboard facts and reconciliation cursors on PostgreSQL (same rows as SQLite's; migration pg-011). */
import { factValues, toFactRow, upsertFactSql, type FactsStore, type ReconcileStore } from '../store-facts';
import type { Sql } from './sql';

const UPSERT = upsertFactSql((i) => `$${i}`);

export function pgFacts(sql: Sql): FactsStore {
  return {
    async upsert(f) {
      await sql.query(UPSERT, factValues(f));
    },
    async get(host, ticketId) {
      const r = (await sql.query('SELECT * FROM ticket_facts WHERE host = $1 AND ticket_id = $2', [host, ticketId])).rows[0];
      return r ? toFactRow(r) : null;
    },
    async missing(limit) {
      return (await sql.query(`SELECT t.host, t.id FROM tickets t LEFT JOIN ticket_facts f ON f.host = t.host AND f.ticket_id = t.id
        WHERE f.ticket_id IS NULL ORDER BY t.host, t.id LIMIT $1`, [limit])).rows.map((r) => ({ host: String(r.host), ticketId: String(r.id) }));
    },
  };
}

export function pgReconcile(sql: Sql): ReconcileStore {
  return {
    async cursor(host) {
      const r = (await sql.query('SELECT cursor FROM reconcile_cursors WHERE host = $1', [host])).rows[0];
      return r ? String(r.cursor) : null;
    },
    async setCursor(host, cursor, at) {
      await sql.query(`INSERT INTO reconcile_cursors (host, cursor, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (host) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`, [host, cursor, at]);
    },
    // As on SQLite (reconcile-repo.ts): the newest of each column as stored, the later of the two as instants.
    async lastSeen(host, ticketId) {
      const r = (await sql.query(`SELECT (SELECT MAX(occurred_at) FROM inbox WHERE host = $1 AND ticket_id = $2) AS seen,
          (SELECT MAX(done_at) FROM outbox WHERE host = $1 AND ticket_id = $2 AND state = 'done') AS wrote`, [host, ticketId])).rows[0];
      const times = [r.seen, r.wrote].map((t) => (t == null ? NaN : Date.parse(String(t)))).filter(Number.isFinite);
      return times.length ? Math.max(...times) : null;
    },
  };
}
