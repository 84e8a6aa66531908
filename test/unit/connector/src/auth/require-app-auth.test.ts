import express from 'express';
import nock from 'nock';
import { createZendeskRoleVoucher } from '../../../../../connector/src/auth/vouch-zendesk-role';
import { createZendeskUserLookup } from '../../../../../connector/src/hosts/zendesk/zendesk-user-lookup';
import { loadPolicy } from '../../../../support/test-policy';
import type { Server } from 'node:http';
import { requireAppAuth } from '../../../../../connector/src/auth/require-app-auth';
import { signHs256Jwt } from '../../../../support/sign-jwt';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import { errorHandler } from '../../../../../connector/src/server/error-handler';

const SECRET = 'app-shared-secret-0123456789';
const NOW = Date.parse('2026-11-22T12:00:00Z');
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.get(
    '/who',
    requireAppAuth({ secret: SECRET, clock: { now: () => NOW }, defaultLocale: () => 'zh-CN', defaultRole: () => 'front_desk' }),
    (_req, res) => {
      res.json(res.locals.agent);
    },
  );
  app.use(errorHandler(createLogger({ level: 'silent' })));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/who`;
});

afterAll(() => new Promise((r) => server.close(r)));

const get = async (headers: Record<string, string>) => {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
};

describe('requireAppAuth', () => {
  it('takes the agent from the JWT claims', async () => {
    const token = signHs256Jwt({ sub: 901, name: 'Ana Lima', role: 'Supervisor', locale: 'en', exp: NOW / 1000 + 60 }, SECRET);
    expect(await get({ authorization: `Bearer ${token}` })).toEqual({
      status: 200,
      body: { id: '901', name: 'Ana Lima', role: 'supervisor', locale: 'en' },
    });
  });

  it('takes the agent from the X-Complaint-Desk-* headers with the key, defaulting role and locale', async () => {
    expect(
      await get({
        'x-complaint-desk-key': SECRET,
        'x-complaint-desk-agent': 'li.na',
        'x-complaint-desk-role': 'agent',
        'x-complaint-desk-locale': 'zh-TW',
      }),
    ).toEqual({ status: 200, body: { id: 'li.na', name: 'li.na', role: 'agent', locale: 'zh-TW' } });
    // no role: the policy's lowest-ranked role (whatever the policy calls it), not a name fixed in code
    expect(
      (await get({ 'x-complaint-desk-key': SECRET, 'x-complaint-desk-agent': 'li.na', 'x-complaint-desk-locale': 'fr' })).body,
    ).toEqual({ id: 'li.na', name: 'li.na', role: 'front_desk', locale: 'zh-CN' });
  });

  it('answers 401 with the reason otherwise', async () => {
    expect((await get({})).status).toBe(401);
    expect((await get({ 'x-complaint-desk-key': 'nope-nope-nope-nope', 'x-complaint-desk-agent': 'x' })).body.error.code).toBe(
      'unauthorized',
    );
    expect((await get({ 'x-complaint-desk-key': SECRET })).body.error.message).toMatch(/X-Complaint-Desk-Agent/);
    const noSub = signHs256Jwt({ name: 'x', exp: NOW / 1000 + 60 }, SECRET);
    expect((await get({ authorization: `Bearer ${noSub}` })).body.error.message).toMatch(/sub/);
  });
});

/**
 * A token's claims are written by app code in the agent's browser: the role must be what Zendesk vouches for. The
 * agent and the app's `agent_roles` setting are read with the connector's credentials (payloads as
 * developer.zendesk.com documents users, group_memberships and app installations); without role lines in the
 * setting, the policy's role → escalation tier → group gives the Zendesk group that vouches for a role.
 */
describe('requireAppAuth with the Zendesk role voucher', () => {
  const ZD = 'https://acme.zendesk.com';
  const policy = loadPolicy((raw) => {
    raw.groups.front_line.zendeskGroupId = 100;
    raw.groups.specialists.zendeskGroupId = 200;
    raw.groups.supervisors.zendeskGroupId = 400;
  });
  let vserver: Server;
  let vurl: string;
  let agentRoles: string | null = null;
  beforeEach(() => {
    nock(ZD)
      .persist()
      .get('/api/v2/apps/installations.json')
      .reply(() => [
        200,
        {
          installations: [
            { id: 1, app_id: 11, enabled: true, settings: { name: 'Other app' } },
            {
              id: 2,
              app_id: 22,
              enabled: true,
              settings: { name: 'Complaint Desk', ...(agentRoles === null ? {} : { agent_roles: agentRoles }) },
            },
          ],
        },
      ]);
  });
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const app = express();
    let now = NOW;
    app.use((_req, _res, next) => {
      now += 10 * 60_000;
      next();
    }); // every request is a new cache period
    app.get(
      '/who',
      (req, res, next) => {
        const lookup = createZendeskUserLookup({
          subdomain: 'acme',
          email: 'bot@acme.example',
          apiToken: 't',
          queue: { intervalCap: 100, interval: 1000 },
          retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        });
        const voucher = createZendeskRoleVoucher(
          lookup,
          () => policy,
          () => now,
        );
        requireAppAuth({
          secret: SECRET,
          clock: { now: () => NOW },
          defaultLocale: () => 'en',
          defaultRole: () => 'agent',
          zendeskVoucher: voucher,
        })(req, res, next);
      },
      (_req, res) => {
        res.json(res.locals.agent);
      },
    );
    app.use(errorHandler(createLogger({ level: 'silent' })));
    vserver = app.listen(0, '127.0.0.1');
    await new Promise((r) => vserver.once('listening', r));
    vurl = `http://127.0.0.1:${(vserver.address() as { port: number }).port}/who`;
  });
  afterEach(() => {
    nock.cleanAll();
    agentRoles = null;
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await new Promise((r) => vserver.close(r));
  });
  const who = async (sub: string, role: string) => {
    const res = await fetch(vurl, { headers: { authorization: `Bearer ${signHs256Jwt({ sub, role, exp: NOW / 1000 + 60 }, SECRET)}` } });
    return { status: res.status, body: await res.json() };
  };
  const zdUser = (id: number, role: string, groups: number[] | null, extra: Record<string, unknown> = {}) => {
    nock(ZD)
      .get(`/api/v2/users/${id}.json`)
      .reply(200, { user: { id, name: 'A', email: `u${id}@acme.example`, role, active: true, suspended: false, ...extra } });
    if (groups)
      nock(ZD)
        .get(`/api/v2/users/${id}/group_memberships.json`)
        .reply(200, {
          group_memberships: groups.map((g, i) => ({ id: i + 1, user_id: id, group_id: g, default: i === 0 })),
          next_page: null,
          previous_page: null,
          count: groups.length,
        });
  };

  it('without agent_roles lines: a front-line agent claiming "supervisor" acts as an agent; a supervisors-group member may act as supervisor or below', async () => {
    zdUser(901, 'agent', [100]);
    expect(await who('901', 'supervisor')).toEqual({
      status: 200,
      body: expect.objectContaining({ id: '901', role: 'agent', vouched: true }),
    });
    zdUser(902, 'agent', [100, 400]);
    expect((await who('902', 'supervisor')).body.role).toBe('supervisor');
    zdUser(902, 'agent', [100, 400]);
    expect((await who('902', 'specialist')).body.role).toBe('specialist');
  });

  it("with the app's agent_roles setting (read from Zendesk): the line matching the user's e-mail or id decides; admins get nothing extra", async () => {
    agentRoles = 'supervisor: u903@acme.example\nspecialist: 904';
    zdUser(903, 'agent', null);
    expect((await who('903', 'supervisor')).body.role).toBe('supervisor');
    zdUser(904, 'agent', null);
    expect((await who('904', 'supervisor')).body.role).toBe('specialist');
    zdUser(905, 'admin', null);
    expect((await who('905', 'supervisor')).body.role).toBe('agent');
  });

  it('end users, suspended and unknown users get 403', async () => {
    nock(ZD)
      .get('/api/v2/users/906.json')
      .reply(200, { user: { id: 906, role: 'end-user', active: true, suspended: false } });
    expect(await who('906', 'agent')).toEqual({
      status: 403,
      body: { error: expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(/not an active agent/) }) },
    });
    zdUser(907, 'agent', [400], { suspended: true });
    expect((await who('907', 'supervisor')).status).toBe(403);
    nock(ZD).get('/api/v2/users/908.json').reply(404, { error: 'RecordNotFound' });
    expect((await who('908', 'agent')).body.error.message).toMatch(/no user 908/);
  });
});

