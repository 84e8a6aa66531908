/**
 * Zendesk Ticketing API client (global fetch through the shared transport). Auth: Basic `{email}/token:{apiToken}`.
 * getTicket = GET ticket (?include=users) + GET comments (cursor pages, ?include=users). applyChange = ONE
 * PUT /api/v2/tickets/{id}.json (see build-zendesk-update.ts for tags/safe_update), 409 → refetch + rebuild.
 * createTicket = POST /api/v2/tickets.json (task / problem), idempotent twice over: the `Idempotency-Key` header
 * (developer.zendesk.com/api-reference/ticketing/introduction, "Idempotency": a repeat within 2 hours returns the
 * first ticket) carries the same stable reference as `external_id` (creation-ref.ts), which is looked up before a
 * retried creation and after an ambiguous failure (never before a first attempt) and outlives the 2-hour key.
 */
import type { Ticket } from '../../../../policies/src/types';
import { createBaseCache, type TicketBase } from '../base-cache';
import { createHostTransport } from '../create-host-transport';
import type { ApplyOptions, HostClient, NewTicket, TicketChange } from '../host-client';
import { HostError } from '../host-client';
import type { HostClientOptions } from '../host-options';
import { noteHasMarker } from '../note-marker';
import { changesTags } from '../merge-tags';
import { mayAlreadyExist, zendeskExternalId } from '../creation-ref';
import { buildZendeskUpdate } from './build-zendesk-update';
import { listChangedZendeskTickets } from './list-changed-tickets';
import { normalizeZendeskTicket } from './normalize-zendesk-ticket';
import type { ZdComment, ZdCommentsPage, ZdTicket, ZdUser } from './zendesk-payloads';
import { zendeskApiUrl } from './zendesk-url';

export interface ZendeskClientOptions extends HostClientOptions {
  subdomain: string;
  email: string;
  apiToken: string;
  /** Most comment pages read per ticket (100 comments each; default 20). */
  maxCommentPages?: number;
}

