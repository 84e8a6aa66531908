/**
 * Zendesk's status, priority and channel values → the host-neutral ids, for every way a ticket arrives: the REST
 * API (`status: "hold"`, `via.channel: "web"`), event webhooks (`"HOLD"`, `"URGENT"`, `via.channel: "web_service"`;
 * developer.zendesk.com/api-reference/webhooks/event-types/ticket-events) and trigger placeholders (`{{ticket.status}}`
 * "On-hold", `{{ticket.via}}` "Web Form", "Web Service (API)", "Help Center"; support.zendesk.com "Zendesk
 * placeholders reference"). Channel names: developer.zendesk.com/documentation/ticketing/reference-guides/via-object-reference.
 * The one place that knows them: webhook parsers and the REST normaliser both call these.
 */
import type { PriorityId, StatusId } from '../../../../policies/src/ids';
import { channelFrom, hostValueKey, type ChannelKey } from '../channel-vocabulary';

const STATUS: Record<string, StatusId> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  on_hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
};
const PRIORITY: Record<string, PriorityId> = { urgent: 'urgent', high: 'high', normal: 'normal', low: 'low' };

const CHANNEL: Record<string, ChannelKey> = {
  email: 'email',
  mail: 'email',
  web_form: 'web',
  web: 'web',
  web_widget: 'web',
  help_center: 'web',
  helpcenter: 'web',
  feedback_tab: 'web',
  forum: 'web',
  forum_topic: 'web',
  chat: 'chat',
  chat_transcript: 'chat',
  native_messaging: 'chat',
  messaging: 'chat',
  voice: 'phone',
  phone: 'phone',
  phone_call: 'phone',
  voicemail: 'phone',
  mobile: 'app',
  mobile_sdk: 'app',
  sdk: 'app',
  twitter: 'social',
  twitter_dm: 'social',
  twitter_favorite: 'social',
  facebook: 'social',
  facebook_post: 'social',
  instagram_dm: 'social',
  whatsapp: 'social',
  line: 'social',
  wechat: 'social',
  any_channel: 'social',
  api: 'api',
  web_service: 'api',
  rule: 'api',
  trigger: 'api',
  automation: 'api',
  'trigger/automation': 'api',
};

export function zendeskStatus(value: unknown): StatusId | undefined {
  const key = hostValueKey(value);
  return key ? STATUS[key] : undefined;
}

export function zendeskPriority(value: unknown): PriorityId | undefined {
  const key = hostValueKey(value);
  return key ? PRIORITY[key] : undefined;
}

export function zendeskChannel(value: unknown): string | undefined {
  return channelFrom(CHANNEL, value);
}

export function toZendeskStatus(status: StatusId): string {
  return status === 'on_hold' ? 'hold' : status;
}
