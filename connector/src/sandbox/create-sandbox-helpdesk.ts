/**
 * The sandbox host: a `HostClient` on the sandbox tables (what the pipeline's write-backs call) plus
 * the agent/customer actions of the sandbox pages. Every agent/customer change is recorded in
 * `sandbox_audits` and fed to `pipeline.ingest` as an `InboxEvent`, exactly like a verified webhook.
 * The connector's own write-backs are not fed back (like a host trigger that skips the connector's user).
 */
import type Database from 'better-sqlite3';
import type { InboxEvent, NormalizedEvent } from '../events/normalized-event';
import type { Clock } from '../clock';
import { HostError, type HostClient, type NewTicket, type TicketChange } from '../hosts/host-client';
import type { Policy, PriorityId, StatusId, Ticket } from '../../../policies/src/types';
import { PRIORITY_IDS, STATUS_IDS } from '../../../policies/src/ids';
import { AppError } from '../errors';
import { parseCsat } from '../decide/csat-scale';
import { listTicketRows, ticketRow, toSandboxTicket, type ListFilter, type SandboxTicket } from './read-sandbox';
import { audit, insertComment, insertTicket, updateTicket, upsertRequester, uniq, type RequesterInput } from './write-sandbox';
import { applyConnectorChange, createConnectorTicket } from './apply-connector-change';

export interface PipelineLike {
  ingest(e: InboxEvent): { inserted: boolean };
}

export interface SandboxHelpdeskDeps {
  /** The processing pipeline, or a getter for it (the pipeline needs the host first). */
  pipeline: PipelineLike | (() => PipelineLike);
  clock: Clock;
  getPolicy: () => Policy;
}

export interface NewComplaint {
  subject: string;
  description: string;
  requester?: RequesterInput;
  channel?: string;
  fields?: Record<string, string | number | boolean | null>;
  tags?: string[];
  locale?: string;
}

export interface SandboxHelpdesk extends HostClient {
  readonly host: 'sandbox';
  createComplaint(input: NewComplaint, actor?: string): { id: string };
  addComment(id: string, c: { body: string; public: boolean; author: 'customer' | 'agent'; authorName?: string }): { commentId: string };
  setStatus(id: string, status: StatusId, actor?: string): void;
  setTags(id: string, tags: string[], actor?: string): { added: string[]; removed: string[] };
  setPriority(id: string, priority: PriorityId, actor?: string): void;
  setFields(id: string, fields: Record<string, string | number | boolean | null>, actor?: string): void;
  /** The customer's answer (on the policy's `followUp.csatScale`) to the follow-up CSAT question, recorded on the follow-up task (sandbox data; not a host event). */
  recordCsat(id: string, score: number, actor?: string): void;
  ticket(id: string): SandboxTicket | null;
  list(filter?: ListFilter): SandboxTicket[];
}

