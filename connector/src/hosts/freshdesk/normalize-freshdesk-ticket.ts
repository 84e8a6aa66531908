/** Freshdesk ticket (+ requester, conversations) → host-neutral `Ticket` (status numbers, source → channel, cf_ fields → intake keys). */
import type { Comment, Policy, Ticket } from '../../../../policies/src/types';
import type { FdConversation, FdTicket } from './freshdesk-payloads';
import { freshdeskChannel, freshdeskStatus } from './freshdesk-values';

export function normalizeFreshdeskTicket(t: FdTicket, conversations: FdConversation[], policy: Policy): Ticket {
  const fieldKeys = new Map(Object.entries(policy.hostFields.freshdesk).map(([key, cf]) => [cf, key]));
  const fields: Record<string, string | number | boolean | null> = {};
  for (const [cf, value] of Object.entries(t.custom_fields ?? {})) {
    const key = fieldKeys.get(cf);
    if (key) fields[key] = value == null ? null : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
  }
  const r = t.requester;
  return {
    host: 'freshdesk',
    id: String(t.id),
    subject: t.subject ?? '',
    description: t.description_text ?? t.description ?? '',
    requester:
      t.requester_id == null
        ? undefined
        : {
            id: String(t.requester_id),
            name: r?.name,
            email: r?.email ?? undefined,
            phone: r?.phone ?? r?.mobile ?? undefined,
          },
    channel: freshdeskChannel(t.source),
    createdAt: t.created_at,
    status: freshdeskStatus(t.status),
    tags: t.tags ?? [],
    fields,
    comments: conversations.map((c) => toComment(c, t.requester_id)),
    locale: r?.language,
  };
}

function toComment(c: FdConversation, requesterId: number | undefined): Comment {
  return {
    id: String(c.id),
    author: c.incoming || (c.user_id != null && c.user_id === requesterId) ? 'customer' : 'agent',
    public: !c.private,
    body: c.body_text ?? c.body ?? '',
    createdAt: c.created_at,
    attachments: (c.attachments ?? []).map((a) => ({ name: a.name, size: a.size, contentType: a.content_type, url: a.attachment_url })),
  };
}
