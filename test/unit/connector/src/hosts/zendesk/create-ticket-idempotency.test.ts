/** Zendesk createTicket idempotency: external_id written on create, looked up only on retries / after ambiguous failures. */
import nock from 'nock';
import { capture, fixture, useNock } from '../host-test-kit';
import { client, zd } from './zendesk-client-kit';

describe('createZendeskClient: createTicket idempotency', () => {
  useNock();

  const followUp = {
    kind: 'follow_up' as const,
    subject: 'Follow-up visit: ticket 35436',
    body: 'Call the customer.',
    requesterId: '20978392',
    tags: ['cd_follow_up'],
    relatedTicketId: '35436',
    dueAt: '2026-11-27T09:00:00.000Z',
    idempotencyKey: 'cd:zendesk:35436:evt-9:follow_up',
  };
  const externalId = 'complaint-desk:cd:zendesk:35436:evt-9:follow_up';

  it('a first attempt ({retry:false}) makes exactly one call: the POST, carrying the key as external_id', async () => {
    const { zd: c, r } = client();
    const bodies: any[] = [];
    zd().post('/api/v2/tickets.json', capture(bodies)).reply(201, fixture('zendesk', 'api-ticket-create-response.json'));
    await expect(c.createTicket(followUp, { retry: false })).resolves.toEqual({ id: '35500' });
    expect(bodies[0].ticket.external_id).toBe(externalId);
    expect(r.calls).toEqual([{ host: 'zendesk', status: '201' }]);
  });

  it('an ambiguous 502 after which the ticket exists: the lookup finds it and nothing is created again', async () => {
    const { zd: c, r } = client();
    const posts: any[] = [];
    zd().post('/api/v2/tickets.json', capture(posts)).reply(502, 'Bad Gateway');
    zd()
      .get('/api/v2/tickets.json')
      .query({ external_id: externalId })
      .reply(200, { tickets: [{ id: 35500, external_id: externalId }], count: 1 });
    await expect(c.createTicket(followUp, { retry: false })).resolves.toEqual({ id: '35500' });
    expect(posts).toHaveLength(1);
    expect(r.calls.map((x) => x.status)).toEqual(['502', '200']);
    expect(nock.isDone()).toBe(true);
  });

  it('an ambiguous 502 that created nothing: one lookup, then the POST is sent again with the same external_id', async () => {
    const { zd: c } = client();
    const posts: any[] = [];
    zd().post('/api/v2/tickets.json', capture(posts)).reply(502, 'Bad Gateway');
    zd().get('/api/v2/tickets.json').query({ external_id: externalId }).reply(200, { tickets: [], count: 0 });
    zd().post('/api/v2/tickets.json', capture(posts)).reply(201, fixture('zendesk', 'api-ticket-create-response.json'));
    await expect(c.createTicket(followUp, { retry: false })).resolves.toEqual({ id: '35500' });
    expect(posts.map((b) => b.ticket.external_id)).toEqual([externalId, externalId]);
    expect(nock.isDone()).toBe(true);
  });

  it('a retry after a crash ({retry:true}) looks the key up first and returns the existing ticket without a POST', async () => {
    const { zd: c, r } = client();
    zd()
      .get('/api/v2/tickets.json')
      .query({ external_id: externalId })
      .reply(200, { tickets: [{ id: 35500 }], count: 1 });
    await expect(c.createTicket(followUp, { retry: true })).resolves.toEqual({ id: '35500' });
    expect(r.calls).toEqual([{ host: 'zendesk', status: '200' }]);
  });

  it('without a key or related ticket the external_id is derived from the content: the same creation gets the same id', async () => {
    const { zd: c } = client();
    const bodies: any[] = [];
    const problem = { kind: 'problem' as const, subject: 'Batch B2311', body: 'Cluster of 3.', tags: ['cd_batch'] };
    zd()
      .post('/api/v2/tickets.json', capture(bodies))
      .times(3)
      .reply(201, { ticket: { id: 35600 } });
    await c.createTicket(problem, { retry: false });
    await c.createTicket({ ...problem }, { retry: false });
    await c.createTicket({ ...problem, subject: 'Batch B2312' }, { retry: false });
    expect(bodies[0].ticket.external_id).toMatch(/^complaint-desk:ref:[0-9a-f]{40}$/);
    expect(bodies[1].ticket.external_id).toBe(bodies[0].ticket.external_id);
    expect(bodies[2].ticket.external_id).not.toBe(bodies[0].ticket.external_id);
  });

  it('a key that is long or not printable ASCII is hashed into the external_id', async () => {
    const { zd: c } = client();
    const bodies: any[] = [];
    zd()
      .post('/api/v2/tickets.json', capture(bodies))
      .reply(201, { ticket: { id: 35601 } });
    await c.createTicket({ ...followUp, idempotencyKey: `批次 ${'x'.repeat(300)}` }, { retry: false });
    expect(bodies[0].ticket.external_id).toMatch(/^complaint-desk:ref:[0-9a-f]{40}$/);
  });
});
