import templates from '../../../../../../apps/freshdesk/request-templates.json';
import {
  createFreshdeskHost,
  freshdeskTicket,
  templateFor,
  type FreshworksClient,
} from '../../../../../../apps/sidebar/src/host/freshdesk-host';
import { interceptSaves } from '../../../../../../apps/sidebar/src/host/freshdesk-save-intercepts';
import { ConnectorUnreachable } from '../../../../../../apps/sidebar/src/host/host-api';
import { DEFAULT_ROLE } from '../../../../../../apps/sidebar/src/host/agent-roles';

function fakeClient(
  invoke: (name: string, o: any) => Promise<any>,
  user: Record<string, any> = { id: 3, contact: { name: 'Kai', language: 'zh-CN' } },
  iparams?: Record<string, string>,
) {
  const calls: any[] = [];
  const handlers: Record<string, ((e: any) => void)[]> = {};
  let open = false;
  const client: FreshworksClient = {
    data: {
      get: async (n) =>
        (
          ({
            ticket: {
              ticket: {
                id: 77,
                subject: 's',
                description_text: 'd',
                status: 6,
                source: 7,
                tags: ['t'],
                custom_fields: { cf_product_batch: 'B1', cf_empty: null },
              },
            },
            loggedInUser: { loggedInUser: user },
            requester: { requester: { id: 1, name: 'Req', email: 'r@x' } },
          }) as any
        )[n],
    },
    request: {
      invokeTemplate: async (n, o) => {
        calls.push(['invokeTemplate', n, o]);
        return invoke(n, o);
      },
    },
    interface: {
      trigger: async (a, o) => {
        calls.push(['trigger', a, o]);
        if (a === 'click') open = true;
        if (a === 'setValue' && !open) throw new Error('closed');
        return {};
      },
    },
    events: {
      on: (e, cb, o) => {
        calls.push(['on', e, !!o?.intercept]);
        (handlers[e] ??= []).push(cb);
      },
    },
    instance: { resize: (o) => calls.push(['resize', o]) },
    ...(iparams
      ? {
          iparams: {
            get: async (k?: string) => {
              calls.push(['iparams.get', k]);
              return k ? { [k]: iparams[k] } : iparams;
            },
          },
        }
      : {}),
  };
  return { client, calls, handlers };
}

test('every template path maps back to its template, with the ticket id in the context', () => {
  for (const t of templates) {
    const p = t.path.replace(':ticket_id', '77');
    expect(templateFor(p, t.method)).toEqual({ name: t.name, ticketId: t.path.includes(':ticket_id') ? '77' : null });
  }
  expect(() => templateFor('/api/v1/unknown', 'GET')).toThrow(/no Freshdesk request template/);
  expect(() => templateFor('/api/v1/tickets/freshdesk/77/view', 'POST')).toThrow();
});

test('request invokes the template with context and a JSON body; status 0 means unreachable', async () => {
  let reply: any = { status: 202, response: '{"accepted":true}', headers: {} };
  const { client, calls } = fakeClient(async () => {
    if (reply.status === 0) throw reply;
    return reply;
  });
  const host = await createFreshdeskHost(client);
  expect(host.context.agent).toMatchObject({ id: '3', name: 'Kai', locale: 'zh-CN', role: DEFAULT_ROLE });
  expect(await host.request('/api/v1/tickets/freshdesk/77/remedy', { method: 'POST', body: { rank: 'second' } })).toEqual({
    status: 202,
    body: { accepted: true },
    headers: {},
  });
  expect(calls.at(-1)).toEqual([
    'invokeTemplate',
    'postRemedy',
    {
      context: { ticket_id: '77', agent_name: 'Kai', agent_role: DEFAULT_ROLE, agent_locale: 'zh-CN', agent_zone: '', etag: '' },
      body: '{"rank":"second"}',
    },
  ]);
  reply = { status: 0 };
  await expect(host.request('/api/v1/policy')).rejects.toBeInstanceOf(ConnectorUnreachable);
});

test("the agent's Freshdesk zone (a Rails name) goes to the connector as an IANA name with every request, unchecked", async () => {
  const { client, calls } = fakeClient(async () => ({ status: 200, response: '{}' }), {
    id: 3,
    contact: { name: 'Kai', language: 'zh-CN', time_zone: 'Beijing' },
  });
  const host = await createFreshdeskHost(client);
  expect(host.context.agent.hostTimeZone).toBe('Asia/Shanghai');
  await host.request('/api/v1/tickets/freshdesk/77/view?cd_zone=Asia%2FShanghai');
  expect(calls.at(-1)).toEqual(['invokeTemplate', 'getView', { context: expect.objectContaining({ agent_zone: 'Asia/Shanghai' }) }]);
  expect(host.context.agent.timeZone).toBe('Asia/Shanghai');
});

test('insert opens the reply editor with the text in one documented call (no setValue on editor from a sidebar)', async () => {
  const { client, calls } = fakeClient(async () => ({}));
  const host = await createFreshdeskHost(client);
  await host.insertIntoEditor('hello');
  expect(calls.filter((c) => c[0] === 'trigger')).toEqual([['trigger', 'click', { id: 'reply', text: 'hello' }]]);
});

