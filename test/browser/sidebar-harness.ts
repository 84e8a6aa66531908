/**
 * Browser harness for the sidebar: a static server on 127.0.0.1 for the built apps and harness pages, and
 * - Zendesk: the real ZAF SDK client (npm zendesk_app_framework_sdk) in the app page, talking its own
 *   postMessage protocol to a stand-in of Zendesk in a hidden frame (test/fixtures/apps/zaf-parent.js);
 *   `zaf: 'sdk'` instead loads the app's real iframe.html under a parent page, as Zendesk does;
 * - Freshdesk: a fake Freshworks client (test/fixtures/apps/fake-freshworks-client.js);
 * - Node-side stand-ins for the host proxies (ZAF signs an HS256 JWT from the secure setting; Freshworks
 *   renders config/requests.json by its documented substitution rules, test/support/freshworks-proxy.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { signHs256Jwt } from '../support/sign-jwt';
import type { Ticket } from '../../policies/src/types';
import { renderTemplate, type RequestTemplate } from '../support/freshworks-proxy';

const FIXTURES = path.resolve(__dirname, '../fixtures/apps');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function harnessHtml(host: 'zendesk' | 'freshdesk' | 'freshdesk-background'): string {
  if (host === 'freshdesk-background') {
    // The ticket_background location: the fake client and the background bundle only, no UI.
    return '<!doctype html><html><head><meta charset="utf-8"></head><body><script src="/fixtures/fake-freshworks-client.js"></script><script src="/dist/freshdesk/app/scripts/background.js"></script></body></html>';
  }
  if (host === 'zendesk') {
    // The real ZAF SDK client (zaf-sdk-entry.js) talks to the Zendesk stand-in in a hidden frame; the app's
    // bundle starts once that frame is loaded, so the SDK's handshake has someone to answer it.
    return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/dist/zendesk/assets/sidebar.css"></head><body><div id="app"></div>
<iframe id="zaf-host" hidden></iframe><script src="/harness/zaf-sdk.js"></script>
<script>const h = document.getElementById('zaf-host'); h.addEventListener('load', () => { const s = document.createElement('script'); s.src = '/dist/zendesk/assets/sidebar.js'; document.body.appendChild(s); }, { once: true }); h.src = '/fixtures/zaf-host.html';</script></body></html>`;
  }
  const base = '/dist/freshdesk/app';
  const css = `${base}/styles/sidebar.css`;
  const js = `${base}/scripts/sidebar.js`;
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${css}"></head><body><div id="app"></div>
<script src="/fixtures/fake-freshworks-client.js"></script><script src="${js}"></script></body></html>`;
}

export async function startStaticServer(outRoot: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    let file: string | null = null;
    if (u.pathname === '/harness/zaf-sdk.js') {
      void zafClientBundle().then(
        (js) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(js),
        (e: Error) => res.writeHead(500).end(e.message),
      );
      return;
    }
    const harness = /^\/harness\/(zendesk|freshdesk|freshdesk-background)\.html$/.exec(u.pathname);
    if (harness) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(harnessHtml(harness[1] as 'zendesk'));
      return;
    }
    if (u.pathname.startsWith('/dist/')) file = path.join(outRoot, u.pathname.slice(6));
    if (u.pathname.startsWith('/fixtures/')) file = path.join(FIXTURES, u.pathname.slice(10));
    if (!file || file.includes('..') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Where iframe.html loads the ZAF SDK from (apps/zendesk/assets/iframe.html). */
export const ZAF_SDK_URL = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';
let zafSdk: Promise<string> | null = null;

