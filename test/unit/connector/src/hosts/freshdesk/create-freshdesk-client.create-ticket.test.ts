import nock from 'nock';
import { markersIn } from '../../../../../../connector/src/hosts/note-marker';
import { capture, fixture, useNock } from '../host-test-kit';
import { client, fd } from './freshdesk-client-kit';

describe('createFreshdeskClient createTicket', () => {
  useNock();

  it('createTicket follow-up: a child ticket of the original (parent_id) with due dates, requester, group, tags', async () => {
    const { fd: c } = client();
    const bodies: any[] = [];
    fd().post('/api/v2/tickets', capture(bodies)).reply(201, fixture('freshdesk', 'api-ticket-create-response.json'));
    const res = await c.createTicket(
      {
        kind: 'follow_up',
        subject: 'Follow-up visit: ticket 20',
        body: 'Call the customer.\nCSAT?',
        requesterId: '1001',
        group: 'senior',
        tags: ['cd_follow_up'],
        relatedTicketId: '20',
        dueAt: '2026-11-27T09:00:00.000Z',
      },
      { retry: false },
    );
    expect(res).toEqual({ id: '45' });
    expect(bodies).toEqual([
      {
        subject: 'Follow-up visit: ticket 20',
        description: expect.stringMatching(/^Call the customer\.<br>CSAT\?\u2060[\u200b\u200c]+\u2060$/),
        requester_id: 1001,
        status: 2,
        priority: 2,
        tags: ['cd_follow_up'],
        group_id: 7002,
        due_by: '2026-11-27T09:00:00.000Z',
        fr_due_by: '2026-11-27T09:00:00.000Z',
        parent_id: 20,
      },
    ]);
  });

  it('createTicket problem: a tracker ticket with related_ticket_ids, requester from defaultRequesterEmail', async () => {
    const { fd: c } = client({ defaultRequesterEmail: 'complaints@acme.example' });
    const bodies: any[] = [];
    fd()
      .post('/api/v2/tickets', capture(bodies))
      .reply(201, { id: 46, tags: ['cd_batch'], updated_at: '2026-11-24T09:00:00Z' });
    const res = await c.createTicket(
      {
        kind: 'problem',
        subject: 'Batch B2311',
        body: 'Cluster of 3.',
        tags: ['cd_batch'],
        relatedTicketId: '20',
        relatedTicketIds: ['21', '22', '20'],
        priority: 'high',
      },
      { retry: false },
    );
    expect(res).toEqual({ id: '46' });
    expect(bodies).toEqual([
      {
        subject: 'Batch B2311',
        description: expect.stringMatching(/^Cluster of 3\./),
        email: 'complaints@acme.example',
        status: 2,
        priority: 3,
        tags: ['cd_batch'],
        related_ticket_ids: [20, 21, 22],
      },
    ]);
  });

  it('createTicket without any requester fails permanently with a fix hint, making no call', async () => {
    const { fd: c, r } = client();
    await expect(c.createTicket({ kind: 'problem', subject: 's', body: 'b', tags: [] })).rejects.toMatchObject({
      code: 'permanent',
      message: expect.stringContaining('defaultRequesterEmail'),
    });
    expect(r.calls).toEqual([]);
  });

  describe('createTicket idempotency (hidden cd-ref marker in the description)', () => {
    const followUp = {
      kind: 'follow_up' as const,
      subject: 'Follow-up visit: ticket 20',
      body: 'Call the customer.',
      requesterId: '1001',
      tags: ['cd_follow_up'],
      relatedTicketId: '20',
      dueAt: '2026-11-27T09:00:00.000Z',
      idempotencyKey: 'cd:freshdesk:20:evt-9:follow_up',
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

    it("an ambiguous 502 after which the ticket exists: the requester's newest tickets show the marker; nothing is created again", async () => {
      const description = await createdDescription();
      const { fd: c, r } = client();
      const posts: any[] = [];
      fd().post('/api/v2/tickets', capture(posts)).reply(502, { message: 'bad gateway' });
      fd()
        .get('/api/v2/tickets')
        .query(listQuery)
        .reply(200, [
          { id: 44, description: '<div>other</div>' },
          { id: 45, description },
        ]);
      await expect(c.createTicket(followUp, { retry: false })).resolves.toEqual({ id: '45' });
      expect(posts).toHaveLength(1);
      expect(r.calls.map((x) => x.status)).toEqual(['502', '200']);
      expect(nock.isDone()).toBe(true);
    });

    it('a retry after a crash ({retry:true}) looks up first and returns the existing ticket without a POST (marker as HTML entities too)', async () => {
      const description = (await createdDescription()).replace(/[\u200b\u200c\u2060]/g, (ch) => `&#${ch.codePointAt(0)};`);
      const { fd: c, r } = client();
      fd()
        .get('/api/v2/tickets')
        .query(listQuery)
        .reply(200, [{ id: 45, description }]);
      await expect(c.createTicket(followUp, { retry: true })).resolves.toEqual({ id: '45' });
      expect(r.calls.map((x) => x.status)).toEqual(['200']);
    });

    it('a retry that finds nothing creates the ticket once (lookup by the default requester e-mail for trackers)', async () => {
      const { fd: c } = client({ defaultRequesterEmail: 'complaints@acme.example' });
      const problem = {
        kind: 'problem' as const,
        subject: 'Batch B2311',
        body: 'Cluster of 3.',
        tags: ['cd_batch'],
        relatedTicketIds: ['20', '21'],
      };
      const posts: any[] = [];
      fd()
        .get('/api/v2/tickets')
        .query({ email: 'complaints@acme.example', order_by: 'created_at', order_type: 'desc', per_page: '100', include: 'description' })
        .reply(200, [{ id: 9, description: 'Cluster of 3.' }]);
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