export function createSandboxHelpdesk(db: Database.Database, deps: SandboxHelpdeskDeps): SandboxHelpdesk {
  const nowIso = () => new Date(deps.clock.now()).toISOString();
  const pipeline = () => (typeof deps.pipeline === 'function' ? deps.pipeline() : deps.pipeline);

  const mustRow = (id: string) => {
    const row = ticketRow(db, id);
    if (!row) throw new AppError('not_found', `sandbox ticket ${id} does not exist`, { ticketId: id });
    return row;
  };

  /** Records the change and hands the event to the pipeline (after the sandbox write committed). */
  const emit = (ticketId: number, auditId: number, at: string, event: NormalizedEvent) => {
    const e: InboxEvent = {
      host: 'sandbox',
      eventId: `sandbox-${auditId}`,
      ticketId: String(ticketId),
      occurredAt: at,
      receivedAt: at,
      event,
    };
    pipeline().ingest(e);
  };

  const host: SandboxHelpdesk = {
    host: 'sandbox',

    async getTicket(id: string): Promise<Ticket> {
      const row = ticketRow(db, id);
      if (!row) throw new HostError('not_found', `sandbox ticket ${id} not found`, 404);
      return toSandboxTicket(db, row);
    },

    async applyChange(id: string, change: TicketChange): Promise<void> {
      applyConnectorChange(db, id, change, nowIso());
    },

    async createTicket(input: NewTicket): Promise<{ id: string }> {
      return createConnectorTicket(db, input, nowIso());
    },

    createComplaint(input, actor = 'customer') {
      const subject = input.subject?.trim();
      const description = input.description?.trim();
      if (!subject || !description) {
        throw new AppError('invalid_request', 'a complaint needs a subject and a description', [
          ...(subject ? [] : [{ path: 'subject', message: 'required' }]),
          ...(description ? [] : [{ path: 'description', message: 'required' }]),
        ]);
      }
      const now = nowIso();
      const { id, auditId } = db.transaction(() => {
        const requesterId = upsertRequester(db, input.requester ?? {}, now);
        const tid = insertTicket(
          db,
          {
            kind: 'incident',
            subject,
            description,
            requesterId,
            channel: input.channel || null,
            status: 'new',
            tags: input.tags ?? [],
            fields: input.fields ?? {},
            locale: input.locale ?? null,
          },
          now,
        );
        insertComment(db, tid, { author: 'customer', authorName: input.requester?.name ?? null, public: true, body: description }, now);
        return { id: tid, auditId: audit(db, tid, 'created', actor, { status: 'new' }, now) };
      })();
      const ticket = toSandboxTicket(db, mustRow(String(id)));
      emit(id, auditId, now, { kind: 'ticket.created', ticket: { ...ticket, comments: ticket.comments } });
      return { id: String(id) };
    },

    addComment(id, c) {
      const body = c.body?.trim();
      if (!body)
        throw new AppError('invalid_request', 'the reply is empty; write something first', [{ path: 'body', message: 'required' }]);
      const row = mustRow(id);
      const now = nowIso();
      const { commentId, auditId } = db.transaction(() => {
        const cid = insertComment(
          db,
          row.id,
          { author: c.author, authorName: c.authorName ?? null, public: c.public, body },
          now,
        ) as number;
        // A customer reply on a pending/solved ticket reopens it, like the hosts do.
        if (c.author === 'customer' && ['pending', 'solved', 'on_hold'].includes(row.status))
          updateTicket(db, row.id, { status: 'open' }, now);
        else updateTicket(db, row.id, {}, now);
        return {
          commentId: cid,
          auditId: audit(
            db,
            row.id,
            'comment',
            c.author === 'agent' ? `agent:${c.authorName ?? ''}` : 'customer',
            { commentId: cid, public: c.public },
            now,
          ),
        };
      })();
      emit(row.id, auditId, now, {
        kind: 'comment.added',
        comment: { id: String(commentId), author: c.author, public: c.public, body, createdAt: now },
      });
      return { commentId: String(commentId) };
    },

    setStatus(id, status, actor = 'agent') {
      if (!(STATUS_IDS as readonly string[]).includes(status))
        throw new AppError('invalid_request', `unknown status "${status}"`, [
          { path: 'status', message: `use one of ${STATUS_IDS.join(', ')}` },
        ]);
      const row = mustRow(id);
      if (row.status === status) return;
      const now = nowIso();
      const auditId = db.transaction(() => {
        updateTicket(db, row.id, { status }, now);
        return audit(db, row.id, 'status', actor, { status, previous: row.status }, now);
      })();
      emit(row.id, auditId, now, { kind: 'status.changed', status, previous: row.status as StatusId });
    },

    setTags(id, tags, actor = 'agent') {
      const row = mustRow(id);
      const before = JSON.parse(row.tags) as string[];
      const after = uniq(tags);
      const added = after.filter((t) => !before.includes(t));
      const removed = before.filter((t) => !after.includes(t));
      if (!added.length && !removed.length) return { added, removed };
      const now = nowIso();
      const auditId = db.transaction(() => {
        updateTicket(db, row.id, { tags: after }, now);
        return audit(db, row.id, 'tags', actor, { added, removed }, now);
      })();
      emit(row.id, auditId, now, { kind: 'tags.changed', added, removed, tags: after });
      return { added, removed };
    },

    setPriority(id, priority, actor = 'agent') {
      if (!(PRIORITY_IDS as readonly string[]).includes(priority))
        throw new AppError('invalid_request', `unknown priority "${priority}"`, [
          { path: 'priority', message: `use one of ${PRIORITY_IDS.join(', ')}` },
        ]);
      const row = mustRow(id);
      if (row.priority === priority) return;
      const now = nowIso();
      const auditId = db.transaction(() => {
        updateTicket(db, row.id, { priority }, now);
        return audit(db, row.id, 'priority', actor, { priority, previous: row.priority }, now);
      })();
      emit(row.id, auditId, now, { kind: 'priority.changed', priority, previous: (row.priority as PriorityId | null) ?? null });
    },

    setFields(id, fields, actor = 'agent') {
      const row = mustRow(id);
      const now = nowIso();
      const merged = { ...JSON.parse(row.fields), ...fields };
      const auditId = db.transaction(() => {
        updateTicket(db, row.id, { fields: merged }, now);
        return audit(db, row.id, 'fields', actor, { keys: Object.keys(fields) }, now);
      })();
      emit(row.id, auditId, now, { kind: 'ticket.updated', ticket: { id: String(row.id), fields: merged } });
    },

    recordCsat(id, score, actor = 'agent') {
      const scale = deps.getPolicy().followUp.csatScale;
      if (parseCsat(score, scale) === null) {
        throw new AppError(
          'invalid_request',
          `a CSAT answer is a whole number from ${scale.min} to ${scale.max} (policy followUp.csatScale)`,
          [{ path: 'csat', message: `use ${scale.min}-${scale.max}` }],
        );
      }
      const row = mustRow(id);
      const now = nowIso();
      db.transaction(() => {
        updateTicket(db, row.id, { fields: { ...JSON.parse(row.fields), csat: score } }, now);
        audit(db, row.id, 'csat', actor, { csat: score }, now);
      })();
    },

    ticket(id) {
      const row = ticketRow(db, id);
      return row ? toSandboxTicket(db, row) : null;
    },

    list(filter) {
      return listTicketRows(db, filter).map((r) => toSandboxTicket(db, r));
    },
  };
  return host;
}
