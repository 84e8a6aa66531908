/**
 * The built sidebar in real Chromium (playwright-core), inside fake Zendesk/Freshworks clients that
 * record every call, against a real connector on 127.0.0.1 whose store is filled by pipeline.ingest.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApps } from '../../apps/build/build-apps.mjs';
import type { HostClient } from '../../connector/src/hosts/host-client';
import { createLogger } from '../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../connector/src/start-connector';
import type { Policy, Ticket } from '../../policies/src/types';
import { openSidebar, startStaticServer, type OpenOptions } from './sidebar-harness';

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const SECRET = 'browser-test-shared-secret-0123456789';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SAMPLES = fs.readFileSync('/work/shared/samples/complaints.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sample = (id: string) => SAMPLES.find((s: { id: string }) => s.id === id);

let dir: string;
let outRoot: string;
let connector: RunningConnector;
let statics: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let policy: Policy;
let requestsJson: OpenOptions['requestsJson'];
const T0 = Date.now() - 60_000;

/** Host API stand-in at the HostClient boundary: the connector's writes are recorded, reads served from memory. */
function memoryHost(host: 'zendesk' | 'freshdesk', tickets: Map<string, Ticket>): HostClient & { changes: unknown[] } {
  const changes: unknown[] = [];
  return {
    host, changes,
    async getTicket(id) { const t = tickets.get(`${host}:${id}`); if (!t) throw new Error(`no ticket ${id}`); return t; },
    async applyChange(id, change) { changes.push({ id, change }); },
    async createTicket() { return { id: String(9000 + changes.length) }; },
  };
}

function ticketFrom(host: 'zendesk' | 'freshdesk', id: string, sampleId: string, name: string): Ticket {
  const s = sample(sampleId);
  return { host, id, subject: s.subject, description: s.description, requester: { id: `r-${id}`, name, email: `${id}@example.com` }, channel: 'email', createdAt: new Date(T0).toISOString(), status: 'new', tags: [], fields: {}, comments: [] };
}

const TICKETS: Ticket[] = [
  ticketFrom('zendesk', '101', 's19', 'Alice Chen'),
  ticketFrom('zendesk', '102', 's24', 'Bob Wu'),
  ticketFrom('zendesk', '103', 's30', 'Carl Ma'),
  ticketFrom('freshdesk', '201', 's18', 'Dana Li'),
  ticketFrom('freshdesk', '202', 's30', 'Eve Lin'),
];
const ticket = (host: string, id: string) => TICKETS.find((t) => t.host === host && t.id === id)!;

async function connectorView(host: string, id: string): Promise<any> {
  const r = await fetch(`${connector.url}/api/v1/tickets/${host}/${id}/view`, { headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 'test', 'X-Complaint-Desk-Locale': 'en' } });
  expect(r.status).toBe(200);
  return r.json();
}

function open(host: 'zendesk' | 'freshdesk', id: string, extra: Partial<OpenOptions> = {}, ctx = context): Promise<Page> {
  return openSidebar(ctx, { host, staticUrl: statics.url, connectorUrl: connector.url, secret: SECRET, ticket: ticket(host, id), now: Date.now(), requestsJson, ...extra });
}

