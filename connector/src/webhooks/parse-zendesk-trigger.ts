/**
 * Zendesk trigger webhooks: the JSON body README tells the admin to paste (Zendesk placeholders,
 * every value a string). `"event": "created"` → ticket.created; `"updated"` → a ticket.updated
 * snapshot whose `comments` holds the latest comment. Dedupe key: X-Zendesk-Webhook-Invocation-Id.
 */
import { z } from 'zod';
import type { Comment, Ticket } from '../../../policies/src/types';
import { AppError } from '../errors';
import { normalizeChannel, normalizeStatus, splitTags, toIso } from './normalize-host-values';
import { parseWith, type ParseResult } from './parse-result';

const text = z.string();
const optText = z.string().optional();

const triggerBody = z.looseObject({
  complaint_desk: z.literal('zendesk-trigger-v1', { error: 'expected "zendesk-trigger-v1" (paste the trigger body from README)' }),
  event: z.enum(['created', 'updated']),
  ticket: z.looseObject({
    id: z.string().regex(/^\d+$/, 'expected the ticket id ({{ticket.id}})'),
    subject: text,
    description: optText,
    status: optText,
    priority: optText,
    tags: optText,
    via: optText,
    created_at: optText,
    updated_at: optText,
    requester: z.looseObject({ id: optText, name: optText, email: optText }).optional(),
  }),
  comment: z
    .looseObject({ id: optText, body: optText, is_public: optText, author_id: optText, author_role: optText })
    .optional(),
});

export function parseZendeskTrigger(body: unknown, invocationId: string | undefined, receivedAt: string): ParseResult {
  const b = parseWith(triggerBody, body, 'Zendesk trigger body');
  if (!invocationId) throw new AppError('invalid_request', 'missing X-Zendesk-Webhook-Invocation-Id header (needed to drop redeliveries)', [{ path: 'headers.x-zendesk-webhook-invocation-id', message: 'required' }]);
  const t = b.ticket;
  const ticket: Ticket = { host: 'zendesk', id: t.id, subject: t.subject, description: t.description ?? '' };
  const requester = t.requester && Object.fromEntries(Object.entries(t.requester).filter(([, v]) => typeof v === 'string' && v.trim()));
  if (requester && Object.keys(requester).length) ticket.requester = requester;
  const channel = normalizeChannel(t.via);
  if (channel) ticket.channel = channel;
  const createdAt = toIso(t.created_at);
  if (createdAt) ticket.createdAt = createdAt;
  const status = normalizeStatus(t.status);
  if (status) ticket.status = status;
  if (t.tags !== undefined) ticket.tags = splitTags(t.tags, /\s+/);
  const occurredAt = toIso(t.updated_at) ?? createdAt ?? receivedAt;
  const base = { host: 'zendesk' as const, eventId: `invocation:${invocationId}`, ticketId: t.id, occurredAt, receivedAt };
  if (b.event === 'created') return { ignored: false, event: { ...base, event: { kind: 'ticket.created', ticket } } };
  const comment = commentFrom(b.comment, t.requester?.id, occurredAt);
  const snapshot = { ...ticket, ...(comment ? { comments: [comment] } : {}) };
  return { ignored: false, event: { ...base, event: { kind: 'ticket.updated', ticket: snapshot } } };
}

/** Latest comment: customer when written by the requester or an end user, otherwise agent. */
function commentFrom(c: z.infer<typeof triggerBody>['comment'], requesterId: string | undefined, at: string): Comment | null {
  if (!c?.id?.trim() || c.body === undefined) return null;
  const role = (c.author_role ?? '').trim().toLowerCase();
  const byCustomer = (requesterId && c.author_id === requesterId) || role === 'end-user' || role === 'end_user';
  return { id: c.id.trim(), author: byCustomer ? 'customer' : 'agent', public: c.is_public?.trim().toLowerCase() !== 'false', body: c.body, createdAt: at };
}
