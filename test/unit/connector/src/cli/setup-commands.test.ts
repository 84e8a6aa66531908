/**
 * `complaint-desk setup zendesk|freshdesk` against stand-ins of the hosts' admin APIs (nock), with payloads shaped like
 * their documentation: Zendesk Webhooks API (webhooks, signing_secret), Triggers, Groups, Ticket Fields, Users;
 * Freshdesk Agents (me), Groups, Ticket Fields (status choices).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { main } from '../../../../../connector/src/cli/main';
import { memoryIo } from '../../../policies/cli/memory-io';

const ZD = 'https://acme.zendesk.com';
const FD = 'https://acme.freshdesk.com';
let dir: string;
let policyFile: string;

beforeAll(() => {
  nock.disableNetConnect();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-setup-'));
  const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../policies/default.json'), 'utf8'));
  const ids: Record<string, number> = { front_line: 100, specialists: 200, senior: 300, supervisors: 400, review: 500 };
  for (const [k, id] of Object.entries(ids))
    if (raw.groups[k]) {
      raw.groups[k].zendeskGroupId = id;
      raw.groups[k].freshdeskGroupId = id;
    }
  raw.hostFields = { zendesk: { product_batch: 9001 }, freshdesk: { product_batch: 'cf_batch' } };
  policyFile = path.join(dir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(raw));
});
afterAll(() => {
  nock.enableNetConnect();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => nock.cleanAll());

/** A stateful Zendesk admin API: what exists, and every write it received. */
function fakeZendesk(groupIds = [100, 200, 300, 400, 500]) {
  const state = { webhooks: [] as any[], triggers: [] as any[], writes: [] as string[] };
  const z = nock(ZD).persist();
  z.get('/api/v2/users/me.json').reply(200, { user: { id: 7, name: 'Ops', email: 'ops@acme.example', role: 'admin' } });
  z.get('/api/v2/groups.json').reply(200, {
    groups: groupIds.map((id) => ({ id, name: `G${id}`, deleted: false })),
    next_page: null,
    previous_page: null,
    count: groupIds.length,
  });
  z.get('/api/v2/ticket_fields.json').reply(200, {
    ticket_fields: [{ id: 9001, type: 'text', title: 'Batch', active: true }],
    next_page: null,
    count: 1,
  });
  z.get('/api/v2/webhooks')
    .query(true)
    .reply(() => [200, { webhooks: state.webhooks, meta: { has_more: false }, links: {} }]);
  z.post('/api/v2/webhooks').reply((_u, body: any) => {
    state.writes.push('POST /api/v2/webhooks');
    const w = { id: `01GWEBHOOK${state.webhooks.length}`, ...body.webhook, created_at: '2026-11-22T10:00:00Z' };
    state.webhooks.push(w);
    return [201, { webhook: w }];
  });
  z.put(/\/api\/v2\/webhooks\/[^/]+$/).reply((uri, body: any) => {
    state.writes.push(`PUT ${uri}`);
    Object.assign(
      state.webhooks.find((w) => uri.endsWith(w.id)),
      body.webhook,
    );
    return [204, ''];
  });
  z.get(/\/api\/v2\/webhooks\/[^/]+\/signing_secret$/).reply(200, {
    signing_secret: { algorithm: 'SHA256', secret: 'dGhpc19zZWNyZXRfaXNfc2VjcmV0' },
  });
  z.get('/api/v2/triggers.json').reply(() => [
    200,
    { triggers: state.triggers, next_page: null, previous_page: null, count: state.triggers.length },
  ]);
  z.post('/api/v2/triggers.json').reply((_u, body: any) => {
    state.writes.push('POST /api/v2/triggers.json');
    const t = { id: 360000100 + state.triggers.length, ...body.trigger };
    state.triggers.push(t);
    return [201, { trigger: t }];
  });
  z.put(/\/api\/v2\/triggers\/\d+\.json$/).reply((uri, body: any) => {
    state.writes.push(`PUT ${uri}`);
    return [200, { trigger: body.trigger }];
  });
  return state;
}

