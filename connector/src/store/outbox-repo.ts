/** The durable outbox: host calls decided by processing, dispatched (and retried) after commit. */
import type { NewTicket, TicketChange } from '../hosts/host-client';
import type { Db } from './open-database';

export type OutboxPayload =
  { op: 'apply_change'; change: TicketChange; clusterId?: number } | { op: 'create_ticket'; ticket: NewTicket; clusterId?: number };

export interface OutboxRow {
  id: number;
  host: string;
  ticketId: string;
  payload: OutboxPayload;
  attempts: number;
  nextAttemptAt: number;
}

type Row = Record<string, unknown>;
/** An outbox row as SQLite and PostgreSQL return it (BIGINTs may come as strings), with the JSON payload parsed. */
export const toOutboxRow = (r: Row): OutboxRow => ({
  id: Number(r.id),
  host: String(r.host),
  ticketId: String(r.ticket_id),
  payload: JSON.parse(String(r.payload)),
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
});

export function createOutboxRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO outbox (host, ticket_id, op, payload, created_at, inbox_id) VALUES (?, ?, ?, ?, ?, ?)`);
  /** The oldest pending row of each ticket (rows of one ticket go out strictly in order). */
  const heads = db.prepare(`SELECT o.* FROM outbox o WHERE o.state = 'pending' AND o.id = (
    SELECT MIN(p.id) FROM outbox p WHERE p.state = 'pending' AND p.host = o.host AND p.ticket_id = o.ticket_id) ORDER BY o.id LIMIT ?`);
  /** The due head of each ticket of one host (a host's lane never sees another host's rows, nor rows waiting for a retry time). */
  const dueHeads = db.prepare(`SELECT o.* FROM outbox o WHERE o.state = 'pending' AND o.host = ? AND o.next_attempt_at <= ? AND o.id = (
    SELECT MIN(p.id) FROM outbox p WHERE p.state = 'pending' AND p.host = o.host AND p.ticket_id = o.ticket_id) ORDER BY o.id LIMIT ?`);
  const pendingHosts = db.prepare(`SELECT DISTINCT host FROM outbox WHERE state = 'pending'`);
  const start = db.prepare(`UPDATE outbox SET attempts = attempts + 1 WHERE id = ?`);
  const done = db.prepare(`UPDATE outbox SET state = 'done', done_at = ?, result = ? WHERE id = ?`);
  const retry = db.prepare(`UPDATE outbox SET next_attempt_at = ?, last_error_code = ?, last_error = ? WHERE id = ?`);
  const park = db.prepare(`UPDATE outbox SET state = 'parked', last_error_code = ?, last_error = ? WHERE id = ?`);
  const parked = db.prepare(
    `SELECT id, host, ticket_id, op, last_error_code, attempts FROM outbox WHERE state = 'parked' ORDER BY id DESC LIMIT ?`,
  );
  const counts = db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`);
  const clusterCreate = db.prepare(
    `SELECT state FROM outbox WHERE op = 'create_ticket' AND json_extract(payload, '$.clusterId') = ? ORDER BY id DESC LIMIT 1`,
  );
  return {
    add(host: string, ticketId: string, payload: OutboxPayload, at: string, inboxId: number | null): number {
      return Number(insert.run(host, ticketId, payload.op, JSON.stringify(payload), at, inboxId).lastInsertRowid);
    },
    heads(limit = 100): OutboxRow[] {
      return (heads.all(limit) as Row[]).map(toOutboxRow);
    },
    dueHeads(host: string, now: number, limit: number): OutboxRow[] {
      return (dueHeads.all(host, now, limit) as Row[]).map(toOutboxRow);
    },
    pendingHosts(): string[] {
      return (pendingHosts.all() as { host: string }[]).map((r) => r.host);
    },
    /** Counts the attempt durably BEFORE the host call, so a crash mid-call is retried as a retry. */
    startAttempt(id: number): void {
      start.run(id);
    },
    parked(limit = 100) {
      return parked.all(limit) as { id: number; host: string; ticket_id: string; op: string; last_error_code: string; attempts: number }[];
    },
    markDone(id: number, at: string, result: unknown = null): void {
      done.run(at, result == null ? null : JSON.stringify(result), id);
    },
    reschedule(id: number, nextAttemptAt: number, code: string, message: string): void {
      retry.run(nextAttemptAt, code, message.slice(0, 500), id);
    },
    park(id: number, code: string, message: string): void {
      park.run(code, message.slice(0, 500), id);
    },
    /** State of the row creating this cluster's problem ticket (null if none). */
    clusterCreateState(clusterId: number): string | null {
      return (clusterCreate.get(clusterId) as { state: string } | undefined)?.state ?? null;
    },
    counts(): Record<'pending' | 'done' | 'parked', number> {
      const out = { pending: 0, done: 0, parked: 0 };
      for (const r of counts.all() as { state: keyof typeof out; n: number }[]) out[r.state] = r.n;
      return out;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
