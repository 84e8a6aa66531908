/** The `tickets` row a TicketProjection is stored as, one mapping for both backends (SQLite: tickets-repo.ts, PostgreSQL: pg-records.ts). */
import type { TicketProjection } from '../decide/ticket-projection';

export type Row = Record<string, unknown>;

/** Projection fields stored as JSON text, by column. */
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

/** Every column `ticketToRow` fills, in a fixed order. */
export const TICKET_COLUMNS = [
  'host',
  'id',
  'requester_id',
  'subject',
  'created_at',
  'channel',
  'status',
  'first_agent_reply_at',
  'category',
  'severity',
  'tier',
  'batch',
  'problem_id',
  'policy_version',
  'updated_at',
  'dispatch_group',
  ...Object.values(JSON_COLUMNS),
];

export function ticketToRow(p: TicketProjection): Row {
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
  return row;
}

export function ticketFromRow(r: Row): TicketProjection {
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

/** A row of `SELECT host, id, subject, created_at, category, severity` as a requester's recent complaint. */
export function recentFromRow(r: Row) {
  return {
    host: String(r.host),
    ticketId: String(r.id),
    subject: String(r.subject),
    createdAt: String(r.created_at),
    category: String(r.category),
    severity: String(r.severity),
  };
}
