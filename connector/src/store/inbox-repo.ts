/** The durable inbox: every event (webhook, sandbox, timer, agent action) lands here before processing. */
import type { Db } from './open-database';

export interface InboxInsert {
  host: string;
  eventId: string;
  ticketId: string;
  kind: string;
  occurredAt: string;
  receivedAt: string;
  payload: unknown;
}

export interface InboxRow extends InboxInsert {
  id: number;
  attempts: number;
}

type Row = Record<string, unknown>;
/** An inbox row as SQLite and PostgreSQL return it (BIGINTs may come as strings), with the JSON payload parsed. */
export const toInboxRow = (r: Row): InboxRow => ({
  id: Number(r.id),
  host: String(r.host),
  eventId: String(r.event_id),
  ticketId: String(r.ticket_id),
  kind: String(r.kind),
  occurredAt: String(r.occurred_at),
  receivedAt: String(r.received_at),
  payload: JSON.parse(String(r.payload)),
  attempts: Number(r.attempts),
});
/** The same row with its processing state (the stores' `ofTicket` and lease reads). */
export const toInboxRowWithState = (r: Row): InboxRow & { state: string } => ({ ...toInboxRow(r), state: String(r.state) });

export function createInboxRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO inbox (host, event_id, ticket_id, kind, occurred_at, received_at, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host, event_id) DO NOTHING`);
  const pending = db.prepare(`SELECT * FROM inbox WHERE state = 'pending' ORDER BY id LIMIT ?`);
  const markDone = db.prepare(
    `UPDATE inbox SET state = 'done', policy_version = ?, processed_at = ?, attempts = attempts + 1 WHERE id = ?`,
  );
  const markAttempt = db.prepare(`UPDATE inbox SET attempts = attempts + 1, error = ?, state = ? WHERE id = ?`);
  const depth = db.prepare(`SELECT COUNT(*) AS n FROM inbox WHERE state = 'pending'`);
  return {
    /** Returns true when the row was new (false for a duplicate (host, event_id)). */
    insert(e: InboxInsert): boolean {
      return insert.run(e.host, e.eventId, e.ticketId, e.kind, e.occurredAt, e.receivedAt, JSON.stringify(e.payload)).changes === 1;
    },
    pending(limit = 200): InboxRow[] {
      return (pending.all(limit) as Row[]).map(toInboxRow);
    },
    markDone(id: number, policyVersion: string, at: string): void {
      markDone.run(policyVersion, at, id);
    },
    /** Records a failed attempt; after `maxAttempts` the row is marked failed (kept, never deleted). */
    markFailed(id: number, error: string, attempts: number, maxAttempts: number): void {
      markAttempt.run(error, attempts + 1 >= maxAttempts ? 'failed' : 'pending', id);
    },
    depth(): number {
      return (depth.get() as { n: number }).n;
    },
  };
}

export type InboxRepo = ReturnType<typeof createInboxRepo>;
