import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../../../connector/src/errors';
import { parseZendeskTrigger } from '../../../../../../connector/src/hosts/zendesk/parse-zendesk-trigger';

const body = () => JSON.parse(readFileSync(join(__dirname, '../../../../../fixtures/zendesk/webhook-trigger-updated.json'), 'utf8'));
const at = '2026-11-22T12:00:00.000Z';

describe('parseZendeskTrigger', () => {
  it('turns the README trigger body into a ticket.updated snapshot with the latest comment, keyed by invocation id', () => {
    const r = parseZendeskTrigger(body(), '01HX-INVOCATION', at);
    expect(r).toEqual({
      ignored: false,
      event: {
        host: 'zendesk',
        eventId: 'invocation:01HX-INVOCATION',
        ticketId: '5158',
        occurredAt: '2026-11-22T11:25:30.000Z',
        receivedAt: at,
        event: {
          kind: 'ticket.updated',
          ticket: {
            host: 'zendesk',
            id: '5158',
            subject: 'Kettle charger smoking',
            description: expect.stringContaining('Batch B2611'),
            requester: { id: '8447388090494', name: 'Lin Wei', email: 'lin.wei@example.com' },
            channel: 'web',
            createdAt: '2026-11-22T10:12:07.000Z',
            status: 'on_hold',
            tags: ['kettle', 'cd_cat_quality', 'cd_sev_l1'],
            comments: [
              {
                id: '9876543210',
                author: 'customer',
                public: true,
                body: 'If nobody calls me today I will talk to my lawyer.',
                createdAt: '2026-11-22T11:25:30.000Z',
              },
            ],
          },
        },
      },
    });
  });

  it('treats a comment by someone other than the requester (not an end user) as an agent comment', () => {
    const b = body();
    b.comment.author_id = '42';
    b.comment.author_role = 'Agent';
    b.comment.is_public = 'false';
    const r = parseZendeskTrigger(b, 'inv-2', at);
    expect(!r.ignored && r.event.event.kind === 'ticket.updated' && r.event.event.ticket.comments).toEqual([
      expect.objectContaining({ author: 'agent', public: false }),
    ]);
  });

  it('turns event "created" into ticket.created', () => {
    const b = { ...body(), event: 'created' };
    const r = parseZendeskTrigger(b, 'inv-3', at);
    expect(!r.ignored && r.event.event.kind).toBe('ticket.created');
  });

  it('requires the invocation id header and names bad fields', () => {
    expect(() => parseZendeskTrigger(body(), undefined, at)).toThrow(/X-Zendesk-Webhook-Invocation-Id/);
    const b = body();
    b.ticket.id = '{{ticket.id}}';
    try {
      parseZendeskTrigger(b, 'inv', at);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toEqual([expect.objectContaining({ path: 'ticket.id' })]);
    }
    expect(() => parseZendeskTrigger({ ...body(), complaint_desk: undefined }, 'inv', at)).toThrow(/complaint_desk/);
  });

  describe('what Zendesk really renders', () => {
    const rendered = () =>
      JSON.parse(readFileSync(join(__dirname, '../../../../../fixtures/zendesk/webhook-trigger-rendered.json'), 'utf8'));

    it('reads the rendered README body: `_with_timestamp` times, "-" priority, no comment id placeholder → a stable derived id', () => {
      const r = parseZendeskTrigger(rendered(), 'inv-r1', at);
      if (r.ignored || r.event.event.kind !== 'ticket.updated') throw new Error('expected ticket.updated');
      expect(r.event.occurredAt).toBe('2026-11-22T11:25:00.000Z');
      const t = r.event.event.ticket;
      expect(t).toMatchObject({
        id: '5160',
        subject: 'Rice cooker lid "snapped" on first use',
        status: 'open',
        channel: 'web',
        createdAt: '2026-11-22T10:12:00.000Z',
        tags: ['cooker', 'lid'],
      });
      expect(t.description).toBe('The lid snapped off.\nThe inner pot is scratched.\n\nBatch B2611.');
      expect(t.comments).toEqual([
        {
          id: expect.stringMatching(/^zd-comment-[0-9a-f]{24}$/),
          author: 'customer',
          public: true,
          body: 'Still waiting. I will report this to the consumer association.',
          createdAt: '2026-11-22T11:25:00.000Z',
        },
      ]);
      const again = parseZendeskTrigger({ ...rendered(), ticket: { ...rendered().ticket, status: 'Pending' } }, 'inv-r2', at);
      expect(!again.ignored && again.event.event.kind === 'ticket.updated' && again.event.event.ticket.comments?.[0].id).toBe(
        t.comments![0].id,
      );
    });

    it('treats empty and unrendered placeholders as missing, and numbers as text', () => {
      const b = rendered();
      Object.assign(b.ticket, {
        id: 5160,
        subject: '{{ticket.title}}',
        status: '',
        tags: '{{ticket.tags}}',
        updated_at: 'not a date',
        requester: 'oops',
      });
      b.comment = { body: '', is_public: '{{ticket.latest_comment.is_public}}' };
      const r = parseZendeskTrigger(b, 'inv-r3', at);
      if (r.ignored || r.event.event.kind !== 'ticket.updated') throw new Error('expected ticket.updated');
      expect(r.event.ticketId).toBe('5160');
      expect(r.event.occurredAt).toBe('2026-11-22T10:12:00.000Z');
      expect(r.event.event.ticket).toEqual({
        host: 'zendesk',
        id: '5160',
        subject: '',
        description: expect.any(String),
        channel: 'web',
        createdAt: '2026-11-22T10:12:00.000Z',
      });
    });

    it("an agent's comment: author role Agent/Admin, not the requester", () => {
      const b = rendered();
      Object.assign(b.comment, { author_id: '42', author_role: 'Admin', is_public: 'false' });
      const r = parseZendeskTrigger(b, 'inv-r4', at);
      expect(!r.ignored && r.event.event.kind === 'ticket.updated' && r.event.event.ticket.comments).toEqual([
        expect.objectContaining({ author: 'agent', public: false }),
      ]);
    });
  });
});
