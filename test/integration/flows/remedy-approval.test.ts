/**
 * Flows through the sidebar API on a real HTTP server, the real pipeline and the real Zendesk/Freshdesk
 * clients (nock = the host): remedy above authority → approval request → approver decides; evidence
 * export by role; supervisor notification tag on Freshdesk.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import pino from 'pino';
import { createSidebarRouter } from '../../../connector/src/api/create-sidebar-router';
import { requireAdmin } from '../../../connector/src/auth/require-admin';
import { requireAppAuth } from '../../../connector/src/auth/require-app-auth';
import { errorHandler } from '../../../connector/src/server/error-handler';
import { created } from '../../fixtures/connector-core/events';
import { fixedPolicyStore } from '../../fixtures/connector-core/policy';
import { ticket } from '../../fixtures/connector-core/projection';
import { tempDir } from '../../fixtures/connector-core/temp-db';
import { endFlows, expectRequest, FD, GROUPS, startFlow, writes, ZD, zdTicket, zdTicketReads, type Flow } from './flow-harness';
import { lowestRole } from '../../../policies/src/engine';

const dir = tempDir();
const KEY = 'app-key-0123456789';
const ADMIN = 'admin-token-0123456789';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  endFlows();
});
afterAll(() => dir.cleanup());
/** Requests nock saw but did not intercept, other than ours to the sidebar API on 127.0.0.1. */
const hostUnmatched = (flow: Flow) => flow.unmatched.filter((u) => !u.includes(' /api/v1/'));

