/**
 * Which comments of a ticket the evidence log already holds (ids and the latest time), so a re-read ticket
 * feeds in only comments it has not seen. Two views because the same comment can reach us with different
 * ids (a Zendesk trigger has no comment-id placeholder; the API has ids): new = unknown id AND later than
 * the latest comment on record.
 */
import type Database from 'better-sqlite3';
import type { Comment } from '../../../policies/src/types';
import type { BundleEntry } from './evidence-types';

export interface CommentsOnRecord {
  ids: Set<string>;
  lastAt: string | null;
}

export function commentsOnRecord(db: Database.Database, host: string, ticketId: string): CommentsOnRecord {
  const rows = db
    .prepare("SELECT at, data FROM evidence_entries WHERE host = ? AND ticket_id = ? AND type = 'comment'")
    .all(host, ticketId) as { at: string; data: string }[];
  const ids = new Set<string>();
  let lastAt: string | null = null;
  for (const r of rows) {
    const id = (JSON.parse(r.data) as { id?: unknown }).id;
    if (id != null) ids.add(String(id));
    if (lastAt === null || Date.parse(r.at) > Date.parse(lastAt)) lastAt = r.at;
  }
  return { ids, lastAt };
}

/** The same from a ticket's evidence entries (any store). */
export function commentsInEntries(entries: BundleEntry[]): CommentsOnRecord {
  const ids = new Set<string>();
  let lastAt: string | null = null;
  for (const e of entries) {
    if (e.type !== 'comment') continue;
    if (e.data.id != null) ids.add(String(e.data.id));
    if (lastAt === null || Date.parse(e.at) > Date.parse(lastAt)) lastAt = e.at;
  }
  return { ids, lastAt };
}

/** Comments of a snapshot not on record yet, oldest first. */
export function unseenComments(comments: Comment[] | undefined, seen: CommentsOnRecord): Comment[] {
  const last = seen.lastAt === null ? -Infinity : Date.parse(seen.lastAt);
  return (comments ?? [])
    .filter((c) => !seen.ids.has(c.id) && Date.parse(c.createdAt) > last)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
