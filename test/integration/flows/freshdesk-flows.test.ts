import nock from 'nock';
import { created, inboxEvent } from '../../fixtures/connector-core/events';
import { T0, ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../policies/src/engine';
import { parseFreshdeskAutomation } from '../../../connector/src/hosts/freshdesk/parse-freshdesk-automation';
import type { InboxEvent } from '../../../connector/src/events/normalized-event';
import { endFlows, expectRequest, FD, flowPolicy, GROUPS, startFlow, writes, type Flow } from './flow-harness';

/** The automation body README tells admins to configure (test/fixtures/freshdesk), rendered for ticket `id`, parsed as the webhook does. */
function automationEvent(id: string, patch: (b: any) => void = () => undefined): InboxEvent {
  const body = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/freshdesk/webhook-ticket-created.json'), 'utf8'));
  body.ticket.id = id;
  patch(body);
  const r = parseFreshdeskAutomation(body, '2026-11-22T09:00:01.000Z');
  if (r.ignored) throw new Error('fixture ignored');
  return r.event;
}

const dir = tempDir();
afterEach(() => endFlows());
afterAll(() => dir.cleanup());
const iso = (ms: number) => new Date(ms).toISOString();

/** Freshdesk ticket reads, updates and notes for these ids, any number of times. */
function freshdeskTickets(flow: Flow, ids: string[]) {
  for (const id of ids) {
    const record = (method: string) => (uri: string, body: unknown) => {
      flow.requests.push({ method, path: uri, body: body || null });
      return [200, { id: Number(id), tags: [], updated_at: '2026-11-23T02:00:05Z' }] as [number, nock.Body];
    };
    nock(FD).persist().get(`/api/v2/tickets/${id}`).query(true).reply(record('GET'));
    nock(FD).persist().put(`/api/v2/tickets/${id}`).reply(record('PUT'));
    nock(FD).persist().post(`/api/v2/tickets/${id}/notes`).reply(record('POST'));
  }
}

describe('flow: Freshdesk', () => {
  it('batch cluster → one tracker ticket linking every member, and a private note on each member', async () => {
    const flow = startFlow('freshdesk', flowPolicy(), dir);
    freshdeskTickets(flow, ['11', '12', '13']);
    expectRequest(flow, FD, 'post', '/api/v2/tickets', { id: 77, tags: ['cd_cluster'] }, 201);
    for (const id of ['11', '12', '13']) {
      flow.pipeline.ingest(created(ticket({ id, requester: { id: `5${id}`, name: 'C' }, fields: { product_batch: 'L-9' } }), 'freshdesk'));
      await flow.pipeline.idle();
    }
    const tracker = writes(flow).filter((w) => w.path === '/api/v2/tickets');
    expect(tracker).toHaveLength(1);
    expect(tracker[0].body).toMatchObject({
      subject: '批次 L-9：14 天内 3 起投诉',
      tags: ['cd_cluster'],
      related_ticket_ids: [13, 11, 12],
      status: 2,
    });
    const memberNotes = writes(flow).filter((w) => w.path.endsWith('/notes') && String(w.body.body).includes('#77'));
    expect(memberNotes.map((n) => n.path).sort()).toEqual([
      '/api/v2/tickets/11/notes',
      '/api/v2/tickets/12/notes',
      '/api/v2/tickets/13/notes',
    ]);
    for (const n of memberNotes) expect(n.body).toMatchObject({ private: true });
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('follow-up after solve: a child ticket of the solved one, in the follow-up group', async () => {
    const flow = startFlow('freshdesk', flowPolicy(), dir);
    freshdeskTickets(flow, ['21']);
    expectRequest(flow, FD, 'post', '/api/v2/tickets', { id: 78 }, 201);
    flow.pipeline.ingest(created(ticket({ id: '21', channel: 'phone', requester: { id: '521', name: '李先生' } }), 'freshdesk'));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 3_600_000);
    flow.pipeline.ingest(inboxEvent('21', { kind: 'status.changed', status: 'solved' }, iso(T0 + 3_600_000), 'freshdesk'));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 3_600_000 + 3 * 86_400_000);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    const post = writes(flow).find((w) => w.path === '/api/v2/tickets')!;
    expect(post.body).toMatchObject({
      subject: '回访：投诉 #21',
      parent_id: 21,
      group_id: GROUPS.front_line,
      tags: ['cd_follow_up'],
      requester_id: 521,
    });
    expect(post.body.description).toContain('满意度');
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('with the README automation body (no custom fields) a batch cluster forms: ticket_created re-reads the ticket once', async () => {
    const flow = startFlow(
      'freshdesk',
      flowPolicy((raw) => {
        raw.hostFields.freshdesk = { product_batch: 'cf_batch' };
      }),
      dir,
    );
    const reads: string[] = [];
    for (const id of ['31', '32', '33']) {
      // GET /api/v2/tickets/{id}?include=conversations,requester as developers.freshdesk.com/api/#view_a_ticket shows it.
      nock(FD)
        .persist()
        .get(`/api/v2/tickets/${id}`)
        .query(true)
        .reply((uri) => {
          if (uri.includes('include=')) reads.push(id); // the full re-read (tag writes also read the ticket just before)
          return [
            200,
            {
              id: Number(id),
              subject: 'Delivery arrived broken',
              description_text: 'The glass lid is shattered.',
              status: 2,
              priority: 2,
              source: 2,
              tags: ['delivery'],
              custom_fields: { cf_batch: 'L-9' },
              requester_id: 9000 + Number(id),
              created_at: '2026-11-22T09:00:00Z',
              updated_at: '2026-11-22T09:00:00Z',
              requester: { id: 9000 + Number(id), name: 'Chen Jing', email: 'chen.jing@example.com' },
              conversations: [],
            },
          ];
        });
      nock(FD)
        .persist()
        .put(`/api/v2/tickets/${id}`)
        .reply((uri, body) => {
          flow.requests.push({ method: 'PUT', path: uri, body });
          return [200, { id: Number(id), tags: [], updated_at: '2026-11-22T09:00:05Z' }];
        });
      nock(FD)
        .persist()
        .post(`/api/v2/tickets/${id}/notes`)
        .reply((uri, body) => {
          flow.requests.push({ method: 'POST', path: uri, body });
          return [201, { id: 1 }];
        });
    }
    expectRequest(flow, FD, 'post', '/api/v2/tickets', { id: 79, tags: ['cd_cluster'] }, 201);
    for (const id of ['31', '32', '33']) {
      flow.pipeline.ingest(automationEvent(id));
      await flow.pipeline.idle();
    }
    const tracker = writes(flow).filter((w) => w.path === '/api/v2/tickets');
    expect(tracker).toHaveLength(1);
    expect(tracker[0].body).toMatchObject({ tags: ['cd_cluster'], email: 'ops@acme.test' });
    expect([...tracker[0].body.related_ticket_ids].sort()).toEqual([31, 32, 33]);
    expect(reads.sort()).toEqual(['31', '32', '33']);
    // The batch was only read: never written back (an agent's correction must not be reverted).
    for (const w of writes(flow).filter((x) => x.method === 'PUT')) expect(w.body.custom_fields?.cf_batch).toBeUndefined();
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it('follow-up of a ticket that arrived by webhook (requester name and e-mail, no id) uses that e-mail and name', async () => {
    const flow = startFlow('freshdesk', flowPolicy(), dir);
    freshdeskTickets(flow, ['41']);
    expectRequest(flow, FD, 'post', '/api/v2/tickets', { id: 80 }, 201);
    flow.pipeline.ingest(automationEvent('41'));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 3_600_000);
    flow.pipeline.ingest(inboxEvent('41', { kind: 'status.changed', status: 'solved' }, iso(T0 + 3_600_000), 'freshdesk'));
    await flow.pipeline.idle();
    flow.clock.set(T0 + 3_600_000 + 8 * 86_400_000);
    await flow.pipeline.runDue();
    await flow.pipeline.idle();
    const post = writes(flow).find((w) => w.path === '/api/v2/tickets')!;
    expect(post).toBeDefined();
    expect(post.body).toMatchObject({ email: 'chen.jing@example.com', name: 'Chen Jing', parent_id: 41 });
    expect(post.body.requester_id).toBeUndefined();
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });

  it("the severity's own Freshdesk priority (severities.*.priority.freshdesk) is what is written", async () => {
    const policy = flowPolicy((raw) => {
      raw.severities.L1.priority = { zendesk: 'urgent', freshdesk: 3 };
      raw.severities.L2.priority = { zendesk: 'high', freshdesk: 2 };
      raw.severities.L3.priority = { zendesk: 'normal', freshdesk: 1 };
      raw.escalation.rules = [];
    });
    const flow = startFlow('freshdesk', policy, dir);
    freshdeskTickets(flow, ['51']);
    const t = ticket({
      id: '51',
      subject: 'Question about the manual',
      description: 'Where can I find page 3 of the manual?',
      requester: { id: '551', name: 'C' },
    });
    flow.pipeline.ingest(created(t, 'freshdesk'));
    await flow.pipeline.idle();
    const sev = classify(t, policy).severity as 'L1' | 'L2' | 'L3';
    const put = writes(flow).find((w) => w.method === 'PUT' && w.path === '/api/v2/tickets/51')!;
    expect(put.body.priority).toBe(policy.severities[sev].priority.freshdesk);
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });
});
