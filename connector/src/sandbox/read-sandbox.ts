/**
 * Reads the sandbox helpdesk's tables and returns host-neutral `Ticket`s (policies/src/types.ts),
 * plus the sandbox-only properties (priority, group, problem link, kind) its pages show.
 */
import type Database from 'better-sqlite3';
import type { Attachment, Comment, PriorityId, StatusId, Ticket } from '../../../policies/src/types';

export interface TicketRow {
  id: number;
  kind: string;
  subject: string;
  description: string;
  requester_id: number | null;
  channel: string | null;
  status: string;
  priority: string | null;
  group_key: string | null;
  tags: string;
  fields: string;
  problem_id: number | null;
  related_ticket_id: number | null;
  due_at: string | null;
  locale: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface RequesterRow {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  tags: string;
}
interface CommentRow {
  id: number;
  author: Comment['author'];
  author_name: string | null;
  public: number;
  body: string;
  attachments: string;
  created_at: string;
}

/** A sandbox ticket: the engine's `Ticket` plus what the sandbox shows. */
export interface SandboxTicket extends Ticket {
  host: 'sandbox';
  kind: 'incident' | 'problem' | 'follow_up';
  priority: PriorityId | null;
  group: string | null;
  problemId: string | null;
  relatedTicketId: string | null;
  dueAt: string | null;
  updatedAt: string;
  comments: (Comment & { authorName?: string | null })[];
}

const parse = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function ticketRow(db: Database.Database, id: string | number): TicketRow | undefined {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  return db.prepare('SELECT * FROM sandbox_tickets WHERE id = ?').get(n) as TicketRow | undefined;
}

export function toSandboxTicket(db: Database.Database, row: TicketRow): SandboxTicket {
  const req =
    row.requester_id == null
      ? undefined
      : (db.prepare('SELECT * FROM sandbox_requesters WHERE id = ?').get(row.requester_id) as RequesterRow | undefined);
  const comments = (db.prepare('SELECT * FROM sandbox_comments WHERE ticket_id = ? ORDER BY id').all(row.id) as CommentRow[]).map((c) => ({
    id: String(c.id),
    author: c.author,
    authorName: c.author_name,
    public: c.public === 1,
    body: c.body,
    createdAt: c.created_at,
    attachments: parse<Attachment[]>(c.attachments, []),
  }));
  const fields = parse<Record<string, string | number | boolean | null>>(row.fields, {});
  return {
    host: 'sandbox',
    id: String(row.id),
    kind: row.kind as SandboxTicket['kind'],
    subject: row.subject,
    description: row.description,
    requester: req
      ? {
          id: String(req.id),
          ...(req.name ? { name: req.name } : {}),
          ...(req.email ? { email: req.email } : {}),
          ...(req.phone ? { phone: req.phone } : {}),
          tags: parse<string[]>(req.tags, []),
        }
      : undefined,
    ...(row.channel ? { channel: row.channel } : {}),
    createdAt: row.created_at,
    status: row.status as StatusId,
    tags: parse<string[]>(row.tags, []),
    fields,
    comments,
    ...(row.locale ? { locale: row.locale } : {}),
    priority: (row.priority as PriorityId | null) ?? null,
    group: row.group_key,
    problemId: row.problem_id == null ? null : String(row.problem_id),
    relatedTicketId: row.related_ticket_id == null ? null : String(row.related_ticket_id),
    dueAt: row.due_at,
    updatedAt: row.updated_at,
  };
}

export interface ListFilter {
  q?: string;
  status?: string;
  limit?: number;
}

/** Newest first; `q` matches subject, requester name or ticket id. */
export function listTicketRows(db: Database.Database, filter: ListFilter = {}): TicketRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.status) {
    where.push('t.status = ?');
    args.push(filter.status);
  }
  if (filter.q) {
    where.push("(t.subject LIKE ? ESCAPE '\\' OR r.name LIKE ? ESCAPE '\\' OR CAST(t.id AS TEXT) = ?)");
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    args.push(like, like, filter.q.trim());
  }
  const sql = `SELECT t.* FROM sandbox_tickets t LEFT JOIN sandbox_requesters r ON r.id = t.requester_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT ?`;
  return db.prepare(sql).all(...args, filter.limit ?? 500) as TicketRow[];
}