/** Waits until the sidebar settled (not loading) and checks it settled as `kind` (shows the page text if not). */
async function ready(page: Page, kind = 'online'): Promise<void> {
  await page.waitForSelector('.cd-root:not([data-ready="loading"])', { timeout: 15_000 });
  const root = page.locator('.cd-root');
  const got = await root.getAttribute('data-ready');
  if (got !== kind) throw new Error(`sidebar settled as "${got}", expected "${kind}": ${await root.textContent()}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `sidebar-${name}.png`), fullPage: true });
const calls = (page: Page): Promise<any[]> => page.evaluate(() => (window as any).__calls);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-browser-'));
  outRoot = path.join(dir, 'dist');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await buildApps({ root: ROOT, outRoot });
  requestsJson = JSON.parse(fs.readFileSync(path.join(outRoot, 'freshdesk/config/requests.json'), 'utf8'));
  const store = new Map(TICKETS.map((t) => [`${t.host}:${t.id}`, t]));
  connector = await startConnector({
    env: { DATABASE_URL: path.join(dir, 'cd.db'), POLICY_FILE: path.join(ROOT, 'policies/default.json'), APP_SHARED_SECRET: SECRET, ADMIN_TOKEN: 'admin-token-0123456789abcdef', SANDBOX: 'off' },
    port: 0, hostname: '127.0.0.1', logger: createLogger({ level: 'silent' }),
    hosts: { zendesk: memoryHost('zendesk', store), freshdesk: memoryHost('freshdesk', store) },
  });
  policy = connector.policyStore.current().policy;
  for (const t of TICKETS) {
    const at = t.createdAt!;
    connector.pipeline.ingest({ host: t.host as 'zendesk', eventId: `created-${t.id}`, ticketId: t.id, occurredAt: at, receivedAt: at, event: { kind: 'ticket.created', ticket: t } });
  }
  await connector.pipeline.idle();
  statics = await startStaticServer(outRoot);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  context = await browser.newContext();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await statics?.close();
  await connector?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Zendesk sidebar', () => {
  test('safety case and routine case show different, correct values', async () => {
    const safety = await open('zendesk', '101');
    await ready(safety);
    expect(await safety.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('s19').expected.severity);
    expect(await safety.getAttribute('[data-field="category"]', 'data-value')).toBe(sample('s19').expected.category);
    expect(await safety.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
    expect(await safety.locator('[data-field="matches"] li').count()).toBeGreaterThan(0);
    const safetyView = await connectorView('zendesk', '101');
    expect(await safety.getAttribute('[data-field="tier"]', 'data-value')).toBe(safetyView.escalation.tier);
    expect(safetyView.escalation.tier).not.toBe('front_line');
    await shot(safety, 'zendesk-safety');

    const routine = await open('zendesk', '102');
    await ready(routine);
    expect(await routine.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('s24').expected.severity);
    expect(await routine.getAttribute('[data-field="category"]', 'data-value')).toBe(sample('s24').expected.category);
    expect(await routine.getAttribute('[data-field="signals"]', 'data-value')).toBe('');
    expect(await routine.getAttribute('[data-field="tier"]', 'data-value')).toBe((await connectorView('zendesk', '102')).escalation.tier);
    expect(await routine.locator('[data-panel="evidence"]').count()).toBe(0);
    expect(await routine.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const resized = (await calls(routine)).filter((c) => c.kind === 'invoke' && c.name === 'resize');
    expect(resized.length).toBeGreaterThan(0);
    expect(resized.at(-1).args[0].height).toMatch(/^\d+px$/);
    await shot(routine, 'zendesk-routine');
  });

  test('countdown ticks every second and turns warning, then breached, as the clock moves', async () => {
    const view = await connectorView('zendesk', '102');
    const warnAt = Date.parse(view.sla.respond.warnAt);
    const dueAt = Date.parse(view.sla.respond.dueAt);
    const page = await open('zendesk', '102', { now: T0 + 60_000 });
    await ready(page);
    const row = page.locator('[data-clock="respond"]');
    expect(await row.getAttribute('data-state')).toBe('ok');
    const before = await row.locator('[data-field="countdown"]').textContent();
    await page.evaluate(() => { (window as any).__now += 1000; });
    await page.waitForFunction((b) => document.querySelector('[data-clock="respond"] [data-field="countdown"]')?.textContent !== b, before, { timeout: 5000 });
    await page.evaluate((t) => { (window as any).__now = t; }, warnAt + 1000);
    await page.waitForSelector('[data-clock="respond"][data-state="warning"]', { timeout: 5000 });
    await shot(page, 'zendesk-sla-warning');
    await page.evaluate((t) => { (window as any).__now = t; }, dueAt + 5000);
    await page.waitForSelector('[data-clock="respond"][data-state="breached"]', { timeout: 5000 });
    expect(await row.locator('[data-field="countdown"]').textContent()).toMatch(/overdue/);
    await shot(page, 'zendesk-sla-breached');
  });

  test('Insert puts the filled script into the Zendesk editor', async () => {
    const page = await open('zendesk', '101');
    await ready(page);
    const first = page.locator('.cd-scripts li').first();
    const text = await first.locator('.cd-script-text').textContent();
    expect(text).not.toContain('{{');
    await first.getByRole('button').click();
    await page.waitForSelector('.cd-scripts [role="status"]');
    const inserts = (await calls(page)).filter((c) => c.kind === 'invoke' && c.name === 'ticket.editor.insert');
    expect(inserts).toHaveLength(1);
    expect(inserts[0].args[0]).toBe(text);
    expect((await connectorView('zendesk', '101')).scripts.map((s: { text: string }) => s.text)).toContain(text);
  });

  test('choosing a remedy reaches the connector through a JWT-signed secure request', async () => {
    const page = await open('zendesk', '101');
    await ready(page);
    await page.locator('[data-rank="first"] button').click();
    await connector.pipeline.idle();
    const posted = (await calls(page)).filter((c) => c.kind === 'request' && c.url.endsWith('/api/v1/tickets/zendesk/101/remedy'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'POST', secure: true, data: JSON.stringify({ rank: 'first' }) });
    expect(posted[0].jwt).toMatchObject({ algorithm: 'HS256', secret_key: '{{setting.shared_secret}}' });
    expect(posted[0].headers.Authorization).toBe('Bearer {{jwt.token}}');
    expect((await connectorView('zendesk', '101')).remedies.chosen?.rank).toBe('first');
  });

  test('the save guard blocks the malicious tag without complete evidence', async () => {
    const page = await open('zendesk', '103');
    await ready(page);
    await page.waitForSelector('[data-panel="evidence"]');
    expect(await page.getAttribute('[data-field="evidence-complete"]', 'data-value')).toBe('false');
    const tag = policy.evidence.maliciousTag;
    const blocked = await page.evaluate((t) => (window as any).__zafSave([t, 'other']), tag);
    expect(blocked.ok).toBe(false);
    expect(blocked.reason).toContain(tag);
    expect(await page.evaluate(() => (window as any).__zafSave(['other']))).toEqual({ ok: true });
    await shot(page, 'zendesk-evidence');
  });

  test('agent correction and a new evidence item reach the connector and show up', async () => {
    const page = await open('zendesk', '103');
    await ready(page);
    await page.locator('[data-panel="classification"] details').nth(1).locator('summary').click();
    await page.selectOption('select[name="severity"]', 'L2');
    await page.locator('[data-panel="classification"] form button[type="submit"]').click();
    const kind = Object.keys(policy.evidence.itemKinds)[0];
    await page.selectOption('select[name="kind"]', kind);
    await page.fill('input[name="description"]', 'Order 555 delivery record checked');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-field="evidence-items"] li', { timeout: 10_000 });
    expect(await page.locator('[data-field="evidence-items"]').textContent()).toContain('Order 555 delivery record checked');
    await connector.pipeline.idle();
    const view = await connectorView('zendesk', '103');
    expect(view.correction).toMatchObject({ severity: 'L2' });
    expect(view.evidence.items.map((i: { kind: string; description?: string }) => [i.kind, i.description])).toContainEqual([kind, 'Order 555 delivery record checked']);
    await page.waitForSelector('[data-field="severity"][data-value="L2"]', { timeout: 10_000 });
  });
});

test('UI text and policy labels follow the agent locale (zh-TW)', async () => {
  const page = await open('zendesk', '102', { agent: { id: '8', name: '王小明', role: 'agent', locale: 'zh-tw' } });
  await ready(page);
  expect(await page.getAttribute('.cd-root', 'lang')).toBe('zh-TW');
  expect(await page.locator('#cd-h-classification').textContent()).toBe('分類');
  const category = (await page.getAttribute('[data-field="category"]', 'data-value'))!;
  expect(await page.locator('[data-field="category"]').textContent()).toBe(policy.categories[category as 'usage'].label['zh-TW']);
  await shot(page, 'zendesk-zh-tw');
});

describe('Freshdesk sidebar', () => {
  test('renders through request templates; Insert opens the reply then sets the editor', async () => {
    const page = await open('freshdesk', '201');
    await ready(page);
    expect(await page.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('s18').expected.severity);
    expect(await page.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
    const templates = (await calls(page)).filter((c) => c.kind === 'invokeTemplate').map((c) => c.name);
    expect(templates).toEqual(expect.arrayContaining(['getView', 'getPolicy']));
    const text = await page.locator('.cd-scripts li .cd-script-text').first().textContent();
    await page.locator('.cd-scripts li').first().getByRole('button').click();
    await page.waitForSelector('.cd-scripts [role="status"]');
    const triggers = (await calls(page)).filter((c) => c.kind === 'trigger');
    expect(triggers.map((c) => `${c.action}:${c.options.id}`)).toEqual(['setValue:editor', 'click:reply', 'setValue:editor']);
    expect(triggers[2].options).toEqual({ id: 'editor', text, replace: false });
    await shot(page, 'freshdesk-safety');
  });

  test('intercepted property update with the malicious tag fails; other saves pass', async () => {
    const page = await open('freshdesk', '202');
    await ready(page);
    const on = (await calls(page)).filter((c) => c.kind === 'events.on' && c.intercept).map((c) => c.event);
    expect(on).toEqual(expect.arrayContaining(['ticket.propertiesUpdated', 'ticket.closeTicketClick']));
    const tag = policy.evidence.maliciousTag;
    const blocked = await page.evaluate((t) => (window as any).__fdIntercept('ticket.propertiesUpdated', { tags: [t] }), tag);
    expect(blocked.ok).toBe(false);
    expect(blocked.reason).toContain(tag);
    expect(await page.evaluate(() => (window as any).__fdIntercept('ticket.closeTicketClick', {}))).toEqual({ ok: true });
  });
});

describe('offline', () => {
  async function deadUrl(): Promise<string> {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    return `http://127.0.0.1:${port}`;
  }

  test('connector down: banner plus local classification and SLA from the cached policy', async () => {
    const online = await open('zendesk', '102');
    await ready(online);
    const page = await open('zendesk', '102', { connectorUrl: await deadUrl() });
    await ready(page, 'offline');
    expect(await page.locator('[data-offline="local"]').textContent()).toContain(policy.version);
    expect(await page.getAttribute('[data-field="category"]', 'data-value')).toBe(sample('s24').expected.category);
    expect(await page.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('s24').expected.severity);
    expect(await page.locator('[data-clock="respond"]').count()).toBe(1);
    expect(await page.locator('[data-rank] button').first().isDisabled()).toBe(true);
    await shot(page, 'zendesk-offline');
  });

  test('connector down and nothing cached: a clear message, not a spinner', async () => {
    const fresh = await browser.newContext();
    try {
      const page = await open('zendesk', '102', { connectorUrl: await deadUrl() }, fresh);
      await ready(page, 'offline-empty');
      expect(await page.locator('[role="alert"]').textContent()).toMatch(/unreachable/);
    } finally {
      await fresh.close();
    }
  });
});
