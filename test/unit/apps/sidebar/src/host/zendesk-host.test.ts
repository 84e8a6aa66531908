import { ConnectorUnreachable } from '../../../../../../apps/sidebar/src/host/host-api';
import { createZendeskHost, zendeskTicket, type ZafClient } from '../../../../../../apps/sidebar/src/host/zendesk-host';
import { DEFAULT_ROLE } from '../../../../../../apps/sidebar/src/host/agent-roles';

const ANN = { id: 9, name: 'Ann', email: 'ann@example.com', role: 'admin', locale: 'zh-tw', timeZone: { ianaName: 'Asia/Taipei' } };
const ANN_SUPERVISOR = { agent_roles: 'supervisor: ann@example.com' };

function fakeClient(
  respond: (o: any) => Promise<any>,
  settings: Record<string, unknown> = ANN_SUPERVISOR,
  currentUser: Record<string, unknown> = ANN,
) {
  const calls: any[] = [];
  const handlers: Record<string, ((...a: any[]) => any)[]> = {};
  const client: ZafClient = {
    get: async (p) => {
      const all: Record<string, any> = {
        'ticket.id': 42,
        currentUser,
        'ticket.tags': ['cd_malicious'],
        ticket: {
          id: 42,
          subject: 's',
          description: 'd',
          status: 'hold',
          tags: ['a'],
          via: { channel: 'web' },
          comments: [{ id: 1, value: '<p>hi&nbsp;there</p>', author: { role: 'end-user' } }],
        },
      };
      return Object.fromEntries((Array.isArray(p) ? p : [p]).map((k) => [k, all[k]]));
    },
    metadata: async () => ({ settings: { connector_url: 'https://cd.example.com/', ...settings } }),
    request: async (o) => {
      calls.push(o);
      return respond(o);
    },
    invoke: async (...a) => {
      calls.push(a);
      return {};
    },
    on: (e, h) => {
      (handlers[e] ??= []).push(h);
    },
  };
  return { client, calls, handlers };
}

test('context comes from currentUser: locale mapped, role from the agent_roles setting, IANA zone kept', async () => {
  const host = await createZendeskHost(fakeClient(async () => ({})).client);
  expect(host.context).toEqual({
    host: 'zendesk',
    ticketId: '42',
    agent: { id: '9', name: 'Ann', role: 'supervisor', locale: 'zh-TW', timeZone: 'Asia/Taipei', hostTimeZone: 'Asia/Taipei' },
  });
});

test('the zone is checked (Intl, which loads ICU in a page) only when first read, not while the host is set up', async () => {
  const spy = jest.spyOn(Intl, 'DateTimeFormat');
  try {
    const host = await createZendeskHost(fakeClient(async () => ({})).client);
    expect(spy).not.toHaveBeenCalled();
    expect(host.context.agent.hostTimeZone).toBe('Asia/Taipei');
    expect(host.context.agent.timeZone).toBe('Asia/Taipei');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(host.context.agent.timeZone).toBe('Asia/Taipei');
    expect(spy).toHaveBeenCalledTimes(1);
  } finally {
    spy.mockRestore();
  }
  const odd = await createZendeskHost(
    fakeClient(async () => ({}), ANN_SUPERVISOR, { ...ANN, timeZone: { ianaName: 'Mars/Olympus' } }).client,
  );
  expect([odd.context.agent.hostTimeZone, odd.context.agent.timeZone]).toEqual(['Mars/Olympus', null]);
});

