/**
 * The built Freshdesk request templates, rendered the way Freshworks documents it for a front-end app
 * (context in path and query only; test/support/freshworks-proxy.ts), against a real connector on
 * 127.0.0.1: the agent, role, locale and the policy ETag reach the connector; the old header form still works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshdeskRequests, readTemplates } from '../../../apps/build/render-freshdesk.mjs';
import { readManifest } from '../../../apps/build/read-manifest.mjs';
import { createLogger } from '../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../connector/src/start-connector';
import type { Ticket } from '../../../policies/src/types';
import { renderTemplate, type RequestTemplate } from '../../support/freshworks-proxy';

const ROOT = join(__dirname, '../../..');
const SECRET = 'app-shared-secret-0123456789';
const NOW = Date.parse('2026-11-22T12:00:00Z');
let dir: string;
let c: RunningConnector;
let templates: Record<string, RequestTemplate>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-fd-templates-'));
  c = await startConnector({
    env: {
      DATABASE_URL: join(dir, 'cd.db'),
      POLICY_FILE: join(ROOT, 'policies/default.json'),
      APP_SHARED_SECRET: SECRET,
      ADMIN_TOKEN: 'admin-token-0123456789abcdef',
      SANDBOX: 'off',
    },
    port: 0,
    hostname: '127.0.0.1',
    clock: { now: () => NOW },
    logger: createLogger({ level: 'silent' }),
  });
  const at = new Date(NOW - 60_000).toISOString();
  const ticket: Ticket = {
    host: 'freshdesk',
    id: '301',
    subject: 'Broken kettle',
    description: 'The kettle stopped heating after a week.',
    requester: { id: 'r1', name: 'Dana', email: 'dana@example.com' },
    channel: 'email',
    createdAt: at,
    status: 'open',
    tags: [],
    fields: {},
    comments: [],
  };
  c.pipeline.ingest({
    host: 'freshdesk',
    eventId: 'created-301',
    ticketId: '301',
    occurredAt: at,
    receivedAt: at,
    event: { kind: 'ticket.created', ticket },
  });
  await c.pipeline.idle();
  templates = freshdeskRequests(readManifest(ROOT), readTemplates(ROOT));
});

afterAll(async () => {
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function invoke(name: string, context: Record<string, string>) {
  const input = { iparams: { connector_host: new URL(c.url).host }, secureIparams: { api_key: SECRET }, context };
  const req = renderTemplate(templates[name], input, 'http');
  const res = await fetch(req.url, { method: req.method, headers: req.headers });
  return { req, status: res.status, etag: res.headers.get('etag'), body: res.status === 304 ? null : await res.json() };
}

const agent = { agent_name: 'Kai Lin', agent_role: 'supervisor', agent_locale: 'zh-CN' };

test('the view is computed for the agent, role and locale the template carries in its query', async () => {
  const r = await invoke('getView', { ticket_id: '301', ...agent, etag: '' });
  expect(r.req.url).toContain('cd_agent=Kai+Lin');
  expect(Object.keys(r.req.headers)).toEqual(['X-Complaint-Desk-Key']);
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ ticketId: '301', locale: 'zh-CN', policyEtag: c.policyStore.current().etag });
});

test('the role from the query decides access (evidence export: reviewer yes, lowest role no)', async () => {
  expect((await invoke('getEvidenceExport', { ticket_id: '301', ...agent })).status).toBe(200);
  const denied = await invoke('getEvidenceExport', { ticket_id: '301', ...agent, agent_role: 'agent' });
  expect(denied.status).toBe(403);
});

test('the cached ETag rides in the query: 304 when the policy is unchanged', async () => {
  const first = await invoke('getPolicy', { ...agent, etag: '' });
  expect(first.status).toBe(200);
  expect(first.etag).toBe(c.policyStore.current().etag);
  expect((await invoke('getPolicy', { ...agent, etag: first.etag! })).status).toBe(304);
});

test('no agent in query or header: 401 that names both places; the old header form is still accepted', async () => {
  const none = await invoke('getView', { ticket_id: '301', agent_name: '', agent_role: '', agent_locale: '' });
  expect(none.status).toBe(401);
  expect(none.body.error.message).toMatch(/cd_agent.*X-Complaint-Desk-Agent/);
  const old = await fetch(`${c.url}/api/v1/tickets/freshdesk/301/view`, {
    headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 'Kai', 'X-Complaint-Desk-Locale': 'zh-TW' },
  });
  expect(old.status).toBe(200);
  expect((await old.json()).locale).toBe('zh-TW');
});
