/**
 * Shared setup of the sidebar browser tests: the apps built once per jest run (test/support/shared-apps.ts), a real
 * connector on 127.0.0.1 (store filled by pipeline.ingest of ticket.created events), the static harness server and
 * the run's Chromium (test/support/shared-chromium.ts). `useSidebarEnv()` registers beforeAll/afterAll and returns
 * the live handles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { HostClient } from '../../connector/src/hosts/host-client';
import { createLogger } from '../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../connector/src/start-connector';
import type { Policy, Ticket } from '../../policies/src/types';
import { openSidebar, startStaticServer, type OpenOptions } from './sidebar-harness';
import { complaint } from '../support/complaints';
import { writeRulesOnlyPolicy } from '../support/rules-only-policy';
import { builtApps } from '../support/shared-apps';
import { closeChromium, launchChromium } from '../support/shared-chromium';

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const SECRET = 'browser-test-shared-secret-0123456789';
/** A complaint of the project's own fixtures (test/fixtures/complaints). */
const sample = complaint;

export const T0 = Date.now() - 60_000;
export { SECRET, sample };

export interface SidebarEnv {
  connector: RunningConnector;
  browser: Browser;
  context: BrowserContext;
  policy: Policy;
}

let dir: string;
let outRoot: string;
let statics: { url: string; close(): Promise<void> };
let requestsJson: OpenOptions['requestsJson'];
const env = {} as SidebarEnv;
const recorded: unknown[][] = [];
/** Every change the connector applied to the in-memory hosts so far (notes, tags, …), both hosts. */
export const hostChanges = (): any[] => recorded.flat();

/** Host API stand-in at the HostClient boundary: the connector's writes are recorded, reads served from memory. */
function memoryHost(host: 'zendesk' | 'freshdesk', tickets: Map<string, Ticket>): HostClient & { changes: unknown[] } {
  const changes: unknown[] = [];
  recorded.push(changes);
  return {
    host,
    changes,
    async getTicket(id) {
      const t = tickets.get(`${host}:${id}`);
      if (!t) throw new Error(`no ticket ${id}`);
      return t;
    },
    async applyChange(id, change) {
      changes.push({ id, change });
    },
    async createTicket() {
      return { id: String(9000 + changes.length) };
    },
  };
}

function ticketFrom(host: 'zendesk' | 'freshdesk', id: string, sampleId: string, name: string): Ticket {
  const s = sample(sampleId);
  return {
    host,
    id,
    subject: s.subject,
    description: s.description,
    requester: { id: `r-${id}`, name, email: `${id}@example.com` },
    channel: 'email',
    createdAt: new Date(T0).toISOString(),
    status: 'new',
    tags: [],
    fields: {},
    comments: [],
  };
}

const TICKETS: Ticket[] = [
  ticketFrom('zendesk', '101', 'quality-safety-heater', 'Alice Chen'),
  ticketFrom('zendesk', '102', 'usage-howto-kettle', 'Bob Wu'),
  ticketFrom('zendesk', '103', 'quality-extortion-lunchbox', 'Carl Ma'),
  ticketFrom('zendesk', '104', 'quality-extortion-lunchbox', 'Finn Ho'),
  ticketFrom('freshdesk', '201', 'quality-safety-charger', 'Dana Li'),
  ticketFrom('freshdesk', '202', 'quality-extortion-lunchbox', 'Eve Lin'),
];
export const ticket = (host: string, id: string) => TICKETS.find((t) => t.host === host && t.id === id)!;

export async function connectorView(host: string, id: string): Promise<any> {
  const r = await fetch(`${env.connector.url}/api/v1/tickets/${host}/${id}/view`, {
    headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 'test', 'X-Complaint-Desk-Locale': 'en' },
  });
  expect(r.status).toBe(200);
  return r.json();
}

export function open(host: 'zendesk' | 'freshdesk', id: string, extra: Partial<OpenOptions> = {}, ctx = env.context): Promise<Page> {
  return openSidebar(ctx, {
    host,
    staticUrl: statics.url,
    connectorUrl: env.connector.url,
    secret: SECRET,
    ticket: ticket(host, id),
    now: Date.now(),
    requestsJson,
    ...extra,
  });
}