const zdEnv = { ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'ops@acme.example', ZENDESK_API_TOKEN: 'tok' };
async function run(args: string[], env: Record<string, string>) {
  const m = memoryIo();
  m.io.env = env;
  const code = await main(args, m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('setup zendesk', () => {
  it('creates the webhook (event subscriptions) and the trigger, then a second run changes nothing', async () => {
    const zd = fakeZendesk();
    const first = await run(['setup', 'zendesk', '--url', 'https://cd.acme.example/', '--policy', policyFile], zdEnv);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('credentials: OK (user 7, role admin)');
    expect(first.out).toContain('group and field ids OK');
    expect(first.out).toMatch(
      /webhook: created "Complaint Desk \(ticket events\)" \(01GWEBHOOK0\) → https:\/\/cd\.acme\.example\/webhooks\/zendesk/,
    );
    expect(first.out).toContain('trigger: created "Complaint Desk: notify supervisors"');
    expect(first.out).not.toContain('dGhpc19zZWNyZXRfaXNfc2VjcmV0');
    expect(zd.webhooks[0]).toMatchObject({
      endpoint: 'https://cd.acme.example/webhooks/zendesk',
      http_method: 'POST',
      request_format: 'json',
      status: 'active',
      subscriptions: [
        'zen:event-type:ticket.created',
        'zen:event-type:ticket.comment_added',
        'zen:event-type:ticket.status_changed',
        'zen:event-type:ticket.tags_changed',
        'zen:event-type:ticket.priority_changed',
      ],
    });
    expect(zd.triggers[0].actions[0]).toEqual({ field: 'notification_group', value: ['400', expect.any(String), expect.any(String)] });
    const second = await run(['setup', 'zendesk', '--url', 'https://cd.acme.example', '--policy', policyFile, '--print-secret'], zdEnv);
    expect(second.code).toBe(0);
    expect(second.out).toContain('webhook: "Complaint Desk (ticket events)" (01GWEBHOOK0) unchanged');
    expect(second.out).toContain('trigger: "Complaint Desk: notify supervisors" (360000100) unchanged');
    expect(second.out).toContain('ZENDESK_WEBHOOK_SECRET=dGhpc19zZWNyZXRfaXNfc2VjcmV0');
    expect(zd.writes).toEqual(['POST /api/v2/webhooks', 'POST /api/v2/triggers.json']);
    // A moved connector: the webhook is updated in place, not duplicated.
    const moved = await run(['setup', 'zendesk', '--url', 'https://new.acme.example', '--policy', policyFile], zdEnv);
    expect(moved.out).toContain(
      'webhook: updated "Complaint Desk (ticket events)" (01GWEBHOOK0) → https://new.acme.example/webhooks/zendesk',
    );
    expect(zd.webhooks).toHaveLength(1);
  });

  it('--dry-run prints the requests and sends no write', async () => {
    const zd = fakeZendesk();
    const r = await run(['setup', 'zendesk', '--url', 'https://cd.acme.example', '--policy', policyFile, '--dry-run'], zdEnv);
    expect(r.code).toBe(0);
    expect(r.out).toContain('would send: POST /api/v2/webhooks\n{\n  "webhook": {');
    expect(r.out).toContain('would send: POST /api/v2/triggers.json');
    expect(zd.writes).toEqual([]);
  });

  it('policy group or field ids the account lacks: exit 1 naming each', async () => {
    fakeZendesk([100, 200]);
    const r = await run(['setup', 'zendesk', '--url', 'https://cd.acme.example', '--policy', policyFile, '--dry-run'], zdEnv);
    expect(r.code).toBe(1);
    expect(r.err).toContain('groups.supervisors.zendeskGroupId: 400 is not a group of this account');
  });

  it('usage errors exit 2 with what is missing', async () => {
    expect((await run(['setup', 'zendesk'], zdEnv)).err).toMatch(/--url is required/);
    const noCreds = await run(['setup', 'zendesk', '--url', 'https://cd.acme.example'], {});
    expect(noCreds.code).toBe(2);
    expect(noCreds.err).toMatch(/set ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN/);
  });
});

describe('setup freshdesk', () => {
  const fdEnv = { FRESHDESK_DOMAIN: 'acme', FRESHDESK_API_KEY: 'key', FRESHDESK_ON_HOLD_STATUS: '7' };
  function fakeFreshdesk(fieldNames = ['cf_batch']) {
    const f = nock(FD).persist();
    f.get('/api/v2/agents/me').reply(200, {
      id: 43,
      available: true,
      contact: { name: 'Ops', email: 'ops@acme.example' },
      group_ids: [100],
    });
    f.get('/api/v2/groups')
      .query(true)
      .reply(
        200,
        [100, 200, 300, 400, 500].map((id) => ({ id, name: `G${id}` })),
      );
    f.get('/api/v2/ticket_fields').reply(200, [
      {
        id: 1,
        name: 'status',
        label: 'Status',
        type: 'default_status',
        choices: {
          2: ['Open', 'Being Processed'],
          3: ['Pending', 'Awaiting your Reply'],
          4: ['Resolved', 'This ticket has been Resolved'],
          5: ['Closed', 'This ticket has been Closed'],
          6: ['Waiting on Customer', 'Awaiting your Reply'],
          7: ['Waiting on Third Party', 'Being Processed'],
        },
      },
      ...fieldNames.map((name, i) => ({ id: 10 + i, name, label: 'Batch', type: 'custom_text' })),
    ]);
  }

  it('checks credentials, groups, fields and the on-hold status, then prints the automation rules', async () => {
    fakeFreshdesk();
    const r = await run(['setup', 'freshdesk', '--url', 'https://cd.acme.example', '--policy', policyFile], fdEnv);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('credentials: OK (agent 43, ops@acme.example)');
    expect(r.out).toContain('statuses: 2 Open, 3 Pending, 4 Resolved, 5 Closed, 6 Waiting on Customer, 7 Waiting on Third Party');
    expect(r.out).toContain('URL https://cd.acme.example/webhooks/freshdesk');
    expect(r.out).toContain('X-Complaint-Desk-Secret: <the value of FRESHDESK_WEBHOOK_SECRET>');
    expect(r.out).toContain('"complaint_desk": "freshdesk-automation-v1"');
    for (const e of [
      'ticket_created',
      'customer_reply',
      'agent_reply',
      'note_added',
      'status_changed',
      'priority_changed',
      'ticket_updated',
    ])
      expect(r.out).toContain(`"event": "${e}"`);
  });

  it('a missing custom field or an unknown on-hold status: exit 1 naming each', async () => {
    fakeFreshdesk([]);
    const r = await run(['setup', 'freshdesk', '--url', 'https://cd.acme.example', '--policy', policyFile], {
      ...fdEnv,
      FRESHDESK_ON_HOLD_STATUS: '9',
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('hostFields.freshdesk.product_batch: cf_batch is not a ticket field of this account');
    expect(r.err).toContain('FRESHDESK_ON_HOLD_STATUS=9 is not a status of this account');
  });
});
