/**
 * Tickets the connector created itself (follow-up tasks, batch problem tickets): found in the outbox by the
 * id the host gave them, so the sidebar can say what they are instead of "not known".
 */
import type Database from 'better-sqlite3';

export interface CreatedTicket {
  /** The complaint the created ticket is about (the outbox row's ticket). */
  aboutTicketId: string;
  /** `follow_up`, `problem`, … (NewTicket.kind). */
  kind: string;
}

export function findCreatedTicket(db: Database.Database, host: string, id: string): CreatedTicket | null {
  const row = db
    .prepare(
      `SELECT ticket_id, payload FROM outbox WHERE host = ? AND op = 'create_ticket' AND state = 'done' AND json_extract(result, '$.id') = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(host, id) as { ticket_id: string; payload: string } | undefined;
  if (!row) return null;
  let kind = 'task';
  try {
    kind = String((JSON.parse(row.payload) as { ticket?: { kind?: string } }).ticket?.kind ?? 'task');
  } catch {
    /* unreadable payload: a task */
  }
  return { aboutTicketId: row.ticket_id, kind };
}
