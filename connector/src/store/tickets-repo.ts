/** Reads and writes the `tickets` projection. */
import type { Db } from './open-database';
import type { TicketProjection } from '../decide/ticket-projection';

const JSON_COLUMNS = {
  statusHistory: 'status_history',
  signals: 'signals',
  classification: 'classification',
  correction: 'correction',
  escalationHistory: 'escalation_history',
  remedy: 'remedy',
  fields: 'fields',
  tags: 'tags',
  snapshot: 'snapshot',
} as const;

type Row = Record<string, unknown>;

function fromRow(r: Row): TicketProjection {
  const j = (c: string) => (r[c] == null ? null : JSON.parse(String(r[c])));
  return {
    host: r.host as TicketProjection['host'],
    id: String(r.id),
    requesterId: (r.requester_id as string) ?? null,
    subject: String(r.subject),
    createdAt: String(r.created_at),
    channel: (r.channel as string) ?? null,
    status: r.status as TicketProjection['status'],
    statusHistory: j('status_history'),
    firstAgentReplyAt: (r.first_agent_reply_at as string) ?? null,
    category: String(r.category),
    severity: String(r.severity),
    signals: j('signals'),
    classification: j('classification'),
    correction: j('correction'),
    tier: r.tier as TicketProjection['tier'],
    escalationHistory: j('escalation_history'),
    remedy: j('remedy'),
    fields: j('fields'),
    tags: j('tags'),
    group: (r.dispatch_group as string) ?? null,
    batch: (r.batch as string) ?? null,
    snapshot: j('snapshot'),
    problemId: (r.problem_id as string) ?? null,
    policyVersion: String(r.policy_version),
    updatedAt: String(r.updated_at),
  };
}

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
      return r ? fromRow(r) : null;
    },
    save(p: TicketProjection): void {
      const row: Row = {
        host: p.host,
        id: p.id,
        requester_id: p.requesterId,
        subject: p.subject,
        created_at: p.createdAt,
        channel: p.channel,
        status: p.status,
        first_agent_reply_at: p.firstAgentReplyAt,
        category: p.category,
        severity: p.severity,
        tier: p.tier,
        batch: p.batch,
        problem_id: p.problemId,
        policy_version: p.policyVersion,
        updated_at: p.updatedAt,
        dispatch_group: p.group ?? null,
      };
      for (const [k, c] of Object.entries(JSON_COLUMNS)) row[c] = JSON.stringify(p[k as keyof typeof JSON_COLUMNS] ?? null);
      upsert.run(row);
    },
    /** Complaints by this requester created at or after `sinceIso`. */
    countByRequester(host: string, requesterId: string, sinceIso: string): number {
      return (byRequester.get(host, requesterId, sinceIso) as { n: number }).n;
    },
    recentByRequester(host: string, requesterId: string, sinceIso: string, limit: number) {
      return (recentByRequester.all(host, requesterId, sinceIso, limit) as Row[]).map((r) => ({
        host: String(r.host),
        ticketId: String(r.id),
        subject: String(r.subject),
        createdAt: String(r.created_at),
        category: String(r.category),
        severity: String(r.severity),
      }));
    },
    /** Ticket ids on this batch created at or after `sinceIso`, oldest first. */
    idsByBatch(host: string, batch: string, sinceIso: string): string[] {
      return (byBatch.all(host, batch, sinceIso) as { id: string }[]).map((r) => String(r.id));
    },
  };
}

export type TicketsRepo = ReturnType<typeof createTicketsRepo>;
