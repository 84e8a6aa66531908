import nock from 'nock';
import { HostError } from '../../../../../../connector/src/hosts/host-client';
import { noteHasMarker, withMarker } from '../../../../../../connector/src/hosts/note-marker';
import { capture, fixture, useNock } from '../host-test-kit';
import { client, zd, mockRead, note } from './zendesk-client-kit';

describe('createZendeskClient', () => {
  useNock();

  it('getTicket reads ticket (+users) and comments (+users, cursor page) and normalises them', async () => {
    const { zd: client1 } = client();
    const queries: unknown[] = [];
    mockRead(queries);
    const t = await client1.getTicket('35436');
    expect(queries).toContainEqual({ include: 'users' });
    expect(queries).toContainEqual({ include: 'users', 'page[size]': '100' });
    expect(t).toEqual({
      host: 'zendesk',
      id: '35436',
      subject: 'Kettle sparks when switched on',
      description: 'The kettle (model K-200, batch B2311) sparked and smelled like burning plastic.',
      requester: { id: '20978392', name: 'Lin Wei', email: 'lin.wei@example.com', phone: '+86 138 0000 0000', tags: ['vip'] },
      channel: 'email',
      createdAt: '2026-11-20T08:12:00Z',
      status: 'on_hold',
      tags: ['vip_watch', 'kettle'],
      fields: { product_batch: 'B2311', product_model: 'K-200' },
      comments: [
        {
          id: '1274',
          author: 'customer',
          public: true,
          body: 'The kettle (model K-200, batch B2311) sparked and smelled like burning plastic.',
          createdAt: '2026-11-20T08:12:00Z',
          attachments: [
            {
              name: 'kettle.jpg',
              size: 2532,
              contentType: 'image/jpeg',
              url: 'https://acme.zendesk.com/attachments/token/abc/?name=kettle.jpg',
            },
          ],
        },
        {
          id: '1275',
          author: 'agent',
          public: false,
          body: 'Internal: checked batch list.',
          createdAt: '2026-11-20T09:00:00Z',
          attachments: [],
        },
      ],
      locale: 'zh-cn',
    });
  });

  it('follows comment cursor pages', async () => {
    const { zd: c } = client();
    const page1 = { ...fixture('zendesk', 'api-ticket-comments.json'), meta: { has_more: true, after_cursor: 'xyz' } };
    const page2 = {
      comments: [{ id: 1290, author_id: 20978392, body: 'third time writing', public: true, created_at: '2026-11-21T08:00:00Z' }],
      meta: { has_more: false },
    };
    zd().get('/api/v2/tickets/35436.json').query({ include: 'users' }).reply(200, fixture('zendesk', 'api-ticket-show.json'));
    zd()
      .get('/api/v2/tickets/35436/comments.json')
      .query((q) => !q['page[after]'])
      .reply(200, page1);
    zd()
      .get('/api/v2/tickets/35436/comments.json')
      .query((q) => q['page[after]'] === 'xyz')
      .reply(200, page2);
    const t = await c.getTicket('35436');
    expect(t.comments!.map((x) => [x.id, x.author])).toEqual([
      ['1274', 'customer'],
      ['1275', 'agent'],
      ['1290', 'customer'],
    ]);
  });

  it('applyChange sends ONE PUT with merged tags, safe_update, mappings, problem link and the internal note', async () => {
    const { zd: c, r } = client();
    mockRead();
    await c.getTicket('35436');
    const bodies: any[] = [];
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', {
      addTags: ['cd_cat_quality', 'cd_sev_l1', 'cd_sig_safety'],
      removeTags: ['kettle'],
      priority: 'urgent',
      group: 'senior',
      status: 'open',
      fields: { product_batch: 'B2311', serial_number: 'unmapped-is-skipped' },
      problemId: '35001',
      note,
    });
    expect(bodies).toHaveLength(1);
    const comment = bodies[0].ticket.comment;
    expect(bodies[0]).toEqual({
      ticket: {
        tags: ['vip_watch', 'cd_cat_quality', 'cd_sev_l1', 'cd_sig_safety'],
        safe_update: true,
        updated_stamp: '2026-11-21T09:30:15Z',
        priority: 'urgent',
        group_id: 360001,
        status: 'open',
        custom_fields: [{ id: 27642, value: 'B2311' }],
        type: 'incident',
        problem_id: 35001,
        comment: { body: withMarker(note.body, note.marker), public: false },
      },
    });
    expect(comment.body.startsWith(note.body)).toBe(true);
    expect(noteHasMarker(comment.body, note.marker)).toBe(true);
    expect(r.calls.map((x) => x.status)).toEqual(['200', '200', '200']);
    expect(JSON.stringify(r.logs)).not.toContain('Respond by');
  });

  it('reads the ticket once before a tag write when nothing is cached, and skips safe_update without tags', async () => {
    const { zd: c } = client();
    const bodies: any[] = [];
    zd().get('/api/v2/tickets/35436.json').reply(200, fixture('zendesk', 'api-ticket-show.json'));
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { addTags: ['cd_sev_l2'] });
    expect(bodies[0]).toEqual({
      ticket: { tags: ['vip_watch', 'kettle', 'cd_sev_l2'], safe_update: true, updated_stamp: '2026-11-21T09:30:15Z' },
    });

    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { priority: 'high', group: 'front_line', note });
    expect(bodies[1]).toEqual({ ticket: { priority: 'high', comment: { body: withMarker(note.body, note.marker), public: false } } });
    expect(nock.isDone()).toBe(true);
  });

  it('uses the cached base after its own write (no read), and refetches when the event says the ticket is newer', async () => {
    const { zd: c } = client();
    const bodies: any[] = [];
    zd().get('/api/v2/tickets/35436.json').reply(200, fixture('zendesk', 'api-ticket-show.json'));
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { addTags: ['cd_sev_l1'] });
    await c.applyChange('35436', { addTags: ['cd_sla_warning'], updatedAt: '2026-11-21T10:02:44Z' });
    expect(bodies[1].ticket.updated_stamp).toBe('2026-11-21T10:02:44Z');
    expect(bodies[1].ticket.tags).toContain('cd_sla_warning');

    const newer = fixture('zendesk', 'api-ticket-show.json');
    newer.ticket.updated_at = '2026-11-21T11:00:00Z';
    newer.ticket.tags = ['agent_added'];
    zd().get('/api/v2/tickets/35436.json').reply(200, newer);
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { addTags: ['x'], updatedAt: '2026-11-21T11:00:00Z' });
    expect(bodies[2].ticket).toEqual({ tags: ['agent_added', 'x'], safe_update: true, updated_stamp: '2026-11-21T11:00:00Z' });
  });

  it("409 → refetch → reapply on the fresh tags and stamp, without losing the agent's new tag", async () => {
    const { zd: c, r } = client();
    const bodies: any[] = [];
    zd().get('/api/v2/tickets/35436.json').reply(200, fixture('zendesk', 'api-ticket-show.json'));
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(409, fixture('zendesk', 'api-error-update-conflict.json'));
    const fresh = fixture('zendesk', 'api-ticket-show.json');
    fresh.ticket.updated_at = '2026-11-21T09:31:00Z';
    fresh.ticket.tags = ['vip_watch', 'kettle', 'agent_escalated'];
    zd().get('/api/v2/tickets/35436.json').reply(200, fresh);
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { addTags: ['cd_sev_l1'], note });
    expect(bodies.map((b) => b.ticket.updated_stamp)).toEqual(['2026-11-21T09:30:15Z', '2026-11-21T09:31:00Z']);
    expect(bodies[1].ticket.tags).toEqual(['vip_watch', 'kettle', 'agent_escalated', 'cd_sev_l1']);
    expect(bodies[1].ticket.comment.public).toBe(false);
    expect(r.sleeps).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it('a tag change that is already in effect sends no tags (and no PUT when nothing else changes)', async () => {
    const { zd: c } = client();
    mockRead();
    await c.getTicket('35436');
    await c.applyChange('35436', { addTags: ['kettle'], removeTags: ['not_there'] });
    const bodies: any[] = [];
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { addTags: ['vip_watch'], priority: 'low' });
    expect(bodies).toEqual([{ ticket: { priority: 'low' } }]);
    expect(nock.isDone()).toBe(true);
  });

  it('gives up with conflict after conflictRetries refetches', async () => {
    const { zd: c } = client({ conflictRetries: 1 });
    zd().get('/api/v2/tickets/35436.json').times(2).reply(200, fixture('zendesk', 'api-ticket-show.json'));
    zd().put('/api/v2/tickets/35436.json').times(2).reply(409, fixture('zendesk', 'api-error-update-conflict.json'));
    await expect(c.applyChange('35436', { removeTags: ['kettle'] })).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(nock.isDone()).toBe(true);
  });

  it('on a retried change, reads the comments and skips a note whose marker is already there', async () => {
    const { zd: c } = client();
    const comments = fixture('zendesk', 'api-ticket-comments.json');
    comments.comments.push({
      id: 1300,
      author_id: 235323,
      body: withMarker(note.body, note.marker),
      html_body: `<div class="zd-comment"><p>${withMarker(note.body, note.marker)}</p></div>`,
      public: false,
      created_at: '2026-11-21T10:00:00Z',
    });
    const bodies: any[] = [];
    zd().get('/api/v2/tickets/35436/comments.json').query(true).reply(200, comments);
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { priority: 'urgent', note }, { retry: true });
    expect(bodies).toEqual([{ ticket: { priority: 'urgent' } }]);

    zd().get('/api/v2/tickets/35436/comments.json').query(true).reply(200, fixture('zendesk', 'api-ticket-comments.json'));
    zd().put('/api/v2/tickets/35436.json', capture(bodies)).reply(200, fixture('zendesk', 'api-ticket-update-response.json'));
    await c.applyChange('35436', { priority: 'urgent', note }, { retry: true });
    expect(bodies[1].ticket.comment.body).toBe(withMarker(note.body, note.marker));
  });

  it('a PUT that failed ambiguously (5xx) is not re-sent when its note marker shows it landed', async () => {
    const { zd: c, r } = client();
    const landed = fixture('zendesk', 'api-ticket-comments.json');
    landed.comments.push({
      id: 1301,
      author_id: 235323,
      body: withMarker(note.body, note.marker),
      public: false,
      created_at: '2026-11-21T10:00:00Z',
    });
    zd().put('/api/v2/tickets/35436.json').reply(502, 'Bad Gateway');
    zd().get('/api/v2/tickets/35436/comments.json').query(true).reply(200, landed);
    await c.applyChange('35436', { status: 'pending', note });
    expect(nock.isDone()).toBe(true);
    expect(r.calls.map((x) => x.status)).toEqual(['502', '200']);
  });

  it('422 on update is permanent and not retried', async () => {
    const { zd: c, r } = client();
    zd().put('/api/v2/tickets/35436.json').reply(422, fixture('zendesk', 'api-error-record-invalid.json'));
    const err = await c.applyChange('35436', { group: 'specialists' }).catch((e) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'permanent', status: 422 });
    expect(r.calls).toHaveLength(1);
  });
});
