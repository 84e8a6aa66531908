/**
 * The sandbox host's `HostClient` writes: what the pipeline's write-backs do to a sandbox ticket. They are
 * recorded as the connector's own changes and, like a host trigger that skips the connector's user, are not
 * fed back to the pipeline.
 */
import type Database from 'better-sqlite3';
import { HostError, type NewTicket, type TicketChange } from '../hosts/host-client';
import { ticketRow } from './read-sandbox';
import { audit, insertComment, insertTicket, updateTicket, uniq } from './write-sandbox';

const CONNECTOR = 'connector';

export function applyConnectorChange(db: Database.Database, id: string, change: TicketChange, now: string): void {
  const row = ticketRow(db, id);
  if (!row) throw new HostError('not_found', `sandbox ticket ${id} not found`, 404);
  db.transaction(() => {
    const current = JSON.parse(row.tags) as string[];
    const remove = new Set(change.removeTags ?? []);
    const tags = uniq([...current.filter((t) => !remove.has(t)), ...(change.addTags ?? [])]);
    const fields = change.fields ? { ...JSON.parse(row.fields), ...change.fields } : undefined;
    if (change.problemId != null && !ticketRow(db, change.problemId)) {
      throw new HostError('permanent', `problem ticket ${change.problemId} not found in the sandbox`, 422);
    }
    updateTicket(
      db,
      row.id,
      {
        tags,
        fields,
        status: change.status,
        priority: change.priority,
        group: change.group,
        problemId: change.problemId != null ? Number(change.problemId) : undefined,
      },
      now,
    );
    if (change.note)
      insertComment(
        db,
        row.id,
        { author: 'system', authorName: CONNECTOR, public: false, body: change.note.body, marker: change.note.marker },
        now,
      );
    audit(db, row.id, 'connector_change', CONNECTOR, { ...change, note: change.note ? { marker: change.note.marker } : undefined }, now);
  })();
}

export function createConnectorTicket(db: Database.Database, input: NewTicket, now: string): { id: string } {
  const id = db.transaction(() => {
    const related = input.relatedTicketId ? ticketRow(db, input.relatedTicketId) : undefined;
    const requesterId = input.requesterId ? Number(input.requesterId) || null : (related?.requester_id ?? null);
    const tid = insertTicket(
      db,
      {
        kind: input.kind,
        subject: input.subject,
        description: input.body,
        requesterId,
        status: 'open',
        priority: input.priority ?? null,
        group: input.group ?? null,
        tags: input.tags,
        fields: {},
        relatedTicketId: related ? related.id : null,
        dueAt: input.dueAt ?? null,
      },
      now,
    );
    insertComment(db, tid, { author: 'system', authorName: CONNECTOR, public: false, body: input.body }, now);
    audit(db, tid, 'created', CONNECTOR, { status: 'open', kind: input.kind }, now);
    return tid;
  })();
  return { id: String(id) };
}
