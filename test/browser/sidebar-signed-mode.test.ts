/**
 * Zendesk signed mode in Chromium: a stand-in of the Zendesk agent page (served at https://acme.zendesk.com through
 * Playwright routing, answering the real ZAF SDK's postMessage protocol: test/fixtures/apps/zaf-parent.js) loads the app
 * the way Zendesk does with `signedUrls`: a form POST of its RS256 token into the app iframe, here the real connector's
 * /zendesk/sidebar page (routed as https://complaints.acme.example to the connector on 127.0.0.1). The page's
 * CSP only lets acme.zendesk.com frame it. A supervisor approves a pending remedy; the connector records the id
 * Zendesk signed, and no call went through the ZAF proxy. The Zendesk API the connector reads is nock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import nock from 'nock';
import type { Browser, Page } from 'playwright-core';
import { startConnector, type RunningConnector } from '../../connector/src/start-connector';
import { createLogger } from '../../connector/src/ops/create-logger';
import { builtApps } from '../support/shared-apps';
import { closeChromium, launchChromium } from '../support/shared-chromium';
import { APP, appFrame, closeStandInPage, INSTALLATION, KEY, openStandInPage, ROOT, SUPERVISOR, ZD } from './zendesk-stand-in-page';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
let dir: string;
/** Holds dist/ with the built apps (read only). */
let appsRoot: string;
let c: RunningConnector;
let browser: Browser;
let privateKey: CryptoKey;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-signed-'));
  appsRoot = await builtApps(dir);
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey as CryptoKey;
  const user = (id: number, name: string) => ({
    user: { id, url: `${ZD}/api/v2/users/${id}.json`, name, email: `u${id}@acme.example`, role: 'agent', active: true, suspended: false },
  });
  nock(ZD)
    .persist()
    .get('/api/v2/apps/installations.json')
    .reply(200, {
      installations: [
        { id: 360001, app_id: 9001, enabled: true, settings: { name: 'Complaint Desk', agent_roles: `supervisor: ${SUPERVISOR}` } },
      ],
    });
  nock(ZD).persist().get(`/api/v2/users/${SUPERVISOR}.json`).reply(200, user(SUPERVISOR, 'Sam Supervisor'));
  nock(ZD)
    .persist()
    .get(/\/api\/v2\/tickets\/\d+\.json/)
    .query(true)
    .reply(200, { ticket: { id: 101, tags: [], updated_at: '2026-11-23T02:00:05Z', status: 'new', subject: 's' } });
  nock(ZD)
    .persist()
    .put(/\/api\/v2\/tickets\/\d+\.json/)
    .reply(200, { ticket: { id: 101, tags: [], updated_at: '2026-11-23T02:00:06Z', status: 'open', subject: 's' } });
  c = await startConnector({
    env: {
      ZENDESK_SUBDOMAIN: 'acme',
      ZENDESK_EMAIL: 'bot@acme.test',
      ZENDESK_API_TOKEN: 'tok',
      ZENDESK_WEBHOOK_SECRET: 'zd-webhook-secret-0123456789',
      APP_SHARED_SECRET: KEY,
      ADMIN_TOKEN: 'admin-token-0123456789',
      DATABASE_URL: `sqlite:${path.join(dir, 'cd.db')}`,
      RECONCILE_INTERVAL_MINUTES: '0',
      POLICY_FILE: path.join(ROOT, 'policies/default.json'),
      ZENDESK_APP_PUBLIC_KEY: await exportSPKI(pair.publicKey),
      ZENDESK_APP_AUDIENCE: INSTALLATION,
    },
    port: 0,
    hostname: '127.0.0.1',
    logger: createLogger({ level: 'silent' }),
    rootDir: appsRoot,
  });
  // Two complaints where an agent chose a remedy above their limits (the app key, as from any sidebar): approvals pending.
  const as = {
    'content-type': 'application/json',
    'x-complaint-desk-key': KEY,
    'x-complaint-desk-agent': 'lin',
    'x-complaint-desk-role': 'agent',
  };
  for (const id of ['101', '102']) {
    const at = new Date(Date.now() - 60_000).toISOString();
    const ticket = {
      id,
      subject: '电暖器外壳发烫',
      description: '电暖器用了十分钟外壳烫手,闻到焦味,担心起火。',
      channel: 'email',
      createdAt: at,
      status: 'new' as const,
      tags: [],
      requester: { id: 'u1', name: '王女士', email: 'w@example.com' },
      fields: { product_model: 'R3', purchase_date: '2026-11-01', order_amount: '1000' },
    };
    c.pipeline.ingest({
      host: 'zendesk',
      eventId: `created-${id}`,
      ticketId: id,
      occurredAt: at,
      receivedAt: at,
      event: { kind: 'ticket.created', ticket },
    });
    await c.pipeline.idle();
    const view = await (await fetch(`${c.url}/api/v1/tickets/zendesk/${id}/view`, { headers: as })).json();
    const above = view.remedies.options.find((o: { needsApproval?: boolean }) => o.needsApproval);
    expect(
      (
        await fetch(`${c.url}/api/v1/tickets/zendesk/${id}/remedy`, {
          method: 'POST',
          headers: as,
          body: JSON.stringify({ rank: above.rank }),
        })
      ).status,
    ).toBe(202);
    await c.pipeline.idle();
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await closeChromium(browser);
  await c?.close();
  nock.cleanAll();
  nock.enableNetConnect();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the ticket in the stand-in agent page (zendesk-stand-in-page.ts) for this connector. */
const openSigned = (token: string | null, ticketId = '101'): Promise<Page> =>
  openStandInPage({ browser, connectorUrl: c.url, dir: appsRoot }, token, ticketId);

async function zendeskToken(userId: number): Promise<string> {
  const s = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: 'acme.zendesk.com',
    aud: INSTALLATION,
    sub: `${ZD}/api/v2/users/${userId}.json`,
    iat: s,
    nbf: s,
    exp: s + 300,
    qsh: 'b5e7a6c0f8',
    cnf: { jku: `${ZD}/api/v2/apps/9001/public_key.pem` },
    context: { product: 'support', location: 'ticket_sidebar' },
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(privateKey);
}

test('signed mode: the supervisor Zendesk signed approves from the sidebar; the connector records that id', async () => {
  const page = await openSigned(await zendeskToken(SUPERVISOR));
  const frame = await appFrame(page);
  for (const closed = frame.locator('.cd-toggle[aria-expanded="false"]'); (await closed.count()) > 0;) await closed.first().click();
  await frame.waitForSelector('[data-field="approval"][data-value="pending"]', { timeout: 10_000 });
  await frame.fill('input[name="approval-comment"]', 'signed approval');
  await frame.locator('[data-decision="approved"]').click();
  await frame.waitForSelector('[data-field="approval"][data-value="approved"]', { timeout: 15_000 });
  const chosen = (
    await (await fetch(`${c.url}/api/v1/evidence/zendesk/101`, { headers: { authorization: 'Bearer admin-token-0123456789' } })).json()
  ).entries.filter((e: { type: string; data: { kind?: string } }) => e.type === 'action' && e.data.kind === 'agent.remedy_decision');
  expect(chosen).toHaveLength(1);
  expect(JSON.stringify(chosen[0])).toContain(`"${SUPERVISOR}"`);
  const zaf = await page.evaluate(() => (window as any).__zaf);
  expect(zaf.errors).toEqual([]);
  expect(zaf.requests).toEqual([]); // nothing through the ZAF proxy: the page calls its own origin with the session
  expect(zaf.received[0]).toMatchObject({ key: 'iframe.handshake' });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'sidebar-zendesk-signed-mode.png'), fullPage: true });
  await closeStandInPage(page);
}, 60_000);