/** Opens the Zendesk sidebar as a plain Zendesk agent whom the agent_roles setting lists (by email) as `role`. */
export function zendeskAs(
  role: string,
  who: { id: string; name: string; locale?: string } = { id: '9', name: 'Sup' },
): Partial<OpenOptions> {
  const email = `${who.name.toLowerCase()}${who.id}@helpdesk.example`;
  return {
    agent: { id: who.id, name: who.name, locale: who.locale ?? 'en' },
    zendesk: { email, userRole: 'agent', settings: { agent_roles: `${role}: ${email}` } },
  };
}

/** Waits until the sidebar settled (not loading) and checks it settled as `kind` (shows the page text if not). */
export async function ready(page: Page, kind = 'online'): Promise<void> {
  await page.waitForSelector('.cd-root:not([data-ready="loading"])', { timeout: 15_000 });
  const root = page.locator('.cd-root');
  const got = await root.getAttribute('data-ready');
  if (got !== kind) throw new Error(`sidebar settled as "${got}", expected "${kind}": ${await root.textContent()}`);
}

/**
 * Clicks `selector` and waits until the action it starts has finished in the sidebar: the request was sent
 * (the host client recorded a new call) and the sidebar is no longer busy (the connector answered and the view
 * was re-read). Only then is the connector known to hold the action, so `pipeline.idle()` covers it.
 */
export async function clickAndSettle(page: Page, selector: string): Promise<void> {
  const before = (await calls(page)).length;
  await page.locator(selector).click();
  await page.waitForFunction((n) => (window as any).__calls.length > n, before, { timeout: 10_000 });
  await page.waitForSelector('.cd-root[aria-busy="false"]', { timeout: 15_000 });
}

/** A finished download's text, streamed: the run's Chromium may be another process's, so there is no local path to open. */
export async function downloadText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `sidebar-${name}.png`), fullPage: true });
export const calls = (page: Page): Promise<any[]> => page.evaluate(() => (window as any).__calls);

/**
 * `model: true` runs the default policy with its learned model (files about what the model puts in front of an
 * agent: its phrases in the why); otherwise the connector runs the same policy rules-only, since loading the
 * shipped 20 MB model is only cost for what the other files check (the rules still classify every ticket).
 */
export function useSidebarEnv(opts: { model?: boolean } = {}): SidebarEnv {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-browser-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    outRoot = path.join(await builtApps(dir), 'dist');
    requestsJson = JSON.parse(fs.readFileSync(path.join(outRoot, 'freshdesk/config/requests.json'), 'utf8'));
    const store = new Map(TICKETS.map((t) => [`${t.host}:${t.id}`, t]));
    env.connector = await startConnector({
      env: {
        DATABASE_URL: path.join(dir, 'cd.db'),
        POLICY_FILE: opts.model ? path.join(ROOT, 'policies/default.json') : writeRulesOnlyPolicy(dir),
        APP_SHARED_SECRET: SECRET,
        ADMIN_TOKEN: 'admin-token-0123456789abcdef',
        SANDBOX: 'off',
      },
      port: 0,
      hostname: '127.0.0.1',
      logger: createLogger({ level: 'silent' }),
      hosts: { zendesk: memoryHost('zendesk', store), freshdesk: memoryHost('freshdesk', store) },
    });
    env.policy = env.connector.policyStore.current().policy;
    for (const t of TICKETS) {
      const at = t.createdAt!;
      env.connector.pipeline.ingest({
        host: t.host as 'zendesk',
        eventId: `created-${t.id}`,
        ticketId: t.id,
        occurredAt: at,
        receivedAt: at,
        event: { kind: 'ticket.created', ticket: t },
      });
    }
    await env.connector.pipeline.idle();
    statics = await startStaticServer(outRoot);
    env.browser = await launchChromium();
    env.context = await env.browser.newContext();
  }, 120_000);

  afterAll(async () => {
    await closeChromium(env.browser);
    await statics?.close();
    await env.connector?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return env;
}

/** Opens every collapsed section of the sidebar (the detail below the first screen), as an agent would. */
export async function expandAll(page: Page): Promise<void> {
  const closed = page.locator('.cd-toggle[aria-expanded="false"]');
  for (let n = await closed.count(); n > 0; n = await closed.count()) {
    await closed.first().click();
    await page.waitForFunction((before) => document.querySelectorAll('.cd-toggle[aria-expanded="false"]').length < before, n, {
      timeout: 5000,
    });
  }
}
