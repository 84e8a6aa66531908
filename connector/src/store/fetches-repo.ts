/**
 * Tickets the connector heard about (a comment, a status change…) but never saw created — e.g. opened
 * before Complaint Desk was installed. Each is fetched once from the host and fed in as `ticket.created`.
 */
import type { Db } from './open-database';

export interface FetchRow {
  host: string;
  ticketId: string;
  attempts: number;
  /** bootstrap: never seen created → fed in as ticket.created; refresh: known ticket → fed in as ticket.updated. */
  purpose: 'bootstrap' | 'refresh';
}

export function createFetchesRepo(db: Db) {
  const request = db.prepare(
    `INSERT INTO ticket_fetches (host, ticket_id, created_at) VALUES (?, ?, ?) ON CONFLICT (host, ticket_id) DO NOTHING`,
  );
  // A refresh of a known ticket re-arms its row (a pending bootstrap stays a bootstrap: it reads everything anyway).
  const refresh = db.prepare(`INSERT INTO ticket_fetches (host, ticket_id, created_at, purpose) VALUES (?, ?, ?, 'refresh')
    ON CONFLICT (host, ticket_id) DO UPDATE SET purpose = CASE WHEN state = 'pending' THEN purpose ELSE 'refresh' END,
      state = 'pending', attempts = CASE WHEN state = 'pending' THEN attempts ELSE 0 END, next_attempt_at = CASE WHEN state = 'pending' THEN next_attempt_at ELSE 0 END,
      created_at = excluded.created_at`);
  const due = db.prepare(
    `SELECT host, ticket_id, attempts, purpose FROM ticket_fetches WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at LIMIT ?`,
  );
  const dueFor = db.prepare(
    `SELECT host, ticket_id, attempts, purpose FROM ticket_fetches WHERE state = 'pending' AND host = ? AND next_attempt_at <= ? ORDER BY created_at LIMIT ?`,
  );
  const pendingHosts = db.prepare(`SELECT DISTINCT host FROM ticket_fetches WHERE state = 'pending'`);
  const start = db.prepare(`UPDATE ticket_fetches SET attempts = attempts + 1 WHERE host = ? AND ticket_id = ?`);
  const finish = db.prepare(`UPDATE ticket_fetches SET state = ?, last_error_code = ? WHERE host = ? AND ticket_id = ?`);
  const retry = db.prepare(`UPDATE ticket_fetches SET next_attempt_at = ?, last_error_code = ? WHERE host = ? AND ticket_id = ?`);
  return {
    request(host: string, ticketId: string, at: string): void {
      request.run(host, ticketId, at);
    },
    refresh(host: string, ticketId: string, at: string): void {
      refresh.run(host, ticketId, at);
    },
    due(now: number, limit = 50): FetchRow[] {
      return (due.all(now, limit) as { host: string; ticket_id: string; attempts: number; purpose: FetchRow['purpose'] }[]).map((r) => ({
        host: r.host,
        ticketId: r.ticket_id,
        attempts: r.attempts,
        purpose: r.purpose,
      }));
    },
    /** Due fetches of one host (its lane's work). */
    dueFor(host: string, now: number, limit: number): FetchRow[] {
      return (dueFor.all(host, now, limit) as { host: string; ticket_id: string; attempts: number; purpose: FetchRow['purpose'] }[]).map(
        (r) => ({ host: r.host, ticketId: r.ticket_id, attempts: r.attempts, purpose: r.purpose }),
      );
    },
    pendingHosts(): string[] {
      return (pendingHosts.all() as { host: string }[]).map((r) => r.host);
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
