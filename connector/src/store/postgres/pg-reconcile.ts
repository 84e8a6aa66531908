/**
 * Reconciliation's reads and cursor on PostgreSQL. `lastSeen` uses inbox and outbox; `cursor`/`setCursor` use
 * the `reconcile_cursors` table (migration pg-011).
 */
import type { ReconcileStore } from '../store';
import type { Sql } from './sql';

export function pgReconcile(sql: Sql): ReconcileStore {
  return {
    async cursor(host) {
      const r = (await sql.query('SELECT cursor FROM reconcile_cursors WHERE host = $1', [host])).rows[0];
      return r ? String(r.cursor) : null;
    },
    async setCursor(host, cursor, at) {
      await sql.query(
        `INSERT INTO reconcile_cursors (host, cursor, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (host) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
        [host, cursor, at],
      );
    },
    async lastSeen(host, ticketId) {
      const r = (
        await sql.query(
          `SELECT (SELECT MAX(occurred_at) FROM inbox WHERE host = $1 AND ticket_id = $2) AS event,
          (SELECT MAX(done_at) FROM outbox WHERE host = $1 AND ticket_id = $2 AND state = 'done') AS write`,
          [host, ticketId],
        )
      ).rows[0];
      const times = [r.event, r.write].map((t) => (t ? Date.parse(String(t)) : NaN)).filter(Number.isFinite);
      return times.length ? Math.max(...times) : null;
    },
  };
}
