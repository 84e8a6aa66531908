/** The dashboard facts on SQLite, as the Store's FactsStore. */
import type { Db } from './open-database';
import { factValues, toFactRow, upsertFactSql, type FactsStore } from './store-facts';

export function createSqliteFactsStore(db: Db): FactsStore {
  const upsert = db.prepare(upsertFactSql(() => '?'));
  const get = db.prepare('SELECT * FROM ticket_facts WHERE host = ? AND ticket_id = ?');
  const missing = db.prepare(`SELECT t.host, t.id FROM tickets t LEFT JOIN ticket_facts f ON f.host = t.host AND f.ticket_id = t.id
    WHERE f.ticket_id IS NULL ORDER BY t.host, t.id LIMIT ?`);
  return {
    upsert: async (f) => void upsert.run(...factValues(f)),
    async get(host, ticketId) {
      const r = get.get(host, ticketId) as Record<string, unknown> | undefined;
      return r ? toFactRow(r) : null;
    },
    missing: async (limit) => (missing.all(limit) as { host: string; id: string }[]).map((r) => ({ host: r.host, ticketId: r.id })),
  };
}