export function createZendeskClient(opts: ZendeskClientOptions): HostClient {
  const transport = createHostTransport({
    ...opts,
    host: 'zendesk',
    baseUrl: opts.baseUrl ?? zendeskApiUrl(opts.subdomain),
    authorization: `Basic ${Buffer.from(`${opts.email}/token:${opts.apiToken}`).toString('base64')}`,
  });
  const cache = createBaseCache();
  const conflictRetries = opts.conflictRetries ?? 2;
  const remember = (t: ZdTicket | undefined) => {
    if (t?.updated_at) cache.set(String(t.id), { tags: t.tags ?? [], updatedAt: t.updated_at });
  };
  const ticketPath = (id: string) => `/api/v2/tickets/${encodeURIComponent(id)}.json`;

  async function readTicket(id: string, include: boolean): Promise<{ ticket: ZdTicket; users: ZdUser[] }> {
    const res = await transport.get<{ ticket: ZdTicket; users?: ZdUser[] }>(ticketPath(id), include ? { include: 'users' } : undefined);
    remember(res.ticket);
    return { ticket: res.ticket, users: res.users ?? [] };
  }

  async function readComments(id: string): Promise<{ comments: ZdComment[]; users: ZdUser[] }> {
    const comments: ZdComment[] = [];
    const users: ZdUser[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < (opts.maxCommentPages ?? 20); page++) {
      const query: Record<string, string> = { include: 'users', 'page[size]': '100' };
      if (after) query['page[after]'] = after;
      const res = await transport.get<ZdCommentsPage>(`/api/v2/tickets/${encodeURIComponent(id)}/comments.json`, query);
      comments.push(...(res.comments ?? []));
      users.push(...(res.users ?? []));
      after = res.meta?.after_cursor;
      if (!res.meta?.has_more || !after) break;
    }
    return { comments, users };
  }

  /** Tags + updated_at for a tag write: the cached snapshot unless stale or `fresh` (after a 409), else one GET. */
  async function loadBase(id: string, seenUpdatedAt: string | undefined, fresh: boolean): Promise<TicketBase> {
    const hit = fresh ? undefined : cache.get(id, seenUpdatedAt);
    if (hit) return hit;
    const { ticket } = await readTicket(id, false);
    return { tags: ticket.tags ?? [], updatedAt: ticket.updated_at ?? '' };
  }

  async function notePosted(id: string, marker: string): Promise<boolean> {
    const { comments } = await readComments(id);
    return comments.some((c) => [c.body, c.html_body, c.plain_body].some((text) => noteHasMarker(text, marker)));
  }

  async function findByExternalId(externalId: string): Promise<string | undefined> {
    const res = await transport.get<{ tickets?: ZdTicket[] }>('/api/v2/tickets.json', { external_id: externalId });
    const hit = res.tickets?.[0];
    return hit ? String(hit.id) : undefined;
  }

  return {
    host: 'zendesk',

    listChanged: (cursor, sinceIso) => listChangedZendeskTickets(transport, cursor, sinceIso, (opts.now ?? Date.now)()),

    async getTicket(id: string): Promise<Ticket> {
      const [{ ticket, users }, thread] = await Promise.all([readTicket(id, true), readComments(id)]);
      return normalizeZendeskTicket(ticket, [...thread.users, ...users], thread.comments, opts.getPolicy());
    },

    async applyChange(id: string, change: TicketChange, options?: ApplyOptions): Promise<void> {
      const note = change.note;
      const includeNote = !!note && !(options?.retry && (await notePosted(id, note.marker)));
      for (let conflicts = 0; ; conflicts++) {
        const base = changesTags(change) ? await loadBase(id, change.updatedAt, conflicts > 0) : null;
        const ticket = buildZendeskUpdate(change, opts.getPolicy(), base, includeNote);
        if (Object.keys(ticket).length === 0) return;
        try {
          const res = await transport.send<{ ticket?: ZdTicket }>({
            method: 'PUT',
            path: ticketPath(id),
            body: { ticket },
            alreadyApplied: includeNote && note ? () => notePosted(id, note.marker) : undefined,
          });
          if (res?.ticket) remember(res.ticket);
          else cache.delete(id);
          return;
        } catch (err) {
          cache.delete(id);
          if (!(err instanceof HostError) || err.code !== 'conflict' || conflicts >= conflictRetries) throw err;
          opts.logger?.info(
            { host: 'zendesk', path: ticketPath(id), conflict: conflicts + 1 },
            'update conflict: refetching and reapplying',
          );
        }
      }
    },

    async createTicket(input: NewTicket, options?: ApplyOptions): Promise<{ id: string }> {
      const policy = opts.getPolicy();
      const externalId = zendeskExternalId(input);
      if (mayAlreadyExist(options, true)) {
        const existing = await findByExternalId(externalId);
        if (existing) {
          opts.logger?.info(
            { host: 'zendesk', kind: input.kind },
            'creation already done by an earlier attempt: returning the existing ticket',
          );
          return { id: existing };
        }
      }
      const groupId = input.group ? policy.groups[input.group]?.zendeskGroupId : null;
      const ticket: Record<string, unknown> = {
        subject: input.subject,
        type: input.kind === 'follow_up' ? 'task' : 'problem',
        comment: { body: input.body, public: false },
        tags: input.tags,
      };
      if (input.kind === 'follow_up' && input.dueAt) ticket.due_at = input.dueAt;
      if (input.requesterId) ticket.requester_id = Number(input.requesterId);
      // No id (a trigger body's requester): `requester: {email, name}` finds or creates the user (Tickets API, "Creating a ticket with a new requester").
      else if (input.requesterEmail)
        ticket.requester = { email: input.requesterEmail, ...(input.requesterName ? { name: input.requesterName } : {}) };
      if (groupId != null) ticket.group_id = groupId;
      if (input.priority) ticket.priority = input.priority;
      ticket.external_id = externalId;
      let foundOnRetry: string | undefined;
      const res = await transport.send<{ ticket?: ZdTicket }>({
        method: 'POST',
        path: '/api/v2/tickets.json',
        body: { ticket },
        headers: { 'Idempotency-Key': externalId },
        // Only after an ambiguous failure (5xx/network): did that attempt create it? (no lookup on the first attempt)
        alreadyApplied: async () => !!(foundOnRetry = await findByExternalId(externalId)),
      });
      if (res === undefined && foundOnRetry) return { id: foundOnRetry };
      if (!res?.ticket) throw new HostError('permanent', 'zendesk POST /api/v2/tickets.json: response without a ticket');
      remember(res.ticket);
      return { id: String(res.ticket.id) };
    },
  };
}
