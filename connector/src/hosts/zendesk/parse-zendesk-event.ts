/**
 * Zendesk event-subscription webhooks (`zen:event-type:ticket.*`): top level `type, account_id, id,
 * time, zendesk_event_version, subject: "zen:ticket:<id>", detail {ticket}, event {change}`; ids are
 * strings, statuses/priorities upper-case (`OPEN`, `HOLD`, `URGENT`). Dedupe key: the event `id`.
 */
import { z } from 'zod';
import type { Comment, Ticket } from '../../../../policies/src/types';
import { AppError } from '../../errors';
import type { NormalizedEvent } from '../../events/normalized-event';
import { toIso } from '../normalize-host-values';
import { parseWith, type ParseResult } from '../parse-result';
import { zendeskChannel, zendeskPriority, zendeskStatus } from './zendesk-values';

const id = z
  .union([
    z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, 'expected a numeric id of at most 20 digits'),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform(String);
const tagList = z.array(z.string().max(255, 'a tag is at most 255 characters')).max(1000, 'at most 1000 tags');
const isoTime = z.string().refine((s) => toIso(s) !== null, 'not a date-time');

const detail = z.looseObject({
  id,
  subject: z.string().optional(),
  description: z.string().nullish(),
  status: z.string().nullish(),
  priority: z.string().nullish(),
  requester_id: id.nullish(),
  created_at: isoTime.nullish(),
  tags: tagList.nullish(),
  via: z.looseObject({ channel: z.string().nullish() }).nullish(),
});

const envelope = z.looseObject({
  type: z.string().startsWith('zen:event-type:ticket.', 'only ticket events (zen:event-type:ticket.*) are handled'),
  account_id: z.number().int().optional(),
  id: z.string().trim().min(1).max(200),
  time: isoTime,
  zendesk_event_version: z.string().optional(),
  subject: z.string().regex(/^zen:ticket:\d{1,20}$/, 'expected "zen:ticket:<id>" (at most 20 digits)'),
  detail,
  event: z.looseObject({}).optional(),
});

const change = z.looseObject({ current: z.string().nullish(), previous: z.string().nullish() });
const commentEvent = z.looseObject({
  comment: z.looseObject({
    id,
    body: z.string(),
    is_public: z.boolean(),
    author: z.looseObject({ id: id.optional(), is_staff: z.boolean(), name: z.string().optional() }),
  }),
});
const tagsEvent = z.looseObject({ tags_added: tagList.nullish(), tags_removed: tagList.nullish() });

/** The ticket event types this parser acts on (`zen:event-type:ticket.<type>`): `setup zendesk` subscribes the webhook to them. */
export const ZENDESK_TICKET_EVENTS = ['created', 'comment_added', 'status_changed', 'tags_changed', 'priority_changed'] as const;

export function parseZendeskEvent(body: unknown, receivedAt: string): ParseResult {
  const e = parseWith(envelope, body, 'Zendesk event');
  const ticketId = e.subject.slice('zen:ticket:'.length);
  if (e.detail.id !== ticketId) return reject('detail.id', `does not match subject ${e.subject}`);
  const kind = e.type.slice('zen:event-type:ticket.'.length);
  const event = normalize(kind, e);
  if (!event) return { ignored: true, reason: `event type ${e.type} carries nothing Complaint Desk acts on`, ticketId };
  return { ignored: false, event: { host: 'zendesk', eventId: e.id, ticketId, occurredAt: toIso(e.time)!, receivedAt, event } };
}

type Envelope = z.infer<typeof envelope>;

function normalize(kind: string, e: Envelope): NormalizedEvent | null {
  switch (kind) {
    case 'created':
      return { kind: 'ticket.created', ticket: ticketFrom(e.detail) };
    case 'comment_added': {
      const c = parseWith(commentEvent, e.event ?? {}, 'Zendesk comment_added event', ['event']).comment;
      const comment: Comment = {
        id: c.id,
        author: c.author.is_staff ? 'agent' : 'customer',
        public: c.is_public,
        body: c.body,
        createdAt: toIso(e.time)!,
      };
      return { kind: 'comment.added', comment };
    }
    case 'status_changed': {
      const ch = parseWith(change, e.event ?? {}, 'Zendesk status_changed event', ['event']);
      const status = zendeskStatus(ch.current);
      return status ? { kind: 'status.changed', status, previous: zendeskStatus(ch.previous) ?? null } : null;
    }
    case 'priority_changed': {
      const ch = parseWith(change, e.event ?? {}, 'Zendesk priority_changed event', ['event']);
      const priority = zendeskPriority(ch.current);
      return priority ? { kind: 'priority.changed', priority, previous: zendeskPriority(ch.previous) ?? null } : null;
    }
    case 'tags_changed': {
      const t = parseWith(tagsEvent, e.event ?? {}, 'Zendesk tags_changed event', ['event']);
      return {
        kind: 'tags.changed',
        added: t.tags_added ?? [],
        removed: t.tags_removed ?? [],
        ...(e.detail.tags ? { tags: e.detail.tags } : {}),
      };
    }
    default:
      return null;
  }
}

function ticketFrom(d: Envelope['detail']): Ticket {
  const t: Ticket = { host: 'zendesk', id: d.id, subject: d.subject ?? '', description: d.description ?? '' };
  if (d.requester_id) t.requester = { id: d.requester_id };
  const channel = zendeskChannel(d.via?.channel);
  if (channel) t.channel = channel;
  const createdAt = toIso(d.created_at);
  if (createdAt) t.createdAt = createdAt;
  const status = zendeskStatus(d.status);
  if (status) t.status = status;
  if (d.tags) t.tags = d.tags;
  return t;
}

function reject(path: string, message: string): never {
  throw new AppError('invalid_request', `Zendesk event: ${path}: ${message}`, [{ path, message }]);
}
