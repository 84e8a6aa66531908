/** Reads and writes the `tickets` projection. */
import type { Db } from './open-database';
import type { TicketProjection } from '../decide/ticket-projection';
import { recentFromRow, ticketFromRow, ticketToRow, type Row } from './ticket-row';

export function createTicketsRepo(db: Db) {
  const get = db.prepare('SELECT * FROM tickets WHERE host = ? AND id = ?');
  const upsert = db.prepare(`INSERT INTO tickets (host, id, requester_id, subject, created_at, channel, status, status_history,
    first_agent_reply_at, category, severity, signals, classification, correction, tier, escalation_history, remedy, fields, tags,
    batch, snapshot, problem_id, policy_version, updated_at, dispatch_group)
    VALUES (@host, @id, @requester_id, @subject, @created_at, @channel, @status, @status_history, @first_agent_reply_at, @category,
    @severity, @signals, @classification, @correction, @tier, @escalation_history, @remedy, @fields, @tags, @batch, @snapshot,
    @problem_id, @policy_version, @updated_at, @dispatch_group)
    ON CONFLICT (host, id) DO UPDATE SET requester_id = excluded.requester_id, subject = excluded.subject, channel = excluded.channel,
    status = excluded.status, status_history = excluded.status_history, first_agent_reply_at = excluded.first_agent_reply_at,
    category = excluded.category, severity = excluded.severity, signals = excluded.signals, classification = excluded.classification,
    correction = excluded.correction, tier = excluded.tier, escalation_history = excluded.escalation_history, remedy = excluded.remedy,
    fields = excluded.fields, tags = excluded.tags, batch = excluded.batch, snapshot = excluded.snapshot, problem_id = excluded.problem_id,
    policy_version = excluded.policy_version, updated_at = excluded.updated_at, dispatch_group = excluded.dispatch_group`);
  const byRequester = db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE host = ? AND requester_id = ? AND created_at >= ?`);
  const recentByRequester = db.prepare(`SELECT host, id, subject, created_at, category, severity FROM tickets
    WHERE host = ? AND requester_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?`);
  const byBatch = db.prepare(`SELECT id FROM tickets WHERE host = ? AND batch = ? AND created_at >= ? ORDER BY created_at, id`);

  return {
    get(host: string, id: string): TicketProjection | null {
      const r = get.get(host, id) as Row | undefined;
      return r ? ticketFromRow(r) : null;
    },
    save(p: TicketProjection): void {
      upsert.run(ticketToRow(p));
    },
    /** Complaints by this requester created at or after `sinceIso`. */
    countByRequester(host: string, requesterId: string, sinceIso: string): number {
      return (byRequester.get(host, requesterId, sinceIso) as { n: number }).n;
    },
    recentByRequester(host: string, requesterId: string, sinceIso: string, limit: number) {
      return (recentByRequester.all(host, requesterId, sinceIso, limit) as Row[]).map(recentFromRow);
    },
    /** Ticket ids on this batch created at or after `sinceIso`, oldest first. */
    idsByBatch(host: string, batch: string, sinceIso: string): string[] {
      return (byBatch.all(host, batch, sinceIso) as { id: string }[]).map((r) => String(r.id));
    },
  };
}

export type TicketsRepo = ReturnType<typeof createTicketsRepo>;
