import nock from 'nock';
import { noteHasMarker, withMarker } from '../../../../../../connector/src/hosts/note-marker';
import { capture, fixture, useNock } from '../host-test-kit';
import { client, fd, note, noteHtml } from './freshdesk-client-kit';

describe('createFreshdeskClient', () => {
  useNock();

  it('getTicket reads ?include=conversations,requester and normalises status, source, cf_ fields and authors', async () => {
    const { fd: c } = client();
    fd().get('/api/v2/tickets/20').query({ include: 'conversations,requester' }).reply(200, fixture('freshdesk', 'api-ticket-view.json'));
    const t = await c.getTicket('20');
    expect(t).toEqual({
      host: 'freshdesk',
      id: '20',
      subject: 'Refund not received after three weeks',
      description: 'I returned the blender (batch B2311) and the refund has been pending for 3 weeks. I will complain to 12315.',
      requester: { id: '1001', name: 'Chen Jie', email: 'chen.jie@example.com', phone: '+886 912 345 678' },
      channel: 'chat',
      createdAt: '2026-11-20T08:00:00Z',
      status: 'on_hold',
      tags: ['refund', 'agent_note'],
      fields: { product_batch: 'B2311', product_model: 'BL-9' },
      comments: [
        {
          id: '3001',
          author: 'customer',
          public: true,
          body: 'Any news on my refund?',
          createdAt: '2026-11-21T07:00:00Z',
          attachments: [
            {
              name: 'receipt.pdf',
              size: 15360,
              contentType: 'application/pdf',
              url: 'https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/receipt.pdf',
            },
          ],
        },
        { id: '3002', author: 'agent', public: false, body: 'Checking with finance.', createdAt: '2026-11-21T07:45:00Z', attachments: [] },
      ],
      locale: 'zh-TW',
    });
  });

  it('getTicket pages /conversations when the embedded ten may not be all', async () => {
    const { fd: c } = client();
    const view = fixture('freshdesk', 'api-ticket-view.json');
    const conv = (i: number) => ({
      id: 4000 + i,
      body_text: `m${i}`,
      incoming: true,
      private: false,
      user_id: 1001,
      created_at: '2026-11-21T07:00:00Z',
    });
    view.conversations = Array.from({ length: 10 }, (_, i) => conv(i));
    fd().get('/api/v2/tickets/20').query(true).reply(200, view);
    fd()
      .get('/api/v2/tickets/20/conversations')
      .query({ per_page: '100', page: '1' })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => conv(i)),
      );
    fd()
      .get('/api/v2/tickets/20/conversations')
      .query({ per_page: '100', page: '2' })
      .reply(200, [conv(100)]);
    const t = await c.getTicket('20');
    expect(t.comments).toHaveLength(101);
  });

  it('applyChange: PUT with tags merged from a read right before it, priority 1-4, group, status, cf_ fields; then a private note', async () => {
    const { fd: c, r } = client();
    fd().get('/api/v2/tickets/20').query(true).reply(200, fixture('freshdesk', 'api-ticket-view.json'));
    await c.getTicket('20');
    fd().get('/api/v2/tickets/20').reply(200, fixture('freshdesk', 'api-ticket-view.json'));
    const puts: any[] = [];
    const notes: any[] = [];
    fd().put('/api/v2/tickets/20', capture(puts)).reply(200, fixture('freshdesk', 'api-ticket-update-response.json'));
    fd().post('/api/v2/tickets/20/notes', capture(notes)).reply(201, fixture('freshdesk', 'api-note-response.json'));
    await c.applyChange('20', {
      addTags: ['cd_cat_billing', 'cd_sev_l2', 'cd_sig_regulator'],
      priority: 'high',
      group: 'senior',
      status: 'open',
      fields: { product_batch: 'B2311', customer_request: 'refund' },
      note,
      problemId: '99',
    });
    expect(puts).toEqual([
      {
        tags: ['refund', 'agent_note', 'cd_cat_billing', 'cd_sev_l2', 'cd_sig_regulator'],
        priority: 3,
        group_id: 7002,
        status: 2,
        custom_fields: { cf_product_batch: 'B2311' },
      },
    ]);
    expect(notes).toEqual([{ body: withMarker(noteHtml, note.marker), private: true }]);
    expect(noteHasMarker(notes[0].body, note.marker)).toBe(true);
    expect(r.calls.map((x) => x.status)).toEqual(['200', '200', '200', '201']);
    expect(JSON.stringify(r.logs)).not.toContain('Resolve by');
  });

  it('reads the current tags right before every tag write (Freshdesk replaces the list; a cached list would drop agent tags)', async () => {
    const { fd: c } = client();
    const puts: any[] = [];
    fd().get('/api/v2/tickets/20').reply(200, fixture('freshdesk', 'api-ticket-view.json'));
    fd().get('/api/v2/tickets/20').reply(200, fixture('freshdesk', 'api-ticket-update-response.json'));
    fd().put('/api/v2/tickets/20', capture(puts)).reply(200, fixture('freshdesk', 'api-ticket-update-response.json'));
    fd().put('/api/v2/tickets/20', capture(puts)).reply(200, fixture('freshdesk', 'api-ticket-update-response.json'));
    await c.applyChange('20', { removeTags: ['agent_note'], addTags: ['cd_sev_l1'] });
    await c.applyChange('20', { addTags: ['cd_sla_warning'] });
    expect(puts[0]).toEqual({ tags: ['refund', 'cd_sev_l1'] });
    expect(puts[1]).toEqual({ tags: ['refund', 'agent_note', 'cd_cat_billing', 'cd_sev_l2', 'cd_sig_regulator', 'cd_sla_warning'] });
    expect(nock.isDone()).toBe(true);
  });

  it('on_hold writes the configured custom status; a note-only change makes no PUT', async () => {
    const { fd: c } = client({ onHoldStatus: 6 });
    const puts: any[] = [];
    fd().put('/api/v2/tickets/20', capture(puts)).reply(200, fixture('freshdesk', 'api-ticket-update-response.json'));
    await c.applyChange('20', { status: 'on_hold', group: 'front_line' });
    expect(puts).toEqual([{ status: 6 }]);
    fd().post('/api/v2/tickets/20/notes').reply(201, fixture('freshdesk', 'api-note-response.json'));
    await c.applyChange('20', { note });
    expect(nock.isDone()).toBe(true);
  });

  it('on a retried change, skips the note when a conversation already carries its marker', async () => {
    const { fd: c } = client();
    const puts: any[] = [];
    fd().put('/api/v2/tickets/20', capture(puts)).reply(200, fixture('freshdesk', 'api-ticket-update-response.json'));
    fd()
      .get('/api/v2/tickets/20/conversations')
      .query(true)
      .reply(200, [
        {
          id: 3010,
          body: `<div>${withMarker(noteHtml, note.marker)}</div>`,
          body_text: 'Classified…',
          private: true,
          incoming: false,
          created_at: '2026-11-21T08:10:05Z',
        },
      ]);
    await c.applyChange('20', { priority: 'urgent', note }, { retry: true });
    expect(puts).toEqual([{ priority: 4 }]);
    expect(nock.isDone()).toBe(true);

    const notes: any[] = [];
    fd().get('/api/v2/tickets/20/conversations').query(true).reply(200, []);
    fd().post('/api/v2/tickets/20/notes', capture(notes)).reply(201, fixture('freshdesk', 'api-note-response.json'));
    await c.applyChange('20', { note }, { retry: true });
    expect(notes).toHaveLength(1);
  });

  it('a note POST that failed with 5xx is not re-posted when its marker shows it landed', async () => {
    const { fd: c, r } = client();
    fd().post('/api/v2/tickets/20/notes').reply(500, {});
    fd()
      .get('/api/v2/tickets/20/conversations')
      .query(true)
      .reply(200, [{ id: 3011, body: withMarker(noteHtml, note.marker), private: true, created_at: '2026-11-21T08:10:05Z' }]);
    await c.applyChange('20', { note });
    expect(nock.isDone()).toBe(true);
    expect(r.sleeps).toEqual([50]);
  });

  it('400 validation errors are permanent and carry the field, not the value', async () => {
    const { fd: c, r } = client();
    fd().put('/api/v2/tickets/20').reply(400, fixture('freshdesk', 'api-error-validation.json'));
    const err = await c.applyChange('20', { group: 'senior' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'permanent', status: 400 });
    expect(err.message).toContain('group_id:invalid_value');
    expect(r.calls).toHaveLength(1);
  });

  it('429 on the note honours Retry-After, then posts once', async () => {
    const { fd: c, r } = client();
    fd().post('/api/v2/tickets/20/notes').reply(429, { message: 'rate limited' }, { 'Retry-After': '30' });
    fd().post('/api/v2/tickets/20/notes').reply(201, fixture('freshdesk', 'api-note-response.json'));
    await c.applyChange('20', { note });
    expect(r.sleeps).toEqual([30_000]);
    expect(nock.isDone()).toBe(true);
  });
});
