/**
 * TicketChange → the body of `PUT /api/v2/tickets/{id}` (Freshdesk). Freshdesk replaces the whole `tags` list and has
 * no conditional update, so tags are merged with the current list the client read (cached from getTicket or our
 * last write, else one GET). The note is a separate `POST /notes`. `problemId` has no update field in Freshdesk:
 * members are linked when the tracker is created (`related_ticket_ids`), so it is not sent here.
 */
import type { Policy } from '../../../../policies/src/types';
import type { TicketChange } from '../host-client';
import { toFreshdeskPriority, toFreshdeskStatus } from './freshdesk-values';
import { mergeTags, sameList } from '../merge-tags';

export function buildFreshdeskUpdate(change: TicketChange, policy: Policy, currentTags: string[] | null, onHoldStatus: number): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const tags = currentTags && mergeTags(currentTags, change.addTags, change.removeTags);
  if (tags && currentTags && !sameList(tags, currentTags)) body.tags = tags;
  if (change.priority) body.priority = toFreshdeskPriority(change.priority);
  if (change.group) {
    const id = policy.groups[change.group]?.freshdeskGroupId;
    if (id != null) body.group_id = id;
  }
  if (change.status) body.status = toFreshdeskStatus(change.status, onHoldStatus);
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change.fields ?? {})) {
    const cf = policy.hostFields.freshdesk[key];
    if (cf) custom[cf] = value;
  }
  if (Object.keys(custom).length) body.custom_fields = custom;
  return body;
}
