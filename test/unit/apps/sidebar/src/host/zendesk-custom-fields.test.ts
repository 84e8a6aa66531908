/**
 * Offline intake from Zendesk custom fields: the sidebar reads `ticket.customField:custom_field_<id>` for the
 * fields `policy.hostFields.zendesk` maps, so its offline intake gaps match the connector's (which reads the
 * same fields from the Ticketing API).
 */
import fs from 'node:fs';
import path from 'node:path';
import { normalizeZendeskTicket } from '../../../../../../connector/src/hosts/zendesk/normalize-zendesk-ticket';
import { loadView } from '../../../../../../apps/sidebar/src/data/load-view';
import { localView } from '../../../../../../apps/sidebar/src/data/local-view';
import { createZendeskHost, customFieldPath, type ZafClient } from '../../../../../../apps/sidebar/src/host/zendesk-host';
import { classify, missingIntake } from '../../../../../../policies/src/engine';
import type { Policy } from '../../../../../../policies/src/types';

const base = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8')) as Policy;
const IDS = {
  product_model: 360001,
  product_batch: 360002,
  serial_number: 360003,
  purchase_channel: 360004,
  purchase_date: 360005,
  customer_request: 360006,
};
const policy: Policy = { ...base, hostFields: { ...base.hostFields, zendesk: IDS } };
/** What the Zendesk agent sees in the custom fields (serial number and customer request left empty). */
const VALUES: Record<number, unknown> = {
  360001: 'KT-200',
  360002: 'B2407',
  360003: '',
  360004: 'tmall',
  360005: '2026-10-01',
  360006: null,
};
const TICKET = {
  id: 42,
  subject: 'Kettle stopped heating',
  description: 'My kettle stopped heating after two weeks, it just clicks off.',
  status: 'open',
  tags: [],
  via: { channel: 'email' },
  createdAt: '2026-11-22T09:00:00Z',
  requester: { id: 5, name: 'Ana', email: 'ana@example.com' },
};

function fakeZaf(requestFails = false) {
  const asked: string[][] = [];
  const client: ZafClient = {
    get: async (p) => {
      const list = Array.isArray(p) ? p : [p];
      asked.push(list);
      const all: Record<string, unknown> = {
        'ticket.id': 42,
        currentUser: { id: 9, name: 'Lee', role: 'agent', locale: 'en' },
        ticket: TICKET,
      };
      for (const [id, v] of Object.entries(VALUES)) all[customFieldPath(Number(id))] = v;
      return Object.fromEntries(list.map((k) => [k, all[k]]));
    },
    metadata: async () => ({ settings: { connector_url: 'https://cd.example.com' } }),
    request: async () => {
      if (requestFails) throw { status: 0 };
      return { status: 200, responseJSON: {} };
    },
    invoke: async () => ({}),
    on: () => undefined,
  };
  return { client, asked };
}

test('getTicket(policy) reads each mapped field through ticket.customField:custom_field_<id>, under its intake key', async () => {
  const { client, asked } = fakeZaf();
  const host = await createZendeskHost(client);
  const t = await host.getTicket(policy);
  expect(asked).toContainEqual(Object.values(IDS).map((id) => `ticket.customField:custom_field_${id}`));
  expect(t.fields).toEqual({ product_model: 'KT-200', product_batch: 'B2407', purchase_channel: 'tmall', purchase_date: '2026-10-01' });
  // No mapping, no custom-field reads.
  const plain = fakeZaf();
  await (await createZendeskHost(plain.client)).getTicket(base);
  expect(plain.asked.flat().some((p) => p.startsWith('ticket.customField:'))).toBe(false);
});

test("offline intake gaps equal the connector's for the same Zendesk ticket", async () => {
  const { client } = fakeZaf();
  const offline = await (await createZendeskHost(client)).getTicket(policy);
  const online = normalizeZendeskTicket(
    {
      id: 42,
      subject: TICKET.subject,
      description: TICKET.description,
      status: 'open',
      tags: [],
      via: { channel: 'email' },
      created_at: TICKET.createdAt,
      requester_id: 5,
      custom_fields: Object.entries(VALUES).map(([id, value]) => ({ id: Number(id), value })),
    },
    [{ id: 5, name: 'Ana', email: 'ana@example.com', role: 'end-user' }],
    [],
    policy,
  );
  const gaps = (t: typeof online) => missingIntake(t, classify(t, policy).category, policy, 'en').map((g) => g.field);
  expect(gaps(offline)).toEqual(gaps(online));
  expect(gaps(offline)).toEqual(['serial_number', 'customer_request']);
});

test('the offline view (connector unreachable) shows those gaps, not every field as missing', async () => {
  const { client } = fakeZaf(true);
  const host = await createZendeskHost(client);
  // offline.js's code, imported here (in the browser the sidebar fetches it: test/browser/sidebar.test.ts, offline).
  const state = await loadView(
    host,
    { etag: null, version: policy.version, policy },
    Date.parse('2026-11-22T10:00:00Z'),
    async () => localView,
  );
  expect(state.kind).toBe('offline');
  if (state.kind !== 'offline') return;
  expect(state.view.intake.map((g) => g.field)).toEqual(['serial_number', 'customer_request']);
  expect(state.view.ticket.fields).toMatchObject({ product_batch: 'B2407' });
  expect(state.view.rootCause.batch).toBe('B2407');
});
