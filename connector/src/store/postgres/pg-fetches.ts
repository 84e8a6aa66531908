/** Fetches of tickets the connector never saw created, on PostgreSQL (same rows as SQLite's fetches-repo). */
import type { FetchesStore } from '../store';
import type { Sql } from './sql';

export function pgFetches(sql: Sql): FetchesStore {
  return {
    async request(host, ticketId, at) {
      await sql.query(
        'INSERT INTO ticket_fetches (host, ticket_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (host, ticket_id) DO NOTHING',
        [host, ticketId, at],
      );
    },
    async refresh(host, ticketId, at) {
      await sql.query(
        `INSERT INTO ticket_fetches (host, ticket_id, created_at, purpose) VALUES ($1, $2, $3, 'refresh')
        ON CONFLICT (host, ticket_id) DO UPDATE SET
          purpose = CASE WHEN ticket_fetches.state = 'pending' THEN ticket_fetches.purpose ELSE 'refresh' END,
          attempts = CASE WHEN ticket_fetches.state = 'pending' THEN ticket_fetches.attempts ELSE 0 END,
          next_attempt_at = CASE WHEN ticket_fetches.state = 'pending' THEN ticket_fetches.next_attempt_at ELSE 0 END,
          state = 'pending', created_at = excluded.created_at`,
        [host, ticketId, at],
      );
    },
    async due(now, limit = 50, host) {
      return (
        await sql.query(
          `SELECT host, ticket_id, attempts, purpose FROM ticket_fetches WHERE state = 'pending' AND next_attempt_at <= $1
        AND ($3::text IS NULL OR host = $3) ORDER BY created_at LIMIT $2`,
          [now, limit, host ?? null],
        )
      ).rows.map((r) => ({
        host: String(r.host),
        ticketId: String(r.ticket_id),
        attempts: Number(r.attempts),
        purpose: r.purpose as 'bootstrap' | 'refresh',
      }));
    },
    async startAttempt(host, ticketId) {
      await sql.query('UPDATE ticket_fetches SET attempts = attempts + 1 WHERE host = $1 AND ticket_id = $2', [host, ticketId]);
    },
    async claimAttempt(host, ticketId, now, until) {
      return (
        (
          await sql.query(
            `UPDATE ticket_fetches SET attempts = attempts + 1, next_attempt_at = $4
        WHERE host = $1 AND ticket_id = $2 AND state = 'pending' AND next_attempt_at <= $3`,
            [host, ticketId, now, Math.round(until)],
          )
        ).rowCount === 1
      );
    },
    async done(host, ticketId) {
      await sql.query(`UPDATE ticket_fetches SET state = 'done', last_error_code = NULL WHERE host = $1 AND ticket_id = $2`, [
        host,
        ticketId,
      ]);
    },
    async park(host, ticketId, code) {
      await sql.query(`UPDATE ticket_fetches SET state = 'parked', last_error_code = $3 WHERE host = $1 AND ticket_id = $2`, [
        host,
        ticketId,
        code,
      ]);
    },
    async reschedule(host, ticketId, at, code) {
      await sql.query('UPDATE ticket_fetches SET next_attempt_at = $3, last_error_code = $4 WHERE host = $1 AND ticket_id = $2', [
        host,
        ticketId,
        Math.round(at),
        code,
      ]);
    },
    async pendingHosts() {
      return (await sql.query(`SELECT DISTINCT host FROM ticket_fetches WHERE state = 'pending'`)).rows.map((r) => String(r.host));
    },
    async pendingCount() {
      return Number((await sql.query(`SELECT COUNT(*) AS n FROM ticket_fetches WHERE state = 'pending'`)).rows[0].n);
    },
  };
}
