/**
 * What reconciliation needs from the store: its cursor per host, and when the connector last heard of a ticket
 * (the newest host event time in the inbox, or our own last write to it: both mean "this change was seen").
 */
import type { Db } from './open-database';

export function createReconcileRepo(db: Db) {
  const get = db.prepare(`SELECT cursor FROM reconcile_cursors WHERE host = ?`);
  const set = db.prepare(`INSERT INTO reconcile_cursors (host, cursor, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (host) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`);
  const lastEvent = db.prepare(`SELECT MAX(occurred_at) AS at FROM inbox WHERE host = ? AND ticket_id = ?`);
  const lastWrite = db.prepare(`SELECT MAX(done_at) AS at FROM outbox WHERE host = ? AND ticket_id = ? AND state = 'done'`);
  return {
    cursor(host: string): string | null {
      return (get.get(host) as { cursor: string } | undefined)?.cursor ?? null;
    },
    setCursor(host: string, cursor: string, at: string): void {
      set.run(host, cursor, at);
    },
    /** Epoch ms of the newest change the connector saw or made on this ticket; null when it never heard of it. */
    lastSeen(host: string, ticketId: string): number | null {
      const times = [
        (lastEvent.get(host, ticketId) as { at: string | null }).at,
        (lastWrite.get(host, ticketId) as { at: string | null }).at,
      ]
        .map((t) => (t ? Date.parse(t) : NaN))
        .filter(Number.isFinite);
      return times.length ? Math.max(...times) : null;
    },
  };
}

export type ReconcileRepo = ReturnType<typeof createReconcileRepo>;
