/** Durable timers (SLA warning/breach, follow-up): fired by inserting `timer.fired` events into the inbox. */
import type { TimerKind, TimerPlan } from '../decide/decision';
import type { Db } from './open-database';

export interface TimerRow extends TimerPlan {
  id: number;
  host: string;
  ticketId: string;
}

type Row = Record<string, unknown>;
/** A timer row as SQLite and PostgreSQL return it (BIGINTs may come as strings), with its JSON data parsed. */
export const toTimerRow = (r: Row): TimerRow => ({
  id: Number(r.id),
  host: String(r.host),
  ticketId: String(r.ticket_id),
  kind: r.kind as TimerKind,
  dueAt: Number(r.due_at),
  data: JSON.parse(String(r.data)),
});

export function createTimersRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO timers (host, ticket_id, kind, due_at, data, created_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (host, ticket_id, kind, due_at) DO UPDATE SET cancelled_at = NULL WHERE fired_at IS NULL`);
  const cancelKinds = db.prepare(`UPDATE timers SET cancelled_at = ? WHERE host = ? AND ticket_id = ? AND kind = ?
    AND fired_at IS NULL AND cancelled_at IS NULL`);
  const due = db.prepare(
    `SELECT * FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
  );
  const fire = db.prepare(`UPDATE timers SET fired_at = ? WHERE id = ? AND fired_at IS NULL`);
  const active = db.prepare(
    `SELECT * FROM timers WHERE host = ? AND ticket_id = ? AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at`,
  );
  const nextDue = db.prepare(`SELECT MIN(due_at) AS t FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL`);
  const countDue = db.prepare(`SELECT COUNT(*) AS n FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ?`);
  return {
    /** Cancels this ticket's unfired timers of these kinds, then schedules `plans` (idempotent by (kind, dueAt)). */
    replace(host: string, ticketId: string, kinds: TimerKind[], plans: TimerPlan[], at: string): void {
      for (const k of kinds) cancelKinds.run(at, host, ticketId, k);
      for (const p of plans) insert.run(host, ticketId, p.kind, Math.round(p.dueAt), JSON.stringify(p.data ?? {}), at);
    },
    cancel(host: string, ticketId: string, kind: TimerKind, at: string): void {
      cancelKinds.run(at, host, ticketId, kind);
    },
    due(now: number, limit = 500): TimerRow[] {
      return (due.all(now, limit) as Row[]).map(toTimerRow);
    },
    markFired(id: number, at: string): boolean {
      return fire.run(at, id).changes === 1;
    },
    active(host: string, ticketId: string): TimerRow[] {
      return (active.all(host, ticketId) as Row[]).map(toTimerRow);
    },
    nextDueAt(): number | null {
      const t = (nextDue.get() as { t: number | null }).t;
      return t == null ? null : Number(t);
    },
    countDue(now: number): number {
      return (countDue.get(now) as { n: number }).n;
    },
  };
}

export type TimersRepo = ReturnType<typeof createTimersRepo>;
