import {
  freshdeskPriorityToId, freshdeskStatusToId, idToFreshdeskPriority, idToFreshdeskStatus, idToZendeskStatus, zendeskStatusToId,
} from '../../../../../connector/src/hosts/map-status';
import { mergeTags } from '../../../../../connector/src/hosts/merge-tags';
import { normalizeChannel } from '../../../../../connector/src/hosts/normalize-channel';
import { rateLimitQueueOptions } from '../../../../../connector/src/hosts/rate-limit-options';

describe('status and priority mapping', () => {
  it('maps Zendesk hold ↔ on_hold and passes the rest', () => {
    expect(zendeskStatusToId('hold')).toBe('on_hold');
    expect(zendeskStatusToId('pending')).toBe('pending');
    expect(zendeskStatusToId('deleted')).toBeUndefined();
    expect(idToZendeskStatus('on_hold')).toBe('hold');
    expect(idToZendeskStatus('solved')).toBe('solved');
  });
  it('maps Freshdesk numbers per the team contract', () => {
    expect([2, 3, 4, 5, 6, 7, 99].map(freshdeskStatusToId)).toEqual(['open', 'pending', 'solved', 'closed', 'on_hold', 'on_hold', undefined]);
    expect(idToFreshdeskStatus('new', 7)).toBe(2);
    expect(idToFreshdeskStatus('on_hold', 6)).toBe(6);
    expect(idToFreshdeskStatus('solved', 7)).toBe(4);
    expect((['urgent', 'high', 'normal', 'low'] as const).map(idToFreshdeskPriority)).toEqual([4, 3, 2, 1]);
    expect(freshdeskPriorityToId(3)).toBe('high');
  });
});

describe('mergeTags', () => {
  it('keeps the agent tags, adds without duplicates, removal wins', () => {
    expect(mergeTags(['agent_tag', 'cd_sev_l3'], ['cd_sev_l1', 'agent_tag'], ['cd_sev_l3'])).toEqual(['agent_tag', 'cd_sev_l1']);
    expect(mergeTags(['a'], ['b'], ['b'])).toEqual(['a']);
  });
});

describe('normalizeChannel / rateLimitQueueOptions', () => {
  it('normalises host channel names', () => {
    expect(normalizeChannel('voice')).toBe('phone');
    expect(normalizeChannel('native_messaging')).toBe('chat');
    expect(normalizeChannel('web_form')).toBe('web');
    expect(normalizeChannel('Some-Thing')).toBe('some_thing');
    expect(normalizeChannel(undefined)).toBeUndefined();
  });
  it('turns a per-minute limit into p-queue options and rejects nonsense', () => {
    expect(rateLimitQueueOptions(160)).toEqual({ intervalCap: 160, interval: 60_000, concurrency: 4 });
    expect(() => rateLimitQueueOptions(0)).toThrow(/whole number/);
  });
});