describe('role from the agent_roles setting (client.metadata().settings), never from the Zendesk role', () => {
  const roleOf = async (settings: Record<string, unknown>, user: Record<string, unknown>) => {
    const { client, calls } = fakeClient(async () => ({ status: 200, responseText: '{}' }), settings, user);
    const host = await createZendeskHost(client);
    await host.request('/api/v1/policy');
    return { host, claims: calls[0].jwt.claims };
  };
  test('a Zendesk agent listed by email or user id gets the listed role, in the JWT claims too', async () => {
    const byEmail = await roleOf(
      { agent_roles: 'supervisor: Lee@Example.com\nspecialist: 55' },
      { id: 8, name: 'Lee', email: 'lee@example.com', role: 'agent' },
    );
    expect(byEmail.host.context.agent.role).toBe('supervisor');
    expect(byEmail.claims).toMatchObject({ sub: '8', role: 'supervisor', host: 'zendesk' });
    const byId = await roleOf(
      { agent_roles: 'supervisor: lee@example.com\nspecialist: 55' },
      { id: 55, name: 'Sam', email: 'sam@example.com', role: 'agent' },
    );
    expect(byId.host.context.agent.role).toBe('specialist');
    expect(byId.claims.role).toBe('specialist');
  });
  test("an unlisted Zendesk admin names no role (the policy's lowest-ranked applies); so does everyone when the setting is empty", async () => {
    const admin = await roleOf(
      { agent_roles: 'supervisor: lead@example.com' },
      { id: 1, name: 'Boss', email: 'boss@example.com', role: 'admin' },
    );
    expect(admin.host.context.agent.role).toBe(DEFAULT_ROLE);
    expect(admin.claims.role).toBe(DEFAULT_ROLE);
    expect(admin.host.context.warnings).toBeUndefined();
    expect((await roleOf({}, { id: 1, name: 'Boss', email: 'boss@example.com', role: 'admin' })).claims.role).toBe(DEFAULT_ROLE);
  });
  test('unreadable lines are reported as warnings in Zendesk terms; readable ones still apply', async () => {
    const { host } = await roleOf(
      { agent_roles: 'supervisor lead@example.com\nspecialist: boss@example.com' },
      { id: 1, name: 'Boss', email: 'boss@example.com', role: 'admin' },
    );
    expect(host.context.agent.role).toBe('specialist');
    expect(host.context.warnings).toEqual([expect.stringMatching(/agent_roles entry 1 .*"role: email, Zendesk user id/)]);
  });
});

test('requests go through the secure ZAF proxy with an HS256 JWT from the secure setting', async () => {
  const { client, calls } = fakeClient(async () => ({ status: 202, responseText: '{"accepted":true}', headers: {} }));
  const host = await createZendeskHost(client);
  const res = await host.request('/api/v1/tickets/zendesk/42/remedy', { method: 'POST', body: { rank: 'first' } });
  expect(res).toEqual({ status: 202, body: { accepted: true }, headers: {} });
  expect(calls[0]).toMatchObject({
    url: 'https://cd.example.com/api/v1/tickets/zendesk/42/remedy',
    type: 'POST',
    secure: true,
    contentType: 'application/json',
    data: '{"rank":"first"}',
    headers: { Authorization: 'Bearer {{jwt.token}}' },
    jwt: {
      algorithm: 'HS256',
      secret_key: '{{setting.shared_secret}}',
      claims: { sub: '9', name: 'Ann', role: 'supervisor', locale: 'zh-TW' },
    },
  });
  expect(JSON.stringify(calls[0])).not.toMatch(/shared_secret"?:\s*"[^{]/);
});

test('HTTP errors come back as responses; no status or a gateway error means unreachable', async () => {
  let next: any = { status: 404, responseJSON: { error: { message: 'nope' } } };
  const host = await createZendeskHost(
    fakeClient(async () => {
      throw next;
    }).client,
  );
  expect(await host.request('/x')).toMatchObject({ status: 404, body: { error: { message: 'nope' } } });
  next = { status: 0 };
  await expect(host.request('/x')).rejects.toBeInstanceOf(ConnectorUnreachable);
  next = { status: 503 };
  await expect(host.request('/x')).rejects.toBeInstanceOf(ConnectorUnreachable);
});

test('save guard: a reason rejects the ticket.save handler, null lets it save', async () => {
  const { client, handlers } = fakeClient(async () => ({}));
  const host = await createZendeskHost(client);
  let reason: string | null = 'evidence missing';
  host.onSaveGuard(async (tags) => (tags.includes('cd_malicious') ? reason : null));
  await expect(handlers['ticket.save'][0]()).rejects.toBe('evidence missing');
  reason = null;
  await expect(handlers['ticket.save'][0]()).resolves.toBe(true);
});

test('editor insert and resize use the documented ZAF actions', async () => {
  const { client, calls } = fakeClient(async () => ({}));
  const host = await createZendeskHost(client);
  await host.insertIntoEditor('hello');
  host.resize(321.2);
  expect(calls).toEqual([
    ['ticket.editor.insert', 'hello'],
    ['resize', { width: '100%', height: '322px' }],
  ]);
});

test('ZAF ticket → host-neutral Ticket', () => {
  const t = zendeskTicket({
    id: 5,
    subject: 's',
    description: 'd',
    status: 'hold',
    tags: ['x'],
    via: { channel: 'email' },
    requester: { id: 3, name: 'R' },
    comments: [
      { id: 1, value: '<p>a&amp;b</p>', author: { role: 'end-user' } },
      { id: 2, value: 'ok', author: { role: 'agent' }, isPublic: false },
    ],
  });
  expect(t).toMatchObject({ id: '5', status: 'on_hold', channel: 'email', tags: ['x'], requester: { id: '3', name: 'R' } });
  expect(t.comments).toMatchObject([
    { id: '1', author: 'customer', public: true, body: 'a&b' },
    { id: '2', author: 'agent', public: false },
  ]);
});
