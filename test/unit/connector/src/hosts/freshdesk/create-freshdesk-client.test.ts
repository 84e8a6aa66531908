import nock from 'nock';
import { createFreshdeskClient } from '../../../../../../connector/src/hosts/freshdesk/create-freshdesk-client';
import { markersIn, noteHasMarker, withMarker } from '../../../../../../connector/src/hosts/note-marker';
import { capture, fastQueue, fixture, recorder, retry, testPolicy, useNock } from '../host-test-kit';

const BASE = 'https://acme.freshdesk.com';
const AUTH = `Basic ${Buffer.from('fd-key-1:X').toString('base64')}`;
const policy = testPolicy();

function client(extra: Record<string, unknown> = {}) {
  const r = recorder();
  const fd = createFreshdeskClient({
    domain: 'acme', apiKey: 'fd-key-1', getPolicy: () => policy,
    queue: fastQueue, retry, sleep: r.sleep, random: () => 0.5, logger: r.logger, metrics: r.metrics, ...extra,
  });
  return { fd, r };
}

const fd = () => nock(BASE, { reqheaders: { authorization: AUTH } });
const note = { body: 'Classified: billing / L2 <regulator>.\nResolve by Friday.', marker: 'cd:freshdesk:20:evt-7:classification' };
const noteHtml = 'Classified: billing / L2 &lt;regulator&gt;.<br>Resolve by Friday.';

