/**
 * The sandbox build of the sidebar, served by a real connector in sandbox mode at /sandbox/app/ and calling
 * it same-origin: a reviewer exports the evidence bundle (download + headHash), an agent has no Export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createLogger } from '../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../connector/src/start-connector';
import { builtApps } from '../support/shared-apps';
import { closeChromium, launchChromium } from '../support/shared-chromium';
import { downloadText, ready, sample, expandAll } from './sidebar-env';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'sandbox-browser-secret-0123456789';
let dir: string;
let c: RunningConnector;
let browser: Browser;
let ticketId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-sandbox-app-'));
  const appsRoot = await builtApps(dir); // the built apps (dist/sandbox-app), read only
  c = await startConnector({
    env: {
      DATABASE_URL: path.join(dir, 'cd.db'),
      POLICY_FILE: path.join(ROOT, 'policies/default.json'),
      APP_SHARED_SECRET: SECRET,
      ADMIN_TOKEN: 'admin-token-0123456789abcdef',
      SANDBOX: 'on',
    },
    port: 0,
    hostname: '127.0.0.1',
    rootDir: appsRoot,
    logger: createLogger({ level: 'silent' }),
  });
  const s = sample('quality-extortion-lunchbox');
  ticketId = c.sandbox!.createComplaint({
    subject: s.subject,
    description: s.description,
    requester: { name: 'Eve Lin', email: 'eve@example.com' },
    channel: 'email',
    locale: 'en',
  }).id;
  await c.pipeline.idle();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await closeChromium(browser);
  await c?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openSandbox(role: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 320, height: 900 } })).newPage();
  await page.goto(`${c.url}/sandbox/app/?ticket=${ticketId}&locale=en&agent=${role}-1&role=${role}&tz=UTC#key=${SECRET}`);
  await ready(page);
  await expandAll(page);
  await page.waitForSelector('[data-panel="evidence"]');
  return page;
}

test('a reviewer exports the bundle same-origin: the file downloads and its headHash is shown; an agent has no Export', async () => {
  const policy = c.policyStore.current().policy;
  const reviewer = policy.evidence.requirements.find((r) => r.type === 'review')!.role as string;
  const page = await openSandbox(reviewer);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.getByRole('button', { name: /Export evidence bundle/ }).click(),
  ]);
  const bundle = JSON.parse(await downloadText(download));
  const view = await (
    await fetch(`${c.url}/api/v1/tickets/sandbox/${ticketId}/view`, {
      headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 't' },
    })
  ).json();
  expect(view.evidence.headHash).toMatch(/^[0-9a-f]{64}$/);
  expect(bundle).toMatchObject({ host: 'sandbox', ticketId, headHash: view.evidence.headHash });
  expect(download.suggestedFilename()).toBe(`evidence-sandbox-${ticketId}.json`);
  await page.waitForSelector('[data-field="export-hash"]');
  expect(await page.getAttribute('[data-field="export-hash"]', 'data-value')).toBe(view.evidence.headHash);
  fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'sidebar-sandbox-evidence-export.png'), fullPage: true });

  const agent = await openSandbox('agent');
  expect(await agent.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(0);
});

test('fast-forwarding the sandbox clock by minutes reaches the sidebar: the acknowledge clock breaches there too', async () => {
  const before = await (
    await fetch(`${c.url}/api/v1/tickets/sandbox/${ticketId}/view`, {
      headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 't' },
    })
  ).json();
  expect(before.sla.acknowledge.state).not.toBe('breached');
  const ackMinutes = Math.ceil(before.sla.acknowledge.remainingMs / 60_000) + 1;
  const ff = await fetch(`${c.url}/sandbox/clock`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ hours: '0', minutes: String(ackMinutes), back: `/sandbox/tickets/${ticketId}` }).toString(),
  });
  expect(ff.status).toBe(303);
  expect(decodeURIComponent(ff.headers.get('location')!)).toContain(`Clock moved forward ${ackMinutes} min`);
  const view = await (
    await fetch(`${c.url}/api/v1/tickets/sandbox/${ticketId}/view`, {
      headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 't' },
    })
  ).json();
  expect(view.sla.acknowledge.state).toBe('breached');
  const page = await (await browser.newContext({ viewport: { width: 320, height: 900 } })).newPage();
  await page.goto(`${c.url}/sandbox/app/?ticket=${ticketId}&locale=en&agent=a-1&role=agent&tz=UTC#key=${SECRET}`);
  await ready(page);
  await expandAll(page);
  expect(await page.getAttribute('[data-clock="acknowledge"]', 'data-state')).toBe('breached');
  expect(await page.getAttribute('[data-clock="respond"]', 'data-state')).toBe(view.sla.respond.state);
});
