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

/**
 * The policy gives each severity its own Freshdesk priority (`severities.*.priority.freshdesk`, 1-4): written when the
 * change's priority is that severity's own; an escalation's more urgent priority maps by name (urgent 4 … low 1).
 */
function freshdeskPriorityOf(change: TicketChange, policy: Policy): number {
  const own = change.severity ? policy.severities[change.severity]?.priority : undefined;
  return own && own.zendesk === change.priority ? own.freshdesk : toFreshdeskPriority(change.priority!);
}

export function buildFreshdeskUpdate(
  change: TicketChange,
  policy: Policy,
  currentTags: string[] | null,
  onHoldStatus: number,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const tags = currentTags && mergeTags(currentTags, change.addTags, change.removeTags);
  if (tags && currentTags && !sameList(tags, currentTags)) body.tags = tags;
  if (change.priority) body.priority = freshdeskPriorityOf(change, policy);
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
