/**
 * The stand-in of the Zendesk agent page for the signed-mode browser test: served at https://acme.zendesk.com through
 * Playwright routing, it answers the real ZAF SDK's postMessage protocol (test/fixtures/apps/zaf-parent.js) and loads
 * the app as Zendesk does with `signedUrls` (a form POST of the RS256 token into the app iframe) or, without a token,
 * the assets-mode iframe. The connector is routed as https://complaints.acme.example.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { signHs256Jwt } from '../support/sign-jwt';
import { ZAF_SDK_URL, zafSdkBundle } from './sidebar-harness';

export const ROOT = path.resolve(__dirname, '../..');
export const ZD = 'https://acme.zendesk.com';
export const APP = 'https://complaints.acme.example';
export const KEY = 'app-shared-secret-0123456789';
export const SUPERVISOR = 778;
export const INSTALLATION = `${ZD}/api/v2/apps/installations/360001.json`;
export const APP_GUID = 'cd-signed-app-guid-0001';

/** The browser, the connector on 127.0.0.1 and the folder holding the built apps (dist/zendesk). */
export interface StandIn {
  browser: Browser;
  connectorUrl: string;
  dir: string;
}

/** Opens the ticket in the stand-in agent page: signed mode (Zendesk's token POSTed to the connector page) or assets mode. */
export async function openStandInPage(at: StandIn, token: string | null, ticketId = '101'): Promise<Page> {
  const { browser, connectorUrl, dir } = at;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 340, height: 900 });
  const nowMs = Date.now();
  await page.addInitScript(
    ({ h, now }) => {
      (window as any).__harness = h;
      (window as any).__now = now;
      (window as any).complaintDeskClock = { now: () => (window as any).__now };
    },
    {
      now: nowMs,
      h: {
        appGuid: APP_GUID,
        appOrigin: APP,
        connectorUrl: APP,
        zafSettings: { agent_roles: `supervisor: ${SUPERVISOR}` },
        zafTicket: {
          id: Number(ticketId),
          subject: '电暖器外壳发烫',
          description: '电暖器用了十分钟外壳烫手',
          status: 'new',
          tags: [],
          requester: { id: 1, name: '王女士', email: 'w@example.com' },
          via: { channel: 'email' },
          createdAt: new Date(nowMs - 60_000).toISOString(),
          comments: [],
        },
        currentUser: {
          id: SUPERVISOR,
          name: 'Sam Supervisor',
          email: `u${SUPERVISOR}@acme.example`,
          role: 'agent',
          locale: 'en',
          timeZone: { ianaName: 'Asia/Shanghai' },
          groups: [],
        },
      },
    },
  );
  const sdk = await zafSdkBundle();
  await page.route(ZAF_SDK_URL, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: sdk }));
  await page.route(`${ZD}/**`, (route) => {
    const u = new URL(route.request().url());
    if (u.pathname === '/zaf-parent.js')
      return route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: fs.readFileSync(path.join(ROOT, 'test/fixtures/apps/zaf-parent.js'), 'utf8'),
      });
    const query = `origin=${encodeURIComponent(ZD)}&app_guid=${APP_GUID}`;
    if (token === null) {
      // Assets mode: Zendesk serves the app's iframe.html (here from the same test origin as the connector).
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="app" title="Complaint Desk" src="${APP}/assets/iframe.html?${query}" style="border:0;width:320px;height:900px;display:block"></iframe>
<script src="/zaf-parent.js"></script></body></html>`,
      });
    }
    const action = `${APP}/zendesk/sidebar?${query}`;
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><title>Zendesk (stand-in)</title></head><body style="margin:0">
<iframe id="app" name="app" title="Complaint Desk" style="border:0;width:320px;height:900px;display:block"></iframe>
<form id="launch" method="POST" target="app" action="${action}"><input type="hidden" name="token" value="${token}"></form>
<script src="/zaf-parent.js"></script><script>document.getElementById('launch').submit();</script></body></html>`,
    });
  });
  // What Zendesk's proxy does for client.request: sign the app's claims with the secure setting (HS256).
  await page.exposeFunction('zafProxy', async (o: any) => {
    const s = Math.floor(Date.now() / 1000);
    const jwt = signHs256Jwt({ ...o.jwt.claims, iat: s, exp: s + 300 }, KEY);
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries(o.headers ?? {}).map(([k, v]) => [k, String(v).replace('{{jwt.token}}', jwt)]),
    );
    if (o.contentType) headers['Content-Type'] = o.contentType;
    const r = await fetch(o.url.replace(APP, connectorUrl), { method: o.type, headers, body: o.data });
    return { status: r.status, responseText: await r.text(), headers: Object.fromEntries(r.headers) };
  });
  // The connector, as if deployed at https://complaints.acme.example (and the assets-mode package next to it).
  await page.route(`${APP}/**`, async (route) => {
    const u = new URL(route.request().url());
    if (u.pathname.startsWith('/assets/')) {
      const file = path.join(dir, 'dist/zendesk', u.pathname);
      return route.fulfill({
        status: 200,
        contentType: file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html',
        body: fs.readFileSync(file),
      });
    }
    const response = await route.fetch({ url: `${connectorUrl}${u.pathname}${u.search}` });
    await route.fulfill({ response });
  });
  await page.goto(`${ZD}/agent/tickets/${ticketId}`);
  return page;
}

/**
 * Closes the stand-in page's context. Requests still in flight through the connector route (the sidebar's CSS on
 * a loaded machine) would otherwise fail their route.fetch with "Request context disposed" after the test's
 * assertions passed, and Playwright reports that as the test's error; unrouteAll with ignoreErrors drops them.
 */
export async function closeStandInPage(page: Page): Promise<void> {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.context().close();
}

export async function appFrame(page: Page, at = `${APP}/zendesk/sidebar`): Promise<Frame> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(at));
    if (
      frame &&
      (await frame
        .locator('.cd-root:not([data-ready="loading"])')
        .count()
        .catch(() => 0))
    ) {
      const got = await frame.getAttribute('.cd-root', 'data-ready');
      if (got !== 'online') throw new Error(`sidebar settled as "${got}": ${await frame.locator('.cd-root').textContent()}`);
      return frame;
    }
    if (Date.now() > deadline)
      throw new Error(
        `the signed-mode sidebar did not load: ${page
          .frames()
          .map((f) => f.url())
          .join(', ')}`,
      );
    await page.waitForTimeout(100);
  }
}