describe('createFreshdeskClient', () => {
  useNock();

  it('getTicket reads ?include=conversations,requester and normalises status, source, cf_ fields and authors', async () => {
    const { fd: c } = client();
    fd().get('/api/v2/tickets/20').query({ include: 'conversations,requester' }).reply(200, fixture('freshdesk', 'api-ticket-view.json'));
    const t = await c.getTicket('20');
    expect(t).toEqual({
      host: 'freshdesk', id: '20', subject: 'Refund not received after three weeks',
      description: 'I returned the blender (batch B2311) and the refund has been pending for 3 weeks. I will complain to 12315.',
      requester: { id: '1001', name: 'Chen Jie', email: 'chen.jie@example.com', phone: '+886 912 345 678' },
      channel: 'chat', createdAt: '2026-11-20T08:00:00Z', status: 'on_hold', tags: ['refund', 'agent_note'],
      fields: { product_batch: 'B2311', product_model: 'BL-9' },
      comments: [
        { id: '3001', author: 'customer', public: true, body: 'Any news on my refund?', createdAt: '2026-11-21T07:00:00Z',
          attachments: [{ name: 'receipt.pdf', size: 15360, contentType: 'application/pdf', url: 'https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/receipt.pdf' }] },
        { id: '3002', author: 'agent', public: false, body: 'Checking with finance.', createdAt: '2026-11-21T07:45:00Z', attachments: [] },
      ],
      locale: 'zh-TW',
    });
  });

  it('getTicket pages /conversations when the embedded ten may not be all', async () => {
    const { fd: c } = client();
    const view = fixture('freshdesk', 'api-ticket-view.json');
    const conv = (i: number) => ({ id: 4000 + i, body_text: `m${i}`, incoming: true, private: false, user_id: 1001, created_at: '2026-11-21T07:00:00Z' });
    view.conversations = Array.from({ length: 10 }, (_, i) => conv(i));
    fd().get('/api/v2/tickets/20').query(true).reply(200, view);
    fd().get('/api/v2/tickets/20/conversations').query({ per_page: '100', page: '1' }).reply(200, Array.from({ length: 100 }, (_, i) => conv(i)));
    fd().get('/api/v2/tickets/20/conversations').query({ per_page: '100', page: '2' }).reply(200, [conv(100)]);
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
      addTags: ['cd_cat_billing', 'cd_sev_l2', 'cd_sig_regulator'], priority: 'high', group: 'senior', status: 'open',
      fields: { product_batch: 'B2311', customer_request: 'refund' }, note, problemId: '99',
    });
    expect(puts).toEqual([{
      tags: ['refund', 'agent_note', 'cd_cat_billing', 'cd_sev_l2', 'cd_sig_regulator'],
      priority: 3, group_id: 7002, status: 2, custom_fields: { cf_product_batch: 'B2311' },
    }]);
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
    fd().get('/api/v2/tickets/20/conversations').query(true)
      .reply(200, [{ id: 3010, body: `<div>${withMarker(noteHtml, note.marker)}</div>`, body_text: 'Classified…', private: true, incoming: false, created_at: '2026-11-21T08:10:05Z' }]);
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
    fd().get('/api/v2/tickets/20/conversations').query(true).reply(200, [{ id: 3011, body: withMarker(noteHtml, note.marker), private: true, created_at: '2026-11-21T08:10:05Z' }]);
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

  it('createTicket follow-up: a child ticket of the original (parent_id) with due dates, requester, group, tags', async () => {
    const { fd: c } = client();
    const bodies: any[] = [];
    fd().post('/api/v2/tickets', capture(bodies)).reply(201, fixture('freshdesk', 'api-ticket-create-response.json'));
    const res = await c.createTicket({
      kind: 'follow_up', subject: 'Follow-up visit: ticket 20', body: 'Call the customer.\nCSAT?', requesterId: '1001',
      group: 'senior', tags: ['cd_follow_up'], relatedTicketId: '20', dueAt: '2026-11-27T09:00:00.000Z',
    }, { retry: false });
    expect(res).toEqual({ id: '45' });
    expect(bodies).toEqual([{
      subject: 'Follow-up visit: ticket 20', description: expect.stringMatching(/^Call the customer\.<br>CSAT\?\u2060[\u200b\u200c]+\u2060$/), requester_id: 1001, status: 2, priority: 2,
      tags: ['cd_follow_up'], group_id: 7002, due_by: '2026-11-27T09:00:00.000Z', fr_due_by: '2026-11-27T09:00:00.000Z', parent_id: 20,
    }]);
  });

  it('createTicket problem: a tracker ticket with related_ticket_ids, requester from defaultRequesterEmail', async () => {
    const { fd: c } = client({ defaultRequesterEmail: 'complaints@acme.example' });
    const bodies: any[] = [];
    fd().post('/api/v2/tickets', capture(bodies)).reply(201, { id: 46, tags: ['cd_batch'], updated_at: '2026-11-24T09:00:00Z' });
    const res = await c.createTicket({ kind: 'problem', subject: 'Batch B2311', body: 'Cluster of 3.', tags: ['cd_batch'], relatedTicketId: '20', relatedTicketIds: ['21', '22', '20'], priority: 'high' }, { retry: false });
    expect(res).toEqual({ id: '46' });
    expect(bodies).toEqual([{
      subject: 'Batch B2311', description: expect.stringMatching(/^Cluster of 3\./), email: 'complaints@acme.example', status: 2, priority: 3,
      tags: ['cd_batch'], related_ticket_ids: [20, 21, 22],
    }]);
  });

  it('createTicket without any requester fails permanently with a fix hint, making no call', async () => {
    const { fd: c, r } = client();
    await expect(c.createTicket({ kind: 'problem', subject: 's', body: 'b', tags: [] })).rejects.toMatchObject({ code: 'permanent', message: expect.stringContaining('defaultRequesterEmail') });
    expect(r.calls).toEqual([]);
  });

  describe('createTicket idempotency (hidden cd-ref marker in the description)', () => {
    const followUp = {
      kind: 'follow_up' as const, subject: 'Follow-up visit: ticket 20', body: 'Call the customer.', requesterId: '1001',
      tags: ['cd_follow_up'], relatedTicketId: '20', dueAt: '2026-11-27T09:00:00.000Z', idempotencyKey: 'cd:freshdesk:20:evt-9:follow_up',
    };
    const listQuery = { requester_id: '1001', order_by: 'created_at', order_type: 'desc', per_page: '100', include: 'description' };
    const refOf = (description: string) => markersIn(description).find((m) => m.startsWith('cd-ref:'));

    async function createdDescription(input = followUp): Promise<string> {
      const { fd: c } = client();
      const bodies: any[] = [];
      fd().post('/api/v2/tickets', capture(bodies)).reply(201, { id: 45 });
      await c.createTicket(input, { retry: false });
      return bodies[0].description;
    }

    it('a first attempt ({retry:false}) makes exactly one call: the POST; tags stay as asked, the reference is invisible', async () => {
      const { fd: c, r } = client();
      const bodies: any[] = [];
      fd().post('/api/v2/tickets', capture(bodies)).reply(201, fixture('freshdesk', 'api-ticket-create-response.json'));
      await expect(c.createTicket(followUp, { retry: false })).resolves.toEqual({ id: '45' });
      expect(bodies[0].tags).toEqual(['cd_follow_up']);
      expect(refOf(bodies[0].description)).toMatch(/^cd-ref:[0-9a-f]{24}$/);
      expect(bodies[0].description.replace(/[\u200b\u200c\u2060]/g, '')).toBe('Call the customer.');
      expect(r.calls).toEqual([{ host: 'freshdesk', status: '201' }]);
    });

    it('the reference is stable: the same key gives the same marker, another key another', async () => {
      const a = refOf(await createdDescription());
      expect(refOf(await createdDescription())).toBe(a);
      expect(refOf(await createdDescription({ ...followUp, idempotencyKey: 'cd:freshdesk:20:evt-10:follow_up' }))).not.toBe(a);
    });

    it('an ambiguous 502 after which the ticket exists: the requester\'s newest tickets show the marker; nothing is created again', async () => {
      const description = await createdDescription();
      const { fd: c, r } = client();
      const posts: any[] = [];
      fd().post('/api/v2/tickets', capture(posts)).reply(502, { message: 'bad gateway' });
      fd().get('/api/v2/tickets').query(listQuery).reply(200, [{ id: 44, description: '<div>other</div>' }, { id: 45, description }]);
      await expect(c.createTicket(followUp, { retry: false })).resolves.toEqual({ id: '45' });
      expect(posts).toHaveLength(1);
      expect(r.calls.map((x) => x.status)).toEqual(['502', '200']);
      expect(nock.isDone()).toBe(true);
    });

    it('a retry after a crash ({retry:true}) looks up first and returns the existing ticket without a POST (marker as HTML entities too)', async () => {
      const description = (await createdDescription()).replace(/[\u200b\u200c\u2060]/g, (ch) => `&#${ch.codePointAt(0)};`);
      const { fd: c, r } = client();
      fd().get('/api/v2/tickets').query(listQuery).reply(200, [{ id: 45, description }]);
      await expect(c.createTicket(followUp, { retry: true })).resolves.toEqual({ id: '45' });
      expect(r.calls.map((x) => x.status)).toEqual(['200']);
    });

    it('a retry that finds nothing creates the ticket once (lookup by the default requester e-mail for trackers)', async () => {
      const { fd: c } = client({ defaultRequesterEmail: 'complaints@acme.example' });
      const problem = { kind: 'problem' as const, subject: 'Batch B2311', body: 'Cluster of 3.', tags: ['cd_batch'], relatedTicketIds: ['20', '21'] };
      const posts: any[] = [];
      fd().get('/api/v2/tickets').query({ email: 'complaints@acme.example', order_by: 'created_at', order_type: 'desc', per_page: '100', include: 'description' }).reply(200, [{ id: 9, description: 'Cluster of 3.' }]);
      fd().post('/api/v2/tickets', capture(posts)).reply(201, { id: 47 });
      await expect(c.createTicket(problem, { retry: true })).resolves.toEqual({ id: '47' });
      expect(posts).toHaveLength(1);
      expect(nock.isDone()).toBe(true);
    });

    it('a caller that does not say whether it retries gets the earlier behaviour: no lookup before the POST', async () => {
      const { fd: c, r } = client();
      fd().post('/api/v2/tickets').reply(201, { id: 45 });
      await c.createTicket(followUp);
      expect(r.calls).toEqual([{ host: 'freshdesk', status: '201' }]);
    });
  });
});
