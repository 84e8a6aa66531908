import nock from 'nock';
import { capture, fixture, useNock } from '../host-test-kit';
import { client, zd } from './zendesk-client-kit';

describe('createZendeskClient createTicket', () => {
  useNock();

  it('createTicket makes a follow-up task: type task, due_at, requester, group, tags, internal first comment, external_id', async () => {
    const { zd: c } = client();
    const bodies: any[] = [];
    const externalId = 'complaint-desk:follow_up:35436:2026-11-27T09:00:00.000Z';
    zd().get('/api/v2/tickets.json').query({ external_id: externalId }).reply(200, { tickets: [], count: 0 });
    zd().post('/api/v2/tickets.json', capture(bodies)).reply(201, fixture('zendesk', 'api-ticket-create-response.json'));
    const res = await c.createTicket({
      kind: 'follow_up',
      subject: 'Follow-up visit: ticket 35436',
      body: 'Call the customer.\nCSAT?',
      requesterId: '20978392',
      group: 'senior',
      tags: ['cd_follow_up'],
      relatedTicketId: '35436',
      dueAt: '2026-11-27T09:00:00.000Z',
      priority: 'normal',
    });
    expect(res).toEqual({ id: '35500' });
    expect(bodies).toEqual([
      {
        ticket: {
          subject: 'Follow-up visit: ticket 35436',
          type: 'task',
          comment: { body: 'Call the customer.\nCSAT?', public: false },
          tags: ['cd_follow_up'],
          due_at: '2026-11-27T09:00:00.000Z',
          requester_id: 20978392,
          group_id: 360001,
          priority: 'normal',
          external_id: externalId,
        },
      },
    ]);
  });

  it('createTicket returns the existing ticket for the same external_id instead of creating a duplicate', async () => {
    const { zd: c } = client();
    zd()
      .get('/api/v2/tickets.json')
      .query(true)
      .reply(200, { tickets: [{ id: 35500 }], count: 1 });
    await expect(
      c.createTicket({ kind: 'follow_up', subject: 's', body: 'b', tags: [], relatedTicketId: '35436', dueAt: '2026-11-27T09:00:00.000Z' }),
    ).resolves.toEqual({ id: '35500' });
    expect(nock.isDone()).toBe(true);
  });

  it('createTicket makes a problem ticket (type problem, no due date)', async () => {
    const { zd: c } = client();
    const bodies: any[] = [];
    zd().get('/api/v2/tickets.json').query({ external_id: 'complaint-desk:problem:35436:' }).reply(200, { tickets: [] });
    zd()
      .post('/api/v2/tickets.json', capture(bodies))
      .reply(201, { ticket: { id: 35600, type: 'problem', tags: ['cd_batch'], updated_at: '2026-11-22T10:00:00Z' } });
    const res = await c.createTicket({
      kind: 'problem',
      subject: 'Batch B2311: 3 complaints',
      body: 'Cluster of 3.',
      tags: ['cd_batch'],
      relatedTicketId: '35436',
      group: 'front_line',
    });
    expect(res).toEqual({ id: '35600' });
    expect(bodies[0]).toEqual({
      ticket: {
        subject: 'Batch B2311: 3 complaints',
        type: 'problem',
        comment: { body: 'Cluster of 3.', public: false },
        tags: ['cd_batch'],
        external_id: 'complaint-desk:problem:35436:',
      },
    });
  });
});
