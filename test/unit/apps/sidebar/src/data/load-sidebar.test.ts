import fs from 'node:fs';
import path from 'node:path';
import { loadSidebarData, policyCurrent } from '../../../../../../apps/sidebar/src/data/load-sidebar';
import { POLICY_CACHE_KEY, type KeyValueStore } from '../../../../../../apps/sidebar/src/data/load-policy';
import type { HostApi, HostResponse } from '../../../../../../apps/sidebar/src/host/host-api';

const POLICY = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../../policies/default.json'), 'utf8'));

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
  };
}

/** A host whose connector answers the view (with `policyEtag`) and the policy (ETag `etag`, 304 on a match). */
function host(etag: string, activation?: Promise<void>): HostApi & { paths: string[] } {
  const paths: string[] = [];
  const view = { ticketId: '1', policyVersion: POLICY.version, policyEtag: etag };
  return {
    paths,
    activation,
    context: { host: 'freshdesk', ticketId: '1', agent: { id: 'a', name: 'a', role: 'agent', locale: 'en', timeZone: 'UTC' } },
    getTicket: async () => ({ id: '1', subject: '', description: '' }),
    request: async (p, o = {}): Promise<HostResponse> => {
      paths.push(p);
      if (p.split('?')[0].endsWith('/view')) return { status: 200, body: view, headers: {} };
      if (o.headers?.['If-None-Match'] === etag) return { status: 304, body: null, headers: {} };
      return { status: 200, body: POLICY, headers: { etag } };
    },
    insertIntoEditor: async () => undefined,
    onSaveGuard: () => undefined,
    resize: () => undefined,
    onTicketChanged: () => undefined,
  };
}

test("a ticket open is the view alone once the policy with the view's ETag is cached; a new ETag refetches it", async () => {
  const store = memoryStore();
  const cold = host('"v1"');
  expect((await loadSidebarData(cold, store, () => 0)).policy?.etag).toBe('"v1"');
  expect(cold.paths).toEqual(['/api/v1/tickets/freshdesk/1/view', '/api/v1/policy']);
  const warm = host('"v1"');
  const again = await loadSidebarData(warm, store, () => 0);
  expect(warm.paths).toEqual(['/api/v1/tickets/freshdesk/1/view']);
  expect(again.state.kind).toBe('online');
  const changed = host('"v2"');
  expect((await loadSidebarData(changed, store, () => 0)).policy?.etag).toBe('"v2"');
  expect(changed.paths).toEqual(['/api/v1/tickets/freshdesk/1/view', '/api/v1/policy']);
  expect(JSON.parse(store.getItem(POLICY_CACHE_KEY)!).etag).toBe('"v2"');
});

test("the view request names the agent's zone as the host gave it (the connector writes the view's times in it)", async () => {
  const h = host('"v1"');
  h.context.agent.hostTimeZone = 'America/Argentina/Buenos_Aires';
  await loadSidebarData(h, memoryStore(), () => 0);
  expect(h.paths[0]).toBe('/api/v1/tickets/freshdesk/1/view?cd_zone=America%2FArgentina%2FBuenos_Aires');
});

test('nothing is requested before the host activates the app', async () => {
  let activate!: () => void;
  const h = host(
    '"v1"',
    new Promise<void>((r) => {
      activate = r;
    }),
  );
  const done = loadSidebarData(h, memoryStore(), () => 0);
  await new Promise((r) => setTimeout(r, 5));
  expect(h.paths).toEqual([]);
  activate();
  await done;
  expect(h.paths[0]).toBe('/api/v1/tickets/freshdesk/1/view');
});

test('without policyEtag (older connector) the version decides', () => {
  const cached = { etag: '"x"', version: '2026.1', policy: POLICY };
  expect(policyCurrent(cached, { policyVersion: '2026.1' })).toBe(true);
  expect(policyCurrent(cached, { policyVersion: '2026.2' })).toBe(false);
  expect(policyCurrent(cached, { policyVersion: '2026.1', policyEtag: '"y"' })).toBe(false);
  expect(policyCurrent(null, { policyVersion: '2026.1' })).toBe(false);
});
