/** The dashboard facts and reconciliation cursors on SQLite, as the Store's FactsStore and ReconcileStore. */
import type { Db } from './open-database';
import { createReconcileRepo } from './reconcile-repo';
import { factValues, toFactRow, upsertFactSql, type FactsStore, type ReconcileStore } from './store-facts';

export function createFactsRepo(db: Db): FactsStore {
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

export function createReconcileStore(db: Db): ReconcileStore {
  const repo = createReconcileRepo(db);
  return {
    cursor: async (host) => repo.cursor(host),
    setCursor: async (host, cursor, at) => repo.setCursor(host, cursor, at),
    lastSeen: async (host, ticketId) => repo.lastSeen(host, ticketId),
  };
}