async function serve(flow: Flow): Promise<{ base: string; server: Server }> {
  const app = express();
  app.use(express.json());
  app.use(
    '/api/v1',
    createSidebarRouter({
      db: flow.db,
      policyStore: fixedPolicyStore(flow.policy),
      clock: flow.clock,
      pipeline: flow.pipeline,
      auth: {
        app: requireAppAuth({
          secret: KEY,
          clock: flow.clock,
          defaultLocale: () => flow.policy.defaultLocale,
          defaultRole: () => lowestRole(flow.policy),
        }),
        admin: requireAdmin(ADMIN),
      },
    }),
  );
  app.use(errorHandler(pino({ level: 'silent' })));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const as = (agent: string, role: string) => ({
  'content-type': 'application/json',
  'x-complaint-desk-key': KEY,
  'x-complaint-desk-agent': agent,
  'x-complaint-desk-role': role,
  'x-complaint-desk-locale': 'en',
});

describe('flow: remedy approval and evidence export through the sidebar API', () => {
  it('Zendesk: agent chooses above authority (approval note, specialist group) → agent cannot approve → specialist approves (one note)', async () => {
    const flow = startFlow('zendesk', undefined, dir);
    const { base } = await serve(flow);
    zdTicketReads(flow, '301');
    for (let i = 0; i < 3; i++) expectRequest(flow, ZD, 'put', '/api/v2/tickets/301.json', zdTicket('301'));
    flow.pipeline.ingest(
      created(ticket({ id: '301', fields: { product_model: 'R3', purchase_date: '2026-11-01', order_amount: '1000' } })),
    );
    await flow.pipeline.idle();

    const chose = await fetch(`${base}/api/v1/tickets/zendesk/301/remedy`, {
      method: 'POST',
      headers: as('lin', 'agent'),
      body: JSON.stringify({ rank: 'bottom' }),
    });
    expect(chose.status).toBe(202);
    await flow.pipeline.idle();
    const denied = await fetch(`${base}/api/v1/tickets/zendesk/301/remedy-approval`, {
      method: 'POST',
      headers: as('lin', 'agent'),
      body: JSON.stringify({ decision: 'approved' }),
    });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.message).toContain('needs role "specialist"');
    const approved = await fetch(`${base}/api/v1/tickets/zendesk/301/remedy-approval`, {
      method: 'POST',
      headers: as('pat', 'specialist'),
      body: JSON.stringify({ decision: 'approved', comment: 'within policy' }),
    });
    expect(approved.status).toBe(202);
    await flow.pipeline.idle();

    const puts = writes(flow).map((w) => w.body.ticket);
    expect(writes(flow).map((w) => `${w.method} ${w.path}`)).toEqual(Array(3).fill('PUT /api/v2/tickets/301.json'));
    const bottom = flow.policy.remedies.matrix.find((e) => e.id && e.categories.includes('quality') && e.severities.includes('L2'))!
      .options[2].label['zh-CN'];
    expect(puts[1]).toMatchObject({
      group_id: GROUPS.specialists,
      tags: expect.arrayContaining(['cd_tier_specialist']),
      comment: { public: false },
    });
    expect(puts[1].comment.body).toContain(`方案"${bottom}"超出 lin 权限`);
    expect(puts[2].tags).toBeUndefined();
    expect(puts[2].group_id).toBeUndefined();
    expect(puts[2].priority).toBeUndefined();
    expect(puts[2].comment).toMatchObject({ public: false });
    expect(puts[2].comment.body).toContain(`投诉助手：pat 已批准方案"${bottom}"（工单 #301）。备注：within policy。`);
    expect(hostUnmatched(flow)).toEqual([]);

    const view = await (await fetch(`${base}/api/v1/tickets/zendesk/301/view`, { headers: as('lin', 'agent') })).json();
    expect(view.remedies.chosen).toEqual({
      rank: 'bottom',
      at: expect.any(String),
      by: 'lin',
      approval: 'approved',
      decidedBy: 'pat',
      decidedAt: new Date(flow.clock.now()).toISOString(),
      comment: 'within policy',
    });

    // Evidence: the agent may not export; a supervisor (the review role) may, from the sidebar.
    expect((await fetch(`${base}/api/v1/evidence/zendesk/301`, { headers: as('lin', 'agent') })).status).toBe(403);
    const bundle = await fetch(`${base}/api/v1/evidence/zendesk/301`, { headers: as('sam', 'supervisor') });
    expect(bundle.status).toBe(200);
    const actions = (await bundle.json()).entries
      .filter((e: { type: string }) => e.type === 'action')
      .map((e: { data: { kind: string } }) => e.data.kind);
    expect(actions).toEqual(['agent.remedy', 'agent.remedy_decision']);
    await flow.close();
  });

  it('Freshdesk: a safety complaint adds the supervisor-notification tag in the same ticket update', async () => {
    const flow = startFlow('freshdesk', undefined, dir);
    nock(FD)
      .persist()
      .get('/api/v2/tickets/41')
      .query(true)
      .reply((uri) => {
        flow.requests.push({ method: 'GET', path: uri, body: null });
        return [200, { id: 41, tags: ['vip_line'], updated_at: '2026-11-23T02:00:05Z' }];
      });
    expectRequest(flow, FD, 'put', '/api/v2/tickets/41', { id: 41, tags: [] });
    expectRequest(flow, FD, 'post', '/api/v2/tickets/41/notes', { id: 1 }, 201);
    flow.pipeline.ingest(
      created(ticket({ id: '41', subject: '电饭煲漏电', description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电。' }), 'freshdesk'),
    );
    await flow.pipeline.idle();
    const [put, note] = writes(flow);
    expect(put.path).toBe('/api/v2/tickets/41');
    expect(put.body.tags).toEqual([
      'vip_line',
      'cd_cat_quality',
      'cd_sev_l1',
      'cd_sig_safety',
      'cd_tier_supervisor',
      'cd_escalated',
      'cd_notify_supervisor',
    ]);
    expect(note).toMatchObject({ path: '/api/v2/tickets/41/notes', body: { private: true } });
    expect(writes(flow)).toHaveLength(2);
    expect(flow.unmatched).toEqual([]);
    await flow.close();
  });
});
