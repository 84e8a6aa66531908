/**
 * Freshdesk API v2 client (global fetch through the shared transport). Auth: Basic `{apiKey}:X`.
 * getTicket = GET /api/v2/tickets/{id}?include=conversations,requester (+ /conversations pages when the embedded
 * ten are not all). applyChange = PUT /api/v2/tickets/{id} (only what the change sets: tags merged, priority 1-4,
 * group, status, cf_ fields) then POST /api/v2/tickets/{id}/notes {body, private: true}. Freshdesk replaces the tag
 * list and has no conditional update, so a tag write reads the ticket right before it (never a cached list) and
 * remembers what it read and wrote; a later event showing an agent tag that write dropped restores it
 * (lost-tag-repair.ts). Residual: an agent tag added in the milliseconds between that read and the write is gone
 * until the agent's own event arrives (in-memory record: a restart in between forgets it). createTicket: follow-up = child ticket of the original
 * (`parent_id`), problem = tracker ticket (`related_ticket_ids`); both idempotent through a hidden `cd-ref:<hash>`
 * marker in the description (creation-ref.ts, find-by-ref-marker.ts), looked up before a retried creation
 * (`{retry: true}`) and after an ambiguous failure.
 */
import type { Ticket } from '../../../../policies/src/types';
import { createBaseCache } from '../base-cache';
import { createHostTransport } from '../create-host-transport';
import type { ApplyOptions, HostClient, NewTicket, TicketChange } from '../host-client';
import { HostError } from '../host-client';
import type { HostClientOptions } from '../host-options';
import { textToHtml } from '../html-text';
import { toFreshdeskPriority } from './freshdesk-values';
import { noteHasMarker, withMarker } from '../note-marker';
import { changesTags } from '../merge-tags';
import { freshdeskRefMarker, mayAlreadyExist } from '../creation-ref';
import { buildFreshdeskUpdate } from './build-freshdesk-update';
import { findByRefMarker, type RequesterFields } from './find-by-ref-marker';
import type { FdConversation, FdTicket } from './freshdesk-payloads';
import { normalizeFreshdeskTicket } from './normalize-freshdesk-ticket';
import { createTagWriteLog } from './lost-tag-repair';
import { listChangedFreshdeskTickets } from './list-changed-tickets';
import { freshdeskApiUrl } from './freshdesk-url';

export interface FreshdeskClientOptions extends HostClientOptions {
  domain: string;
  apiKey: string;
  /** Status written for on_hold (default 7 "Waiting on Third Party", like Zendesk's hold; 6 is "Waiting on Customer"). */
  onHoldStatus?: number;
  /** Requester for tickets without one (problem trackers): Freshdesk requires a requester on create. */
  defaultRequesterEmail?: string;
  /** How a follow-up is linked to its ticket: 'parent' = child ticket via parent_id (needs parent-child ticketing), 'none'. */
  followUpLink?: 'parent' | 'none';
  maxConversationPages?: number;
  /** false (FRESHDESK_CLUSTERS=off): no tracker tickets; a cluster's creation is refused with that reason (parked, not retried). */
  problemTickets?: boolean;
}

