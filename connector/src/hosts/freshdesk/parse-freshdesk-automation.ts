/**
 * Freshdesk automation webhooks: the JSON body docs/freshdesk.md tells the admin to paste into each automation rule
 * (Freshdesk placeholders such as {{ticket.id}}; `event` is a literal per rule; see placeholder-values.ts for
 * empty/unrendered values). Freshdesk sends no delivery id, so the dedupe key is derived: `fd-` + SHA-256 of the
 * RFC 8785 canonical JSON of the body (it includes {{ticket.modified_on}}, so a redelivery matches and a later change does
 * not). Required: the format marker, `event`, `ticket.id`; everything else may be missing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Comment, Ticket } from '../../../../policies/src/types';
import { canonicalJson } from '../../canonical-json';
import type { NormalizedEvent } from '../../events/normalized-event';
import { decodeEntities, htmlToText, toIso } from '../normalize-host-values';
import { placeholderTicket } from '../placeholder-ticket';
import { parseWith, type ParseResult } from '../parse-result';
import { placeholderText as text, requiredId } from '../placeholder-values';
import { freshdeskChannel, freshdeskPriority, freshdeskStatus } from './freshdesk-values';

export const FRESHDESK_EVENTS = [
  'ticket_created',
  'customer_reply',
  'agent_reply',
  'note_added',
  'status_changed',
  'priority_changed',
  'ticket_updated',
] as const;

const automationBody = z.looseObject({
  complaint_desk: z.literal('freshdesk-automation-v1', {
    error: 'expected "freshdesk-automation-v1" (paste the automation body from docs/freshdesk.md)',
  }),
  event: z.enum(FRESHDESK_EVENTS, { error: `expected one of ${FRESHDESK_EVENTS.join(', ')} (the literal in the automation body)` }),
  ticket: z.looseObject(
    {
      id: requiredId('{{ticket.id}}'),
      subject: text,
      description: text,
      status: text,
      priority: text,
      source: text,
      tags: text,
      created_at: text,
      updated_at: text,
      requester: z.looseObject({ name: text, email: text, phone: text }).optional().catch(undefined),
    },
    { error: 'expected the "ticket" object of the documented body' },
  ),
  latest_public_comment: text,
  latest_private_comment: text,
});

type Body = z.infer<typeof automationBody>;

export function freshdeskEventId(body: unknown): string {
  return `fd-${createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 40)}`;
}

export function parseFreshdeskAutomation(body: unknown, receivedAt: string): ParseResult {
  const b = parseWith(automationBody, body, 'Freshdesk automation body');
  const t = b.ticket;
  const ticket = placeholderTicket('freshdesk', t, {
    channel: t.source,
    channelOf: freshdeskChannel,
    statusOf: freshdeskStatus,
    tagSeparator: /,/,
    subject: decodeEntities,
    description: htmlToText,
  });
  const createdAt = ticket.createdAt;
  const eventId = freshdeskEventId(body);
  const occurredAt = toIso(t.updated_at) ?? createdAt ?? receivedAt;
  const event = normalize(b, ticket, eventId, occurredAt);
  if (!event) return { ignored: true, reason: `the ${b.event} body carries no value Complaint Desk can use`, ticketId: t.id };
  return { ignored: false, event: { host: 'freshdesk', eventId, ticketId: t.id, occurredAt, receivedAt, event } };
}

function normalize(b: Body, ticket: Ticket, eventId: string, at: string): NormalizedEvent | null {
  switch (b.event) {
    case 'ticket_created':
      return { kind: 'ticket.created', ticket };
    case 'customer_reply':
    case 'agent_reply':
    case 'note_added': {
      const isNote = b.event === 'note_added';
      const raw = isNote ? b.latest_private_comment : b.latest_public_comment;
      if (raw === undefined) return null;
      const comment: Comment = {
        id: `${eventId}-comment`,
        author: b.event === 'customer_reply' ? 'customer' : 'agent',
        public: !isNote,
        body: htmlToText(raw),
        createdAt: at,
      };
      return { kind: 'comment.added', comment };
    }
    case 'status_changed':
      return ticket.status ? { kind: 'status.changed', status: ticket.status } : null;
    case 'priority_changed': {
      const priority = freshdeskPriority(b.ticket.priority);
      return priority ? { kind: 'priority.changed', priority } : null;
    }
    case 'ticket_updated':
      return { kind: 'ticket.updated', ticket };
  }
}
