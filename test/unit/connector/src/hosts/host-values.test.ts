import {
  freshdeskChannel,
  freshdeskPriority,
  freshdeskStatus,
  toFreshdeskPriority,
  toFreshdeskStatus,
} from '../../../../../connector/src/hosts/freshdesk/freshdesk-values';
import { toZendeskStatus, zendeskChannel, zendeskPriority, zendeskStatus } from '../../../../../connector/src/hosts/zendesk/zendesk-values';

describe('Zendesk values (REST lower-case, events upper-case, trigger placeholders display names)', () => {
  it('statuses', () => {
    expect(['NEW', 'OPEN', 'PENDING', 'HOLD', 'On-hold', 'hold', 'SOLVED', 'closed'].map(zendeskStatus)).toEqual([
      'new',
      'open',
      'pending',
      'on_hold',
      'on_hold',
      'on_hold',
      'solved',
      'closed',
    ]);
    expect(zendeskStatus('DELETED')).toBeUndefined();
    expect(toZendeskStatus('on_hold')).toBe('hold');
    expect(toZendeskStatus('solved')).toBe('solved');
  });
  it('priorities', () => {
    expect(['URGENT', 'High', 'normal', 'low', '-', null].map(zendeskPriority)).toEqual([
      'urgent',
      'high',
      'normal',
      'low',
      undefined,
      undefined,
    ]);
  });
  it('channels: REST, event and placeholder names of one channel give one key', () => {
    expect(['web', 'web_form', 'Web Form', 'help_center', 'Help Center', 'web_widget'].map(zendeskChannel)).toEqual(Array(6).fill('web'));
    expect(['api', 'web_service', 'Web Service (API)'].map(zendeskChannel)).toEqual(['api', 'api', 'api']);
    expect(['email', 'Mail', 'voice', 'native_messaging', 'mobile_sdk', 'twitter'].map(zendeskChannel)).toEqual([
      'email',
      'email',
      'phone',
      'chat',
      'app',
      'social',
    ]);
    expect(zendeskChannel('Some-Thing')).toBe('some_thing');
    expect(zendeskChannel('')).toBeUndefined();
  });
});

describe('Freshdesk values (REST numbers, automation placeholder names)', () => {
  it('statuses', () => {
    expect([2, 3, 4, 5, 6, 7, 99].map(freshdeskStatus)).toEqual(['open', 'pending', 'solved', 'closed', 'on_hold', 'on_hold', undefined]);
    expect(['Open', 'Pending', 'Resolved', 'Closed', 'Waiting on Customer', 'Waiting on Third Party'].map(freshdeskStatus)).toEqual([
      'open',
      'pending',
      'solved',
      'closed',
      'on_hold',
      'on_hold',
    ]);
    expect(toFreshdeskStatus('new', 7)).toBe(2);
    expect(toFreshdeskStatus('on_hold', 6)).toBe(6);
    expect(toFreshdeskStatus('solved', 7)).toBe(4);
  });
  it('priorities', () => {
    expect([4, 3, 2, 1, 'Urgent', 'Medium', 'Low', '-'].map(freshdeskPriority)).toEqual([
      'urgent',
      'high',
      'normal',
      'low',
      'urgent',
      'normal',
      'low',
      undefined,
    ]);
    expect((['urgent', 'high', 'normal', 'low'] as const).map(toFreshdeskPriority)).toEqual([4, 3, 2, 1]);
  });
  it('sources', () => {
    expect([1, 2, 3, 7, 9, 10, 'Portal', 'Feedback Widget', 'Outbound Email', 'Email'].map(freshdeskChannel)).toEqual([
      'email',
      'web',
      'phone',
      'chat',
      'web',
      'email',
      'web',
      'web',
      'email',
      'email',
    ]);
  });
});
