/**
 * Zendesk trigger webhooks: the JSON body docs/zendesk.md tells the admin to paste (Zendesk placeholders, every value a
 * string; see placeholder-values.ts for empty/unrendered values). `"event": "created"` → ticket.created;
 * `"updated"` → a ticket.updated snapshot whose `comments` holds the latest comment. Dedupe key:
 * X-Zendesk-Webhook-Invocation-Id. Required: the format marker, `event`, `ticket.id`; everything else may be missing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Comment } from '../../../../policies/src/types';
import { AppError } from '../../errors';
import { toIso } from '../normalize-host-values';
import { placeholderTicket } from '../placeholder-ticket';
import { parseWith, type ParseResult } from '../parse-result';
import { placeholderText as text, requiredId } from '../placeholder-values';
import { zendeskChannel, zendeskStatus } from './zendesk-values';

const triggerBody = z.looseObject({
  complaint_desk: z.literal('zendesk-trigger-v1', { error: 'expected "zendesk-trigger-v1" (paste the trigger body from docs/zendesk.md)' }),
  event: z.enum(['created', 'updated'], { error: 'expected "created" or "updated" (the literal in the trigger body)' }),
  ticket: z.looseObject(
    {
      id: requiredId('{{ticket.id}}'),
      subject: text,
      description: text,
      status: text,
      priority: text,
      tags: text,
      via: text,
      created_at: text,
      updated_at: text,
      requester: z.looseObject({ id: text, name: text, email: text }).optional().catch(undefined),
    },
    { error: 'expected the "ticket" object of the documented body' },
  ),
  comment: z
    .looseObject({ id: text, body: text, is_public: text, author_id: text, author_role: text, created_at: text })
    .optional()
    .catch(undefined),
});

export function parseZendeskTrigger(
  body: unknown,
  invocationId: string | undefined,
  receivedAt: string,
  signedDigest?: string,
): ParseResult {
  const b = parseWith(triggerBody, body, 'Zendesk trigger body');
  const base = triggerBase(b.ticket.id, invocationId, receivedAt, signedDigest);
  const t = b.ticket;
  const ticket = placeholderTicket('zendesk', t, {
    channel: t.via,
    channelOf: zendeskChannel,
    statusOf: zendeskStatus,
    tagSeparator: /\s+/,
  });
  const createdAt = ticket.createdAt;
  const occurredAt = toIso(t.updated_at) ?? createdAt ?? receivedAt;
  const head = { ...base, occurredAt };
  if (b.event === 'created') return { ignored: false, event: { ...head, event: { kind: 'ticket.created', ticket } } };
  const comment = commentFrom(b.comment, t.requester?.id, occurredAt);
  const snapshot = { ...ticket, ...(comment ? { comments: [comment] } : {}) };
  return { ignored: false, event: { ...head, event: { kind: 'ticket.updated', ticket: snapshot } } };
}

/**
 * Event identity shared with the not-JSON recovery path. With `signedDigest` (a digest of what the signature
 * covers: timestamp + raw body) the event id is that digest, so a captured delivery resent with a fresh,
 * unsigned invocation id is a duplicate; otherwise the invocation id header.
 */
export function triggerBase(ticketId: string, invocationId: string | undefined, receivedAt: string, signedDigest?: string) {
  const id = invocationId?.trim();
  if (!id || id.length > 200) {
    throw new AppError('invalid_request', 'missing or oversized X-Zendesk-Webhook-Invocation-Id header (needed to drop redeliveries)', [
      { path: 'headers.x-zendesk-webhook-invocation-id', message: 'required, at most 200 characters' },
    ]);
  }
  return { host: 'zendesk' as const, eventId: signedDigest ? `signed:${signedDigest}` : `invocation:${id}`, ticketId, receivedAt };
}

/**
 * Latest comment: customer when written by the requester or an end user (`{{current_user.role}}` renders
 * `End-user`, `Agent`, `Admin`), otherwise agent. Zendesk has no placeholder for the comment id, so the id is
 * derived from author, time and text: the same comment seen by two updates gets the same id.
 */
function commentFrom(c: z.infer<typeof triggerBody>['comment'], requesterId: string | undefined, at: string): Comment | null {
  if (!c || c.body === undefined) return null;
  const role = (c.author_role ?? '').toLowerCase().replace(/[\s_]+/g, '-');
  const byCustomer = (requesterId !== undefined && c.author_id === requesterId) || role === 'end-user';
  const id =
    c.id && /^\d{1,20}$/.test(c.id)
      ? c.id
      : `zd-comment-${createHash('sha256')
          .update(JSON.stringify([c.author_id ?? '', c.created_at ?? '', c.body]))
          .digest('hex')
          .slice(0, 24)}`;
  return {
    id,
    author: byCustomer ? 'customer' : 'agent',
    public: c.is_public?.toLowerCase() !== 'false',
    body: c.body,
    createdAt: toIso(c.created_at) ?? at,
  };
}
