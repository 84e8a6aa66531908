/**
 * The host-neutral ticket snapshot a trigger/automation body carries (placeholder values, already read by
 * placeholder-values.ts): the two hosts differ only in how channel and tags are written, and Freshdesk
 * HTML-escapes subject and description. Shared by parse-zendesk-trigger.ts and parse-freshdesk-automation.ts.
 */
import type { HostId, Ticket } from '../../../policies/src/types';
import type { StatusId } from '../../../policies/src/ids';
import { splitTags, toIso } from './normalize-host-values';

export interface PlaceholderTicket {
  id: string;
  subject?: string;
  description?: string;
  status?: string;
  tags?: string;
  created_at?: string;
  requester?: Record<string, unknown>;
}

export interface PlaceholderFormat {
  /** The host's channel/source value (`{{ticket.via}}`, `{{ticket.source}}`). */
  channel: string | undefined;
  /** The host's value readers (hosts/<host>/<host>-values.ts): the same ones its REST normaliser uses. */
  channelOf: (value: unknown) => string | undefined;
  statusOf: (value: unknown) => StatusId | undefined;
  /** How the host separates tags in `{{ticket.tags}}`. */
  tagSeparator: RegExp;
  /** Subject/description as text (Freshdesk decodes entities and strips HTML). */
  subject?: (s: string) => string;
  description?: (s: string) => string;
}

export function placeholderTicket(host: HostId, t: PlaceholderTicket, f: PlaceholderFormat): Ticket {
  const ticket: Ticket = {
    host,
    id: t.id,
    subject: (f.subject ?? String)(t.subject ?? ''),
    description: (f.description ?? String)(t.description ?? ''),
  };
  const requester = t.requester && Object.fromEntries(Object.entries(t.requester).filter(([, v]) => typeof v === 'string' && v));
  if (requester && Object.keys(requester).length) ticket.requester = requester;
  const channel = f.channelOf(f.channel);
  if (channel) ticket.channel = channel;
  const createdAt = toIso(t.created_at);
  if (createdAt) ticket.createdAt = createdAt;
  const status = f.statusOf(t.status);
  if (status) ticket.status = status;
  if (t.tags !== undefined) ticket.tags = splitTags(t.tags, f.tagSeparator);
  return ticket;
}