test('save guard: only the ticket_background location intercepts; fail(reason) blocks, done() allows', async () => {
  const sidebar = fakeClient(async () => ({}));
  (await createFreshdeskHost(sidebar.client)).onSaveGuard(async () => 'never');
  expect(sidebar.calls.filter((c) => c[0] === 'on' && c[2])).toEqual([]);
  const { client, handlers } = fakeClient(async () => ({}));
  const host = await createFreshdeskHost(client, 'ticket_background', interceptSaves);
  host.onSaveGuard(async (tags) => (tags.includes('cd_malicious') ? 'blocked: evidence' : null));
  const fire = (event: string, data: unknown) =>
    new Promise((resolve) =>
      handlers[event][0]({ helper: { getData: () => data, done: () => resolve('done'), fail: (r: string) => resolve(`fail:${r}`) } }),
    );
  expect(await fire('ticket.propertiesUpdated', { tags: ['cd_malicious'] })).toBe('fail:blocked: evidence');
  expect(await fire('ticket.propertiesUpdated', { tags: { old: [], new: ['x'] } })).toBe('done');
  expect(await fire('ticket.closeTicketClick', {})).toBe('done'); // current ticket tags: ['t']
});

test('the ticket_background location without the save intercepts is refused, not left unguarded', async () => {
  await expect(createFreshdeskHost(fakeClient(async () => ({})).client, 'ticket_background')).rejects.toThrow(/save intercepts/);
});

test('sidebar: nothing loads before app.activated; each activation re-reads which ticket is open', async () => {
  let open = 77;
  const { client, handlers } = fakeClient(async () => ({}));
  const get = client.data.get;
  client.data.get = async (n) => (n === 'ticket' ? { ticket: { ...(await get(n)).ticket, id: open } } : get(n));
  const host = await createFreshdeskHost(client);
  let active = false;
  void host.activation!.then(() => {
    active = true;
  });
  await new Promise((r) => setTimeout(r, 5));
  expect(active).toBe(false);
  const changed: string[] = [];
  host.onTicketChanged(() => changed.push(host.context.ticketId));
  handlers['app.activated'][0]({});
  await host.activation;
  expect(host.context.ticketId).toBe('77');
  expect(changed).toEqual([]); // the first activation lets the pending first load run; no second load
  open = 78;
  handlers['app.activated'][0]({});
  await new Promise((r) => setTimeout(r, 5));
  expect(changed).toEqual(['78']);
  expect(host.context.ticketId).toBe('78');
  // The background location has no activation to wait for.
  expect(
    await Promise.race([
      createFreshdeskHost(fakeClient(async () => ({})).client, 'ticket_background', interceptSaves).then((h) => h.activation),
      new Promise((r) => setTimeout(() => r('pending'), 20)),
    ]),
  ).toBeUndefined();
});

test('Freshdesk ticket → host-neutral Ticket', () => {
  const t = freshdeskTicket(
    { id: 1, subject: 's', description_text: 'd', status: 4, source: 3, tags: [], custom_fields: { cf_a: 'x', cf_b: '' } },
    { id: 2, name: 'N', mobile: '123' },
  );
  expect(t).toMatchObject({
    id: '1',
    status: 'solved',
    channel: 'phone',
    fields: { cf_a: 'x' },
    requester: { id: '2', name: 'N', phone: '123' },
  });
});

test('role comes from the agent_roles iparam (email or Freshdesk role id) and rides in every template context', async () => {
  const iparams = { agent_roles: 'supervisor: lead@example.com\nspecialist: 48000099999' };
  const ok = async () => ({ status: 200, response: '{}', headers: {} });
  const sup = await createFreshdeskHost(
    fakeClient(ok, { id: 4, role_ids: [], contact: { name: 'Lea', email: 'Lead@example.com', language: 'en' } }, iparams).client,
  );
  expect(sup.context.agent.role).toBe('supervisor');
  const { client, calls } = fakeClient(
    ok,
    { id: 5, role_ids: [48000099999], contact: { name: 'Sam', email: 's@example.com', language: 'en' } },
    iparams,
  );
  const spec = await createFreshdeskHost(client);
  expect(spec.context.agent.role).toBe('specialist');
  expect(calls).toContainEqual(['iparams.get', 'agent_roles']);
  await spec.request('/api/v1/evidence/freshdesk/77');
  expect(calls.at(-1)).toEqual([
    'invokeTemplate',
    'getEvidenceExport',
    { context: expect.objectContaining({ ticket_id: '77', agent_role: 'specialist' }) },
  ]);
  const nobody = await createFreshdeskHost(
    fakeClient(ok, { id: 6, role_ids: [1], contact: { name: 'N', email: 'n@example.com' } }, iparams).client,
  );
  expect(nobody.context.agent.role).toBe(DEFAULT_ROLE);
  expect(nobody.context.warnings).toBeUndefined();
});

test('an unreadable agent_roles setting keeps the default role and is reported', async () => {
  const host = await createFreshdeskHost(
    fakeClient(
      async () => ({}),
      { id: 4, contact: { name: 'Lea', email: 'lead@example.com' } },
      { agent_roles: 'supervisor lead@example.com' },
    ).client,
  );
  expect(host.context.agent.role).toBe(DEFAULT_ROLE);
  expect(host.context.warnings).toEqual([expect.stringMatching(/agent_roles entry 1/)]);
});

test('remedy approval and evidence export have request templates', () => {
  expect(templateFor('/api/v1/tickets/freshdesk/9/remedy-approval', 'POST')).toEqual({ name: 'postRemedyApproval', ticketId: '9' });
  expect(templateFor('/api/v1/evidence/freshdesk/9', 'GET')).toEqual({ name: 'getEvidenceExport', ticketId: '9' });
});

test('with a policy, mapped cf_ fields also appear under their intake keys (as the connector reads them)', async () => {
  const policy = { hostFields: { zendesk: {}, freshdesk: { product_batch: 'cf_product_batch', serial_number: 'cf_serial' } } } as any;
  const host = await createFreshdeskHost(fakeClient(async () => ({})).client);
  const t = await host.getTicket(policy);
  expect(t.fields).toEqual({ cf_product_batch: 'B1', product_batch: 'B1' });
});
