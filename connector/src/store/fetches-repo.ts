/**
 * Tickets the connector heard about (a comment, a status change…) but never saw created — e.g. opened
 * before Complaint Desk was installed. Each is fetched once from the host and fed in as `ticket.created`.
 */
import type { Db } from './open-database';

export interface FetchRow {
  host: string;
  ticketId: string;
  attempts: number;
}

export function createFetchesRepo(db: Db) {
  const request = db.prepare(`INSERT INTO ticket_fetches (host, ticket_id, created_at) VALUES (?, ?, ?) ON CONFLICT (host, ticket_id) DO NOTHING`);
  const due = db.prepare(`SELECT host, ticket_id, attempts FROM ticket_fetches WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at LIMIT ?`);
  const start = db.prepare(`UPDATE ticket_fetches SET attempts = attempts + 1 WHERE host = ? AND ticket_id = ?`);
  const finish = db.prepare(`UPDATE ticket_fetches SET state = ?, last_error_code = ? WHERE host = ? AND ticket_id = ?`);
  const retry = db.prepare(`UPDATE ticket_fetches SET next_attempt_at = ?, last_error_code = ? WHERE host = ? AND ticket_id = ?`);
  return {
    request(host: string, ticketId: string, at: string): void {
      request.run(host, ticketId, at);
    },
    due(now: number, limit = 50): FetchRow[] {
      return (due.all(now, limit) as { host: string; ticket_id: string; attempts: number }[]).map((r) => ({ host: r.host, ticketId: r.ticket_id, attempts: r.attempts }));
    },
    startAttempt(host: string, ticketId: string): void {
      start.run(host, ticketId);
    },
    done(host: string, ticketId: string): void {
      finish.run('done', null, host, ticketId);
    },
    park(host: string, ticketId: string, code: string): void {
      finish.run('parked', code, host, ticketId);
    },
    reschedule(host: string, ticketId: string, at: number, code: string): void {
      retry.run(at, code, host, ticketId);
    },
  };
}

export type FetchesRepo = ReturnType<typeof createFetchesRepo>;
