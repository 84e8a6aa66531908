/**
 * TicketChange → the body of ONE `PUT /api/v2/tickets/{id}.json`. Zendesk's Update Ticket replaces `tags`
 * (additional_tags/remove_tags are documented for update_many only), so tags are sent as the merged full list
 * together with `safe_update: true` + `updated_stamp`: if anyone changed the ticket since that stamp Zendesk
 * answers 409 and the client refetches and rebuilds. Changes without tags need no stamp (field-level writes).
 */
import type { Policy } from '../../../../policies/src/types';
import type { TicketChange } from '../host-client';
import { toZendeskStatus } from './zendesk-values';
import { changesTags, mergeTags, sameList } from '../merge-tags';
import { withMarker } from '../note-marker';

export interface ZendeskBase {
  tags: string[];
  updatedAt: string;
}

export function buildZendeskUpdate(
  change: TicketChange,
  policy: Policy,
  base: ZendeskBase | null,
  includeNote: boolean,
): Record<string, unknown> {
  const ticket: Record<string, unknown> = {};
  if (changesTags(change)) {
    if (!base) throw new Error('a tag change needs the ticket base (tags, updated_at)');
    const tags = mergeTags(base.tags, change.addTags, change.removeTags);
    if (!sameList(tags, base.tags)) Object.assign(ticket, { tags, safe_update: true, updated_stamp: base.updatedAt });
  }
  if (change.priority) ticket.priority = change.priority;
  if (change.group) {
    const id = policy.groups[change.group]?.zendeskGroupId;
    if (id != null) ticket.group_id = id;
  }
  if (change.status) ticket.status = toZendeskStatus(change.status);
  const custom = Object.entries(change.fields ?? {})
    .filter(([key]) => policy.hostFields.zendesk[key] != null)
    .map(([key, value]) => ({ id: policy.hostFields.zendesk[key], value }));
  if (custom.length) ticket.custom_fields = custom;
  if (change.problemId) {
    ticket.type = 'incident';
    ticket.problem_id = Number(change.problemId);
  }
  if (change.note && includeNote) ticket.comment = { body: withMarker(change.note.body, change.note.marker), public: false };
  return ticket;
}
