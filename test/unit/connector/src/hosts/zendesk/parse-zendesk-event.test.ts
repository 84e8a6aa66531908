import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../../../connector/src/errors';
import { parseZendeskEvent } from '../../../../../../connector/src/hosts/zendesk/parse-zendesk-event';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../../../fixtures/zendesk', name), 'utf8'));
const at = '2026-11-22T12:00:00.000Z';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('parseZendeskEvent', () => {
  it('turns ticket.created into a ticket.created event keyed by the event id', () => {
    const r = parseZendeskEvent(fixture('webhook-ticket-created.json'), at);
    expect(r).toEqual({
      ignored: false,
      event: {
        host: 'zendesk',
        eventId: 'cbe4028c-7239-495d-b020-f22348516046',
        ticketId: '5158',
        occurredAt: '2026-11-22T10:12:07.672Z',
        receivedAt: at,
        event: {
          kind: 'ticket.created',
          ticket: {
            host: 'zendesk',
            id: '5158',
            subject: 'Kettle charger smoking',
            description: expect.stringContaining('smoking and sparking'),
            requester: { id: '8447388090494' },
            channel: 'web',
            createdAt: '2026-11-22T10:12:07.000Z',
            status: 'new',
            tags: ['kettle'],
          },
        },
      },
    });
  });

  it('turns comment_added into a customer comment when the author is not staff', () => {
    const r = parseZendeskEvent(fixture('webhook-comment-added.json'), at);
    expect(r.ignored).toBe(false);
    if (r.ignored) return;
    expect(r.event.event).toEqual({
      kind: 'comment.added',
      comment: {
        id: '9876543210',
        author: 'customer',
        public: true,
        body: 'If nobody calls me today I will talk to my lawyer.',
        createdAt: '2026-11-22T11:25:30.123Z',
      },
    });
  });

  it('maps status HOLD to on_hold, priority URGENT to urgent, and tags added/removed', () => {
    const s = parseZendeskEvent(fixture('webhook-status-changed.json'), at);
    const p = parseZendeskEvent(fixture('webhook-priority-changed.json'), at);
    const t = parseZendeskEvent(fixture('webhook-tags-changed.json'), at);
    expect(!s.ignored && s.event.event).toEqual({ kind: 'status.changed', status: 'on_hold', previous: 'open' });
    expect(!p.ignored && p.event.event).toEqual({ kind: 'priority.changed', priority: 'urgent', previous: 'high' });
    expect(!t.ignored && t.event.event).toEqual({
      kind: 'tags.changed',
      added: ['cd_malicious'],
      removed: ['cd_cat_quality'],
      tags: ['kettle', 'cd_malicious'],
    });
  });

  it('ignores ticket events it does not act on', () => {
    const body = {
      ...fixture('webhook-status-changed.json'),
      type: 'zen:event-type:ticket.brand_changed',
      event: { current: '1', previous: '2' },
    };
    expect(parseZendeskEvent(body, at)).toEqual({ ignored: true, reason: expect.stringContaining('brand_changed'), ticketId: '5158' });
  });

  it('names the field when the payload is malformed', () => {
    const noBody = fixture('webhook-comment-added.json');
    delete noBody.event.comment.body;
    const e = errorOf(() => parseZendeskEvent(noBody, at));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('invalid_request');
    expect(e.details).toEqual([expect.objectContaining({ path: 'event.comment.body' })]);

    const badSubject = { ...fixture('webhook-ticket-created.json'), subject: 'zen:user:1' };
    expect(errorOf(() => parseZendeskEvent(badSubject, at)).details).toEqual([expect.objectContaining({ path: 'subject' })]);
    const userEvent = { ...fixture('webhook-ticket-created.json'), type: 'zen:event-type:user.created' };
    expect(errorOf(() => parseZendeskEvent(userEvent, at)).details).toEqual([expect.objectContaining({ path: 'type' })]);
    const mismatch = fixture('webhook-ticket-created.json');
    mismatch.detail.id = '9999';
    expect(errorOf(() => parseZendeskEvent(mismatch, at)).details).toEqual([
      { path: 'detail.id', message: expect.stringContaining('zen:ticket:5158') },
    ]);
  });
});
