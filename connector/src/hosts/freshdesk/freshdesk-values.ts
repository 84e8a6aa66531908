/**
 * Freshdesk's status, priority and source values → the host-neutral ids, for both ways a ticket arrives: the REST
 * API v2 (numbers: status 2 Open, 3 Pending, 4 Resolved, 5 Closed, 6/7 Waiting on Customer/Third Party; priority
 * 1 Low … 4 Urgent; source 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback Widget, 10 Outbound Email —
 * developers.freshdesk.com/api/#tickets) and automation placeholders, which render the names (`{{ticket.status}}`
 * "Waiting on Customer", `{{ticket.priority}}` "Medium", `{{ticket.source}}` "Portal"). The one place that knows them.
 */
import type { PriorityId, StatusId } from '../../../../policies/src/ids';
import { channelFrom, hostValueKey, type ChannelKey } from '../channel-vocabulary';

const STATUS: Record<string, StatusId> = {
  '2': 'open',
  '3': 'pending',
  '4': 'solved',
  '5': 'closed',
  '6': 'on_hold',
  '7': 'on_hold',
  open: 'open',
  pending: 'pending',
  resolved: 'solved',
  closed: 'closed',
  waiting_on_customer: 'on_hold',
  waiting_on_third_party: 'on_hold',
};
const PRIORITY: Record<string, PriorityId> = {
  '1': 'low',
  '2': 'normal',
  '3': 'high',
  '4': 'urgent',
  low: 'low',
  medium: 'normal',
  high: 'high',
  urgent: 'urgent',
};
const PRIORITY_NUMBER: Record<PriorityId, number> = { low: 1, normal: 2, high: 3, urgent: 4 };

/** Source numbers → names (developers.freshdesk.com/api/#tickets, "Source"); names → channel keys. */
export const FD_SOURCES: Record<number, string> = {
  1: 'email',
  2: 'portal',
  3: 'phone',
  5: 'twitter',
  6: 'facebook',
  7: 'chat',
  8: 'mobihelp',
  9: 'feedback_widget',
  10: 'outbound_email',
  11: 'ecommerce',
  13: 'whatsapp',
};
const CHANNEL: Record<string, ChannelKey> = {
  email: 'email',
  outbound_email: 'email',
  portal: 'web',
  feedback_widget: 'web',
  forum: 'web',
  phone: 'phone',
  chat: 'chat',
  mobihelp: 'app',
  twitter: 'social',
  facebook: 'social',
  whatsapp: 'social',
  ecommerce: 'social',
  api: 'api',
};

export function freshdeskStatus(value: unknown): StatusId | undefined {
  const key = hostValueKey(value);
  return key ? STATUS[key] : undefined;
}

export function freshdeskPriority(value: unknown): PriorityId | undefined {
  const key = hostValueKey(value);
  return key ? PRIORITY[key] : undefined;
}

/** `source` as the API's number or the placeholder's name. */
export function freshdeskChannel(source: unknown): string | undefined {
  const named =
    typeof source === 'number' || /^\d+$/.test(String(source ?? '').trim()) ? (FD_SOURCES[Number(source)] ?? String(source)) : source;
  return channelFrom(CHANNEL, named);
}

/** `new` has no Freshdesk equivalent and becomes open (2); on_hold uses the account's configured custom status. */
export function toFreshdeskStatus(status: StatusId, onHoldStatus: number): number {
  const table: Record<StatusId, number> = { new: 2, open: 2, pending: 3, on_hold: onHoldStatus, solved: 4, closed: 5 };
  return table[status];
}

export function toFreshdeskPriority(priority: PriorityId): number {
  return PRIORITY_NUMBER[priority];
}
