import { htmlToText, normalizeChannel, normalizePriority, normalizeStatus, splitTags, toIso } from '../../../../../connector/src/webhooks/normalize-host-values';

describe('normalize host values', () => {
  it('maps Zendesk and Freshdesk statuses onto ours', () => {
    expect(['NEW', 'OPEN', 'PENDING', 'HOLD', 'On-hold', 'SOLVED', 'CLOSED'].map(normalizeStatus)).toEqual(['new', 'open', 'pending', 'on_hold', 'on_hold', 'solved', 'closed']);
    expect(['Open', 'Pending', 'Resolved', 'Closed', 'Waiting on Customer', 'Waiting on Third Party', 6].map(normalizeStatus)).toEqual(['open', 'pending', 'solved', 'closed', 'on_hold', 'on_hold', 'on_hold']);
    expect(normalizeStatus('DELETED')).toBeNull();
  });

  it('maps priorities, including Freshdesk Medium and numbers', () => {
    expect(['URGENT', 'High', 'normal', 'Medium', 'Low', 4, 1, '-'].map(normalizePriority)).toEqual(['urgent', 'high', 'normal', 'normal', 'low', 'urgent', 'low', null]);
  });

  it('maps channels to keys', () => {
    expect(['email', 'Mail', 'web_form', 'Portal', 'Feedback Widget', 'chat', 'native_messaging', 'voice', 'Phone', 'mobile_sdk', 'api', 'web_service', 'twitter'].map(normalizeChannel))
      .toEqual(['email', 'email', 'web', 'web', 'web', 'chat', 'chat', 'phone', 'phone', 'app', 'api', 'api', 'social']);
    expect(normalizeChannel('')).toBeUndefined();
  });

  it('splits tags, parses host times and strips HTML', () => {
    expect(splitTags('a  b c', /\s+/)).toEqual(['a', 'b', 'c']);
    expect(splitTags('a, b,,c', /,/)).toEqual(['a', 'b', 'c']);
    expect(toIso('2025-01-08T14:25:30.123456789Z')).toBe('2025-01-08T14:25:30.123Z');
    expect(toIso('{{ticket.updated_at}}')).toBeNull();
    expect(htmlToText('<p>a &amp; b</p><p>c&nbsp;d</p>')).toBe('a & b\nc d');
  });
});