export function createFreshdeskClient(opts: FreshdeskClientOptions): HostClient {
  const transport = createHostTransport({
    ...opts,
    host: 'freshdesk',
    baseUrl: opts.baseUrl ?? freshdeskApiUrl(opts.domain),
    authorization: `Basic ${Buffer.from(`${opts.apiKey}:X`).toString('base64')}`,
  });
  const cache = createBaseCache();
  const tagWrites = createTagWriteLog();
  const onHold = opts.onHoldStatus ?? 7;
  const path = (id: string) => `/api/v2/tickets/${encodeURIComponent(id)}`;
  const remember = (t: FdTicket | undefined) => {
    if (t?.updated_at) cache.set(String(t.id), { tags: t.tags ?? [], updatedAt: t.updated_at });
  };

  async function readConversations(id: string): Promise<FdConversation[]> {
    const all: FdConversation[] = [];
    for (let page = 1; page <= (opts.maxConversationPages ?? 20); page++) {
      const batch = await transport.get<FdConversation[]>(`${path(id)}/conversations`, { per_page: '100', page: String(page) });
      all.push(...(batch ?? []));
      if (!batch || batch.length < 100) break;
    }
    return all;
  }

  async function notePosted(id: string, marker: string): Promise<boolean> {
    return (await readConversations(id)).some((c) => noteHasMarker(c.body, marker) || noteHasMarker(c.body_text, marker));
  }

  /** Read late: the tags right before the write (a cached list would drop an agent tag added since, even in the same second). */
  async function currentTags(id: string): Promise<string[]> {
    const t = await transport.get<FdTicket>(path(id));
    remember(t);
    return t.tags ?? [];
  }

  function requesterFields(input: NewTicket): RequesterFields {
    if (input.requesterId) return { requester_id: Number(input.requesterId) };
    // developers.freshdesk.com/api/#create_ticket: `email` (+ `name`) identifies the requester; a new e-mail creates the contact.
    if (input.requesterEmail) return { email: input.requesterEmail, ...(input.requesterName ? { name: input.requesterName } : {}) };
    if (input.kind === 'follow_up')
      throw new HostError('permanent', "freshdesk create follow-up: the ticket's requester has neither an id nor an e-mail");
    if (opts.defaultRequesterEmail) return { email: opts.defaultRequesterEmail };
    throw new HostError('permanent', 'freshdesk create ticket: no requester; pass requesterId or configure defaultRequesterEmail');
  }

  return {
    host: 'freshdesk',

    listChanged: (cursor, sinceIso) => listChangedFreshdeskTickets(transport, cursor, sinceIso),

    async getTicket(id: string): Promise<Ticket> {
      const t = await transport.get<FdTicket>(path(id), { include: 'conversations,requester' });
      remember(t);
      const embedded = t.conversations ?? [];
      const conversations = embedded.length >= 10 ? await readConversations(id) : embedded;
      return normalizeFreshdeskTicket(t, conversations, opts.getPolicy());
    },

    async applyChange(id: string, requested: TicketChange, options?: ApplyOptions): Promise<void> {
      const restore = tagWrites.lostTags(id, requested.seenTags, requested.updatedAt);
      if (restore.length)
        opts.logger?.warn(
          { host: 'freshdesk', path: path(id), restored: restore.length },
          'restoring agent tags a concurrent write dropped',
        );
      const change = restore.length ? { ...requested, addTags: [...(requested.addTags ?? []), ...restore] } : requested;
      const tags = changesTags(change) ? await currentTags(id) : null;
      const body = buildFreshdeskUpdate(change, opts.getPolicy(), tags, onHold);
      if (change.problemId)
        opts.logger?.debug?.({ host: 'freshdesk', path: path(id) }, 'problemId: linked at tracker creation, not on update');
      if (Object.keys(body).length > 0) {
        const res = await transport.send<FdTicket>({ method: 'PUT', path: path(id), body });
        if (res) remember(res);
        else cache.delete(id);
        if (tags && body.tags)
          tagWrites.record(id, { read: tags, wrote: body.tags as string[], removed: change.removeTags ?? [], at: res?.updated_at });
      }
      const note = change.note;
      if (!note) return;
      if (options?.retry && (await notePosted(id, note.marker))) return;
      await transport.send({
        method: 'POST',
        path: `${path(id)}/notes`,
        body: { body: withMarker(textToHtml(note.body), note.marker), private: true },
        alreadyApplied: () => notePosted(id, note.marker),
      });
    },

    async createTicket(input: NewTicket, options?: ApplyOptions): Promise<{ id: string }> {
      const policy = opts.getPolicy();
      if (input.kind === 'problem' && opts.problemTickets === false) {
        throw new HostError(
          'permanent',
          'freshdesk: tracker tickets are turned off (FRESHDESK_CLUSTERS=off); the cluster is noted on its members only',
        );
      }
      const requester = requesterFields(input);
      const ref = freshdeskRefMarker(input);
      if (mayAlreadyExist(options, false)) {
        const existing = await findByRefMarker(transport, ref, requester);
        if (existing) {
          opts.logger?.info(
            { host: 'freshdesk', kind: input.kind },
            'creation already done by an earlier attempt: returning the existing ticket',
          );
          return { id: existing };
        }
      }
      const groupId = input.group ? policy.groups[input.group]?.freshdeskGroupId : null;
      const body: Record<string, unknown> = {
        subject: input.subject,
        description: withMarker(textToHtml(input.body), ref),
        ...requester,
        status: 2,
        priority: toFreshdeskPriority(input.priority ?? 'normal'),
        tags: input.tags,
      };
      if (groupId != null) body.group_id = groupId;
      if (input.kind === 'follow_up') {
        if (input.dueAt) Object.assign(body, { due_by: input.dueAt, fr_due_by: input.dueAt });
        if (input.relatedTicketId && (opts.followUpLink ?? 'parent') === 'parent') body.parent_id = Number(input.relatedTicketId);
      } else {
        const related = [input.relatedTicketId, ...(input.relatedTicketIds ?? [])].filter((x): x is string => !!x);
        if (related.length) body.related_ticket_ids = [...new Set(related)].map(Number);
      }
      let foundOnRetry: string | undefined;
      const res = await transport.send<FdTicket>({
        method: 'POST',
        path: '/api/v2/tickets',
        body,
        // Only after an ambiguous failure (5xx/network): did that attempt create it? (no lookup on the first attempt)
        alreadyApplied: async () => !!(foundOnRetry = await findByRefMarker(transport, ref, requester)),
      });
      if (res === undefined && foundOnRetry) return { id: foundOnRetry };
      if (!res?.id) throw new HostError('permanent', 'freshdesk POST /api/v2/tickets: response without a ticket id');
      remember(res);
      return { id: String(res.id) };
    },
  };
}
