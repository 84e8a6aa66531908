/**
 * Writes to the sandbox helpdesk's tables. Each function is one small statement set; callers wrap
 * them in a transaction. `audit` records every change (its id is the InboxEvent id).
 */
import type Database from 'better-sqlite3';
import type { Attachment, PriorityId, StatusId } from '../../../policies/src/types';

export interface RequesterInput {
  name?: string;
  email?: string;
  phone?: string;
  tags?: string[];
}

/** Finds a requester by email (or creates one); name/phone are filled in when given. */
export function upsertRequester(db: Database.Database, input: RequesterInput, now: string): number | null {
  const email = input.email?.trim().toLowerCase() || null;
  const name = input.name?.trim() || null;
  const phone = input.phone?.trim() || null;
  if (!email && !name && !phone) return null;
  if (email) {
    const found = db.prepare('SELECT id FROM sandbox_requesters WHERE email = ?').get(email) as { id: number } | undefined;
    if (found) {
      db.prepare('UPDATE sandbox_requesters SET name = COALESCE(?, name), phone = COALESCE(?, phone) WHERE id = ?').run(
        name,
        phone,
        found.id,
      );
      return found.id;
    }
  }
  const r = db
    .prepare('INSERT INTO sandbox_requesters (name, email, phone, tags, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(name, email, phone, JSON.stringify(input.tags ?? []), now);
  return Number(r.lastInsertRowid);
}

export interface TicketInsert {
  kind: 'incident' | 'problem' | 'follow_up';
  subject: string;
  description: string;
  requesterId: number | null;
  channel?: string | null;
  status: StatusId;
  priority?: PriorityId | null;
  group?: string | null;
  tags: string[];
  fields: Record<string, string | number | boolean | null>;
  relatedTicketId?: number | null;
  dueAt?: string | null;
  locale?: string | null;
}

export function insertTicket(db: Database.Database, t: TicketInsert, now: string): number {
  const r = db
    .prepare(
      `INSERT INTO sandbox_tickets (kind, subject, description, requester_id, channel, status, priority, group_key,
    tags, fields, related_ticket_id, due_at, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      t.kind,
      t.subject,
      t.description,
      t.requesterId,
      t.channel ?? null,
      t.status,
      t.priority ?? null,
      t.group ?? null,
      JSON.stringify(uniq(t.tags)),
      JSON.stringify(t.fields),
      t.relatedTicketId ?? null,
      t.dueAt ?? null,
      t.locale ?? null,
      now,
      now,
    );
  return Number(r.lastInsertRowid);
}

export interface CommentInsert {
  author: 'customer' | 'agent' | 'system';
  authorName?: string | null;
  public: boolean;
  body: string;
  marker?: string | null;
  attachments?: Attachment[];
}

/** Inserts a comment; a comment whose marker is already on the ticket is not inserted again (returns null). */
export function insertComment(db: Database.Database, ticketId: number, c: CommentInsert, now: string): number | null {
  const r = db
    .prepare(
      `INSERT INTO sandbox_comments (ticket_id, author, author_name, public, body, marker, attachments, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(ticketId, c.author, c.authorName ?? null, c.public ? 1 : 0, c.body, c.marker ?? null, JSON.stringify(c.attachments ?? []), now);
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

export interface TicketPatch {
  status?: StatusId;
  priority?: PriorityId;
  group?: string;
  tags?: string[];
  fields?: Record<string, string | number | boolean | null>;
  problemId?: number | null;
}

const COLUMNS: Record<keyof TicketPatch, string> = {
  status: 'status',
  priority: 'priority',
  group: 'group_key',
  tags: 'tags',
  fields: 'fields',
  problemId: 'problem_id',
};

/** Sets the given properties, bumps version and updated_at. */
export function updateTicket(db: Database.Database, id: number, patch: TicketPatch, now: string): void {
  const sets: string[] = [];
  const args: unknown[] = [];
  for (const [k, v] of Object.entries(patch) as [keyof TicketPatch, unknown][]) {
    if (v === undefined) continue;
    sets.push(`${COLUMNS[k]} = ?`);
    args.push(k === 'tags' ? JSON.stringify(uniq(v as string[])) : k === 'fields' ? JSON.stringify(v) : v);
  }
  sets.push('updated_at = ?', 'version = version + 1');
  db.prepare(`UPDATE sandbox_tickets SET ${sets.join(', ')} WHERE id = ?`).run(...args, now, id);
}

export function audit(db: Database.Database, ticketId: number, kind: string, actor: string, data: unknown, now: string): number {
  const r = db
    .prepare('INSERT INTO sandbox_audits (ticket_id, kind, actor, data, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(ticketId, kind, actor, JSON.stringify(data ?? {}), now);
  return Number(r.lastInsertRowid);
}

export function uniq(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}