describe('Zendesk role voucher without admin rights to read app installations', () => {
  it('falls back to group membership when GET /api/v2/apps/installations.json is refused', async () => {
    const ZD = 'https://acme.zendesk.com';
    nock.disableNetConnect();
    const policy = loadPolicy((raw) => {
      raw.groups.supervisors.zendeskGroupId = 400;
    });
    const lookup = createZendeskUserLookup({
      subdomain: 'acme',
      email: 'bot@acme.example',
      apiToken: 't',
      queue: { intervalCap: 100, interval: 1000 },
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    nock(ZD).get('/api/v2/apps/installations.json').reply(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
    nock(ZD)
      .get('/api/v2/users/910.json')
      .reply(200, { user: { id: 910, role: 'agent', active: true, suspended: false, email: 'x@acme.example' } });
    nock(ZD)
      .get('/api/v2/users/910/group_memberships.json')
      .reply(200, { group_memberships: [{ id: 1, user_id: 910, group_id: 400 }], next_page: null });
    const vouch = createZendeskRoleVoucher(
      lookup,
      () => policy,
      () => NOW,
    );
    expect(await vouch('910', 'supervisor')).toEqual({ ok: true, role: 'supervisor', by: 'groups' });
    nock.cleanAll();
    nock.enableNetConnect();
  });
});
