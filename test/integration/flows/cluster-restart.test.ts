import nock from 'nock';
import { withMarker } from '../../../connector/src/hosts/note-marker';
import { noteMarker } from '../../../connector/src/pipeline/execute-event';
import { created } from '../../fixtures/connector-core/events';
import { ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { endFlows, expectRequest, flowPolicy, startFlow, writes, ZD, zdTicket, zdTicketReads } from './flow-harness';

const dir = tempDir();
afterEach(() => endFlows());
afterAll(() => dir.cleanup());
const requester = (n: number) => ({ id: String(8000 + n), name: `客户${n}` });

describe('flow: batch cluster and restart', () => {
  it('the third complaint on one batch opens ONE problem ticket and links every member with a note', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    for (const id of ['401', '402', '403', '404']) {
      zdTicketReads(flow, id);
      expectRequest(flow, ZD, 'put', `/api/v2/tickets/${id}.json`, zdTicket(id));
    }
    for (const id of ['401', '402', '403']) expectRequest(flow, ZD, 'put', `/api/v2/tickets/${id}.json`, zdTicket(id));
    expectRequest(flow, ZD, 'post', '/api/v2/tickets.json', { ticket: { id: 9900 } }, 201);
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/404.json', zdTicket('404'));
    for (const [i, id] of ['401', '402', '403'].entries()) {
      flow.pipeline.ingest(created(ticket({ id, requester: requester(i), fields: { product_batch: 'B-42' } })));
      await flow.pipeline.idle();
    }
    const post = writes(flow).find((w) => w.method === 'POST')!;
    expect(post.body.ticket).toMatchObject({
      subject: '批次 B-42：14 天内 3 起投诉',
      type: 'problem',
      tags: ['cd_cluster'],
      external_id: expect.stringMatching(/^complaint-desk:problem:403:\d+$/),
      comment: { body: '投诉助手创建了此问题工单：产品批次 B-42 在 14 天内有 3 起投诉。', public: false },
    });
    const links = writes(flow).filter((w) => w.method === 'PUT' && w.body.ticket.problem_id);
    expect(links.map((l) => l.path).sort()).toEqual(['/api/v2/tickets/401.json', '/api/v2/tickets/402.json', '/api/v2/tickets/403.json']);
    for (const l of links) {
      expect(l.body.ticket).toMatchObject({ type: 'incident', problem_id: 9900 });
      expect(l.body.ticket.tags).toContain('cd_cluster');
      expect(l.body.ticket.comment.body).toContain('投诉助手：批次 B-42 在 14 天内有 3 起投诉，已关联到问题工单 #9900。');
    }
    // a later member joins the same cluster: no second problem ticket
    flow.pipeline.ingest(created(ticket({ id: '404', requester: requester(4), fields: { product_batch: 'B-42' } })));
    await flow.pipeline.idle();
    expect(writes(flow).filter((w) => w.method === 'POST')).toHaveLength(1);
    const last = writes(flow)
      .filter((w) => w.path === '/api/v2/tickets/404.json')
      .pop()!;
    expect(last.body.ticket).toMatchObject({ type: 'incident', problem_id: 9900 });
    expect(flow.unmatched).toEqual([]);
    expect(nock.pendingMocks().filter((m) => !m.startsWith('GET'))).toEqual([]);
    await flow.close();
  });

  it('restart mid-queue: a crash during a host call; after reopening each ticket is written exactly once', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '501');
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/501.json', zdTicket('501'));
    // tickets 502 and 503: the calls hang (the process "dies" with them in flight)
    const arrived = ['502', '503'].map(
      (id) =>
        new Promise<void>((hung) => {
          nock(ZD)
            .get(`/api/v2/tickets/${id}.json`)
            .query(true)
            .reply(() => {
              hung();
              return new Promise(() => undefined) as never;
            });
        }),
    );
    flow.pipeline.ingest(created(ticket({ id: '501', requester: requester(1) })));
    await flow.pipeline.idle();
    flow.pipeline.ingest(created(ticket({ id: '502', requester: requester(2) })));
    flow.pipeline.ingest(created(ticket({ id: '503', requester: requester(3) })));
    const dying = flow.pipeline.idle().catch(() => undefined);
    await Promise.all(arrived); // both host calls are in flight
    flow.db.close(); // crash
    void dying;
    nock.cleanAll();
    zdTicketReads(flow, '502');
    zdTicketReads(flow, '503');
    // on restart both changes are retries: the client first looks for the note marker in the comments
    expectRequest(flow, ZD, 'get', '/api/v2/tickets/502/comments.json', { comments: [], meta: { has_more: false } });
    expectRequest(flow, ZD, 'get', '/api/v2/tickets/503/comments.json', { comments: [], meta: { has_more: false } });
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/502.json', zdTicket('502'));
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/503.json', zdTicket('503'));
    const again = flow.restart();
    await again.pipeline.idle();
    const puts = writes(flow).map((w) => w.path);
    expect(puts.filter((p) => p.endsWith('501.json'))).toHaveLength(1);
    expect(puts.filter((p) => p.endsWith('502.json'))).toHaveLength(1);
    expect(puts.filter((p) => p.endsWith('503.json'))).toHaveLength(1);
    expect(again.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state <> 'done'`).get()).toEqual({ n: 0 });
    expect(flow.unmatched).toEqual([]);
    await again.close();
  });

  it('restart after the host applied the change but before it was marked done: the note is not posted twice', async () => {
    const flow = startFlow('zendesk', flowPolicy(), dir);
    zdTicketReads(flow, '601');
    // the PUT reaches Zendesk, but the answer never comes back before the crash
    const arrived = new Promise<void>((hung) => {
      nock(ZD)
        .put('/api/v2/tickets/601.json')
        .reply((uri, body) => {
          flow.requests.push({ method: 'PUT', path: uri, body });
          hung();
          return new Promise(() => undefined) as never;
        });
    });
    flow.pipeline.ingest(created(ticket({ id: '601', requester: requester(6) }), 'zendesk', 'zd-601'));
    const dying = flow.pipeline.idle().catch(() => undefined);
    await arrived; // the PUT reached "Zendesk"
    flow.db.close();
    void dying;
    nock.cleanAll();
    zdTicketReads(flow, '601');
    const posted = withMarker('投诉助手:…', noteMarker('zendesk', 'zd-601', '601', 0));
    expectRequest(flow, ZD, 'get', '/api/v2/tickets/601/comments.json', {
      comments: [{ id: 1, body: posted, public: false }],
      meta: { has_more: false },
    });
    expectRequest(flow, ZD, 'put', '/api/v2/tickets/601.json', zdTicket('601'));
    const again = flow.restart();
    await again.pipeline.idle();
    const puts = writes(flow);
    expect(puts).toHaveLength(2);
    expect(puts[0].body.ticket.comment).toBeDefined();
    expect(puts[1].body.ticket.comment).toBeUndefined();
    expect(puts[1].body.ticket.tags).toEqual(['cd_cat_quality', 'cd_sev_l2', 'cd_tier_front_line']);
    expect(flow.unmatched).toEqual([]);
    await again.close();
  });
});