/** The real ZAF SDK (npm `zendesk_app_framework_sdk`, its lib/ source) bundled for the browser as `window.ZAFClient`. */
export function zafSdkBundle(): Promise<string> {
  zafSdk ??= build({
    entryPoints: [require.resolve('zendesk_app_framework_sdk/lib/index.js')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'ZAFClient',
    platform: 'browser',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return zafSdk;
}

let zafClient: Promise<string> | null = null;

/** The real SDK's Client wired to the hidden Zendesk stand-in (test/fixtures/apps/zaf-sdk-entry.js). */
export function zafClientBundle(): Promise<string> {
  zafClient ??= build({
    entryPoints: [path.join(FIXTURES, 'zaf-sdk-entry.js')],
    nodePaths: [path.resolve(__dirname, '../../node_modules')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return zafClient;
}

export interface OpenOptions {
  host: 'zendesk' | 'freshdesk';
  staticUrl: string;
  connectorUrl: string;
  secret: string;
  ticket: Ticket;
  /** The sidebar's injected clock starts here (ms). */
  now: number;
  /** Who is logged in. `role` is not read by any host: Complaint Desk roles come from the agent_roles setting. */
  agent?: { id: string; name: string; role?: string; locale: string; timeZone?: string | null };
  /** Freshdesk: the agent's email and Freshdesk role ids (loggedInUser) and the non-secure iparams (agent_roles). */
  freshdesk?: { email?: string; roleIds?: number[]; iparams?: Record<string, string> };
  /** Zendesk: the agent's email and Zendesk role (currentUser; default `agent`) and the non-secure settings (agent_roles). */
  zendesk?: { email?: string; userRole?: string; settings?: Record<string, string> };
  /**
   * Freshdesk: which location the page is (default the sidebar), and whether the agent opens the minimised
   * sidebar at once (`app.activated`; default true). Tests of the minimised state pass `activate: false`.
   */
  location?: 'ticket_sidebar' | 'ticket_background';
  /**
   * Zendesk: `sdk` loads the app's real iframe.html with the real ZAF SDK inside a parent page that answers
   * the SDK's postMessage protocol (test/fixtures/apps/zaf-parent.js); the sidebar is then in a child frame.
   */
  zaf?: 'fake' | 'sdk';
  activate?: boolean;
  /** Built dist/freshdesk/config/requests.json (to render templates like the Freshworks proxy). */
  requestsJson?: Record<string, RequestTemplate>;
}

function zafTicket(t: Ticket) {
  return {
    id: Number(t.id),
    subject: t.subject,
    description: t.description,
    status: t.status ?? 'open',
    tags: t.tags ?? [],
    requester: t.requester ? { id: Number(t.requester.id ?? 1), name: t.requester.name, email: t.requester.email } : null,
    via: { channel: t.channel ?? 'email' },
    createdAt: t.createdAt,
    comments: [],
  };
}

function fdData(t: Ticket, agent: NonNullable<OpenOptions['agent']>, fd: OpenOptions['freshdesk'] = {}) {
  const status: Record<string, number> = { new: 2, open: 2, pending: 3, solved: 4, closed: 5, on_hold: 6 };
  return {
    ticket: {
      id: Number(t.id),
      subject: t.subject,
      description_text: t.description,
      status: status[t.status ?? 'open'],
      tags: t.tags ?? [],
      created_at: t.createdAt,
      source: 1,
      custom_fields: {},
    },
    requester: { id: 1, name: t.requester?.name, email: t.requester?.email },
    loggedInUser: {
      id: Number(agent.id) || 7,
      role_ids: fd.roleIds ?? [],
      group_ids: [],
      contact: {
        name: agent.name,
        email: fd.email ?? `agent${agent.id}@helpdesk.example`,
        language: agent.locale,
        ...(agent.timeZone ? { time_zone: agent.timeZone } : {}),
      },
    },
  };
}

async function proxied(url: string, init: RequestInit): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  try {
    const r = await fetch(url, init);
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { status: r.status, text: await r.text(), headers };
  } catch {
    return { status: 0, text: '', headers: {} };
  }
}

/** Opens the built sidebar for one ticket in a new page (320 px wide) with the fake host client. */
export async function openSidebar(context: BrowserContext, o: OpenOptions): Promise<Page> {
  const agent = o.agent ?? { id: '7', name: 'Agent Lee', locale: 'en' };
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 900 });
  await page.exposeFunction('zafProxy', async (opts: any) => {
    if (opts.secure !== true || opts.jwt?.secret_key !== '{{setting.shared_secret}}')
      return { status: 0, responseText: 'insecure request refused by the harness' };
    const nowS = Math.floor(Date.now() / 1000);
    const token = signHs256Jwt({ ...opts.jwt.claims, iat: nowS, exp: nowS + (opts.jwt.expiry ?? 300) }, o.secret);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k] = String(v).replace('{{jwt.token}}', token);
    if (opts.contentType) headers['Content-Type'] = opts.contentType;
    const r = await proxied(opts.url, { method: opts.type, headers, body: opts.data });
    return { status: r.status, responseText: r.text, headers: r.headers };
  });
  await page.exposeFunction('fdProxy', async (name: string, opts: { context?: Record<string, string>; body?: string }) => {
    const tpl = o.requestsJson?.[name];
    if (!tpl) return { status: 0, response: `unknown template ${name}`, unknownTemplate: true };
    // Rendered by the documented rules (test/support/freshworks-proxy.ts): context only in path and query.
    const input = {
      iparams: { connector_host: new URL(o.connectorUrl).host, ...(o.freshdesk?.iparams ?? {}) },
      secureIparams: { api_key: o.secret },
      context: opts.context ?? {},
    };
    const req = renderTemplate(tpl, input, 'http'); // the harness connector speaks plain http on 127.0.0.1
    const r = await proxied(req.url, { method: req.method, headers: req.headers, body: opts.body });
    return { status: r.status, response: r.text, headers: r.headers };
  });
  const harness = {
    connectorUrl: o.connectorUrl,
    zafTicket: zafTicket(o.ticket),
    currentUser: {
      id: Number(agent.id) || 7,
      name: agent.name,
      email: o.zendesk?.email ?? `agent${agent.id}@helpdesk.example`,
      role: o.zendesk?.userRole ?? 'agent',
      locale: agent.locale,
      ...(agent.timeZone === null ? {} : { timeZone: { ianaName: agent.timeZone ?? 'Asia/Shanghai' } }),
      groups: [],
    },
    zafSettings: o.zendesk?.settings ?? {},
    appGuid: 'cd-harness-app-guid-0001',
    fdData: fdData(o.ticket, agent, o.freshdesk),
    fdIparams: o.freshdesk?.iparams ?? {},
  };
  await page.addInitScript(
    ({ h, now }) => {
      (window as any).__harness = h;
      (window as any).__now = now;
      (window as any).complaintDeskClock = { now: () => (window as any).__now };
    },
    { h: harness, now: o.now },
  );
  if (o.host === 'zendesk' && o.zaf === 'sdk') {
    // Tests never leave 127.0.0.1: the SDK URL in iframe.html is answered with the npm package's code.
    const sdk = await zafSdkBundle();
    await page.route(ZAF_SDK_URL, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: sdk }));
    await page.goto(`${o.staticUrl}/fixtures/zaf-parent.html`);
    return page;
  }
  const name = o.host === 'freshdesk' && o.location === 'ticket_background' ? 'freshdesk-background' : o.host;
  await page.goto(`${o.staticUrl}/harness/${name}.html`);
  if (name === 'freshdesk' && o.activate !== false) await page.evaluate(() => (window as any).__fdActivate());
  return page;
}
