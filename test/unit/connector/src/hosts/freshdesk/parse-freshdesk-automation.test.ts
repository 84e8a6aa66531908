import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../../../connector/src/errors';
import { freshdeskEventId, parseFreshdeskAutomation } from '../../../../../../connector/src/hosts/freshdesk/parse-freshdesk-automation';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../../../fixtures/freshdesk', name), 'utf8'));
const at = '2026-11-22T12:00:00.000Z';

describe('parseFreshdeskAutomation', () => {
  it('turns ticket_created into ticket.created with text description, source → channel, comma tags', () => {
    const r = parseFreshdeskAutomation(fixture('webhook-ticket-created.json'), at);
    expect(r.ignored).toBe(false);
    if (r.ignored) return;
    expect(r.event).toMatchObject({ host: 'freshdesk', ticketId: '6541', occurredAt: '2026-11-22T09:00:00.000Z', receivedAt: at });
    expect(r.event.eventId).toMatch(/^fd-[0-9a-f]{40}$/);
    expect(r.event.event).toEqual({
      kind: 'ticket.created',
      ticket: {
        host: 'freshdesk',
        id: '6541',
        subject: 'Delivery arrived broken',
        description: 'The parcel arrived crushed and the glass lid is shattered.\nOrder 88123, batch B2611.',
        requester: { name: 'Chen Jing', email: 'chen.jing@example.com' },
        channel: 'web',
        createdAt: '2026-11-22T09:00:00.000Z',
        status: 'open',
        tags: ['delivery', 'glass'],
      },
    });
  });

  it('turns customer_reply into a public customer comment (HTML → text)', () => {
    const r = parseFreshdeskAutomation(fixture('webhook-customer-reply.json'), at);
    expect(!r.ignored && r.event.event).toEqual({
      kind: 'comment.added',
      comment: {
        id: expect.stringMatching(/^fd-/),
        author: 'customer',
        public: true,
        body: 'I have posted the photos on Weibo already & the journalists are interested.',
        createdAt: '2026-11-22T10:30:00.000Z',
      },
    });
  });

  it('derives the same event id for the same payload whatever the key order, and a new one when updated_at changes', () => {
    const a = fixture('webhook-customer-reply.json');
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(freshdeskEventId(reordered)).toBe(freshdeskEventId(a));
    expect(freshdeskEventId({ ...a, ticket: { ...a.ticket, updated_at: '2026-11-22T10:31:00Z' } })).not.toBe(freshdeskEventId(a));
  });

  it('keeps the delivery ids of the sorted-keys scheme under RFC 8785 (a redelivery across the upgrade still dedupes)', () => {
    // Computed with the hand-written sorted-keys serialisation this replaced.
    expect(freshdeskEventId(fixture('webhook-ticket-created.json'))).toBe('fd-07216f249ff39f4ff36d2db42b0343d8c79dbc89');
  });

  it('maps Freshdesk statuses and priorities', () => {
    const base = fixture('webhook-ticket-created.json');
    const s = parseFreshdeskAutomation(
      { ...base, event: 'status_changed', ticket: { ...base.ticket, status: 'Waiting on Third Party' } },
      at,
    );
    const p = parseFreshdeskAutomation({ ...base, event: 'priority_changed', ticket: { ...base.ticket, priority: 'Urgent' } }, at);
    expect(!s.ignored && s.event.event).toEqual({ kind: 'status.changed', status: 'on_hold' });
    expect(!p.ignored && p.event.event).toEqual({ kind: 'priority.changed', priority: 'urgent' });
  });

  it('names the field of a schema error', () => {
    const b = fixture('webhook-ticket-created.json');
    b.event = 'ticket_exploded';
    try {
      parseFreshdeskAutomation(b, at);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toEqual([expect.objectContaining({ path: 'event' })]);
    }
  });

  it('reads what Freshdesk really renders: Rails times, HTML-escaped subject, ", " tags, scripts dropped, unrendered → missing', () => {
    const r = parseFreshdeskAutomation(fixture('webhook-automation-rendered.json'), at);
    if (r.ignored || r.event.event.kind !== 'ticket.created') throw new Error('expected ticket.created');
    expect(r.event).toMatchObject({ ticketId: '6542', occurredAt: '2026-11-22T10:30:00.000Z' });
    expect(r.event.event.ticket).toEqual({
      host: 'freshdesk',
      id: '6542',
      subject: 'Lid & handle broken <again>',
      description: 'The lid & the handle broke again.\nOrder 88124, batch B2611.',
      requester: { name: 'Chen Jing', email: 'chen.jing@example.com' },
      channel: 'web',
      createdAt: '2026-11-22T09:00:00.000Z',
      status: 'on_hold',
      tags: ['delivery', 'glass'],
    });
  });

  it('a reply rule whose comment placeholder rendered empty is ignored (200), not an error', () => {
    const b = { ...fixture('webhook-automation-rendered.json'), event: 'note_added' };
    expect(parseFreshdeskAutomation(b, at)).toEqual({ ignored: true, reason: expect.stringContaining('note_added'), ticketId: '6542' });
  });

  it('accepts a numeric id (quotes removed by the admin); a missing id is a 400 naming ticket.id', () => {
    const b = fixture('webhook-automation-rendered.json');
    const r = parseFreshdeskAutomation({ ...b, ticket: { ...b.ticket, id: 6542, priority: 2 } }, at);
    expect(!r.ignored && r.event.ticketId).toBe('6542');
    try {
      parseFreshdeskAutomation({ ...b, ticket: { ...b.ticket, id: '' } }, at);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as AppError).details).toEqual([{ path: 'ticket.id', message: expect.stringContaining('{{ticket.id}}') }]);
    }
  });
});