test('a token Zendesk did not sign gets no sidebar, only the reason', async () => {
  const other = await generateKeyPair('RS256');
  const s = Math.floor(Date.now() / 1000);
  const forged = await new SignJWT({
    iss: 'acme.zendesk.com',
    aud: INSTALLATION,
    sub: `${ZD}/api/v2/users/${SUPERVISOR}.json`,
    exp: s + 300,
  })
    .setProtectedHeader({ alg: 'RS256' })
    .sign(other.privateKey);
  const page = await openSigned(forged);
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline && !text) {
    const frame = page.frames().find((f) => f.url().startsWith(`${APP}/zendesk/sidebar`));
    text =
      (await frame
        ?.locator('[role="alert"]')
        .textContent()
        .catch(() => '')) ?? '';
    if (!text) await page.waitForTimeout(100);
  }
  expect(text).toContain('bad signature');
  const frame = page.frames().find((f) => f.url().startsWith(`${APP}/zendesk/sidebar`))!;
  expect(await frame.locator('.cd-root').count()).toBe(0);
  await closeStandInPage(page);
}, 60_000);

test('assets mode (ZAF proxy token): the supervisor reads the ticket; approving and export say they need signed mode', async () => {
  const page = await openSigned(null, '102');
  const frame = await appFrame(page, `${APP}/assets/iframe.html`);
  for (const closed = frame.locator('.cd-toggle[aria-expanded="false"]'); (await closed.count()) > 0;) await closed.first().click();
  await frame.waitForSelector('[data-field="approval"][data-value="pending"]', { timeout: 10_000 });
  expect(await frame.locator('[data-decision]').count()).toBe(0);
  const notes = frame.locator('[data-field="needs-identity"]');
  expect(await notes.count()).toBeGreaterThanOrEqual(1);
  expect(await notes.first().getAttribute('data-value')).toBe('needs_signed_mode');
  expect(await notes.first().textContent()).toContain('signed mode');
  const zaf = await page.evaluate(() => (window as any).__zaf);
  expect(zaf.errors).toEqual([]);
  expect(
    zaf.requests.some((r: any) => r.url.split('?')[0].endsWith('/api/v1/tickets/zendesk/102/view') && r.jwt?.algorithm === 'HS256'),
  ).toBe(true);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'sidebar-zendesk-assets-needs-signed-mode.png'), fullPage: true });
  await closeStandInPage(page);
}, 60_000);
