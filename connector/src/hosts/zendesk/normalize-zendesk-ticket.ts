/** Zendesk ticket + sideloaded users + comments → host-neutral `Ticket` (status hold → on_hold, via.channel, custom fields → intake keys). */
import type { Comment, Policy, Ticket } from '../../../../policies/src/types';
import type { ZdComment, ZdTicket, ZdUser } from './zendesk-payloads';
import { zendeskChannel, zendeskStatus } from './zendesk-values';

export function normalizeZendeskTicket(t: ZdTicket, users: ZdUser[], comments: ZdComment[], policy: Policy): Ticket {
  /** Later entries win: callers pass the fullest sideload (the ticket's) last. */
  const byId = new Map(users.map((u) => [u.id, u]));
  const requester = t.requester_id != null ? byId.get(t.requester_id) : undefined;
  const fieldKeys = new Map(Object.entries(policy.hostFields.zendesk).map(([key, id]) => [id, key]));
  const fields: Record<string, string | number | boolean | null> = {};
  for (const f of t.custom_fields ?? []) {
    const key = fieldKeys.get(f.id);
    if (key) fields[key] = toFieldValue(f.value);
  }
  return {
    host: 'zendesk',
    id: String(t.id),
    subject: t.subject ?? '',
    description: t.description ?? '',
    requester:
      t.requester_id == null
        ? undefined
        : {
            id: String(t.requester_id),
            name: requester?.name,
            email: requester?.email ?? undefined,
            phone: requester?.phone ?? undefined,
            tags: requester?.tags,
          },
    channel: zendeskChannel(t.via?.channel),
    createdAt: t.created_at,
    status: zendeskStatus(t.status),
    tags: t.tags ?? [],
    fields,
    comments: comments.map((c) => toComment(c, t.requester_id, byId)),
    locale: requester?.locale,
  };
}

function toComment(c: ZdComment, requesterId: number | undefined, users: Map<number, ZdUser>): Comment {
  const author = users.get(c.author_id);
  const role: Comment['author'] =
    c.author_id === requesterId || author?.role === 'end-user'
      ? 'customer'
      : author?.role === 'agent' || author?.role === 'admin'
        ? 'agent'
        : 'system';
  return {
    id: String(c.id),
    author: role,
    public: c.public,
    body: c.plain_body ?? c.body ?? '',
    createdAt: c.created_at,
    attachments: (c.attachments ?? []).map((a) => ({ name: a.file_name, size: a.size, contentType: a.content_type, url: a.content_url })),
  };
}

function toFieldValue(v: unknown): string | number | boolean | null {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return Array.isArray(v) ? v.join(',') : JSON.stringify(v);
}
