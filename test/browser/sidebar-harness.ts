/**
 * Browser harness for the sidebar: a static server on 127.0.0.1 for the built apps and harness pages,
 * fake host clients in the page (test/fixtures/apps/fake-*.js) and Node-side stand-ins for the host
 * proxies (ZAF signs an HS256 JWT from the secure setting; Freshworks renders config/requests.json).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { signHs256Jwt } from '../support/sign-jwt';
import type { Ticket } from '../../policies/src/types';

const FIXTURES = path.resolve(__dirname, '../fixtures/apps');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

function harnessHtml(host: 'zendesk' | 'freshdesk'): string {
  const base = host === 'zendesk' ? '/dist/zendesk/assets' : '/dist/freshdesk/app';
  const css = host === 'zendesk' ? `${base}/sidebar.css` : `${base}/styles/sidebar.css`;
  const js = host === 'zendesk' ? `${base}/sidebar.js` : `${base}/scripts/sidebar.js`;
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${css}"></head><body><div id="app"></div>
<script src="/fixtures/fake-${host === 'zendesk' ? 'zaf' : 'freshworks'}-client.js"></script><script src="${js}"></script></body></html>`;
}

export async function startStaticServer(outRoot: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    let file: string | null = null;
    if (u.pathname === '/harness/zendesk.html' || u.pathname === '/harness/freshdesk.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(harnessHtml(u.pathname.includes('zendesk') ? 'zendesk' : 'freshdesk'));
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

export interface OpenOptions {
  host: 'zendesk' | 'freshdesk';
  staticUrl: string;
  connectorUrl: string;
  secret: string;
  ticket: Ticket;
  /** The sidebar's injected clock starts here (ms). */
  now: number;
  /** Who is logged in. `role` is not read by any host: Complaint Desk roles come from the agent_roles setting. */
  agent?: { id: string; name: string; role?: string; locale: string };
  /** Freshdesk: the agent's email and Freshdesk role ids (loggedInUser) and the non-secure iparams (agent_roles). */
  freshdesk?: { email?: string; roleIds?: number[]; iparams?: Record<string, string> };
  /** Zendesk: the agent's email and Zendesk role (currentUser; default `agent`) and the non-secure settings (agent_roles). */
  zendesk?: { email?: string; userRole?: string; settings?: Record<string, string> };
  /** Built dist/freshdesk/config/requests.json (to render templates like the Freshworks proxy). */
  requestsJson?: Record<string, { schema: { method: string; host: string; path: string; headers: Record<string, string> } }>;
}

function zafTicket(t: Ticket) {
  return {
    id: Number(t.id), subject: t.subject, description: t.description, status: t.status ?? 'open', tags: t.tags ?? [],
    requester: t.requester ? { id: Number(t.requester.id ?? 1), name: t.requester.name, email: t.requester.email } : null,
    via: { channel: t.channel ?? 'email' }, createdAt: t.createdAt, comments: [],
  };
}

function fdData(t: Ticket, agent: NonNullable<OpenOptions['agent']>, fd: OpenOptions['freshdesk'] = {}) {
  const status: Record<string, number> = { new: 2, open: 2, pending: 3, solved: 4, closed: 5, on_hold: 6 };
  return {
    ticket: { id: Number(t.id), subject: t.subject, description_text: t.description, status: status[t.status ?? 'open'], tags: t.tags ?? [], created_at: t.createdAt, source: 1, custom_fields: {} },
    requester: { id: 1, name: t.requester?.name, email: t.requester?.email },
    loggedInUser: { id: Number(agent.id) || 7, role_ids: fd.roleIds ?? [], group_ids: [], contact: { name: agent.name, email: fd.email ?? `agent${agent.id}@helpdesk.example`, language: agent.locale } },
  };
}

async function proxied(url: string, init: RequestInit): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  try {
    const r = await fetch(url, init);
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => { headers[k] = v; });
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
    if (opts.secure !== true || opts.jwt?.secret_key !== '{{setting.shared_secret}}') return { status: 0, responseText: 'insecure request refused by the harness' };
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
    if (!tpl) return { status: 0, response: `unknown template ${name}` };
    const iparams: Record<string, string> = { connector_host: new URL(o.connectorUrl).host, api_key: o.secret };
    const fill = (s: string) => s.replace(/<%=\s*(iparam|context)\.(\w+)\s*%>/g, (_m, scope: string, key: string) => String((scope === 'iparam' ? iparams : opts.context ?? {})[key] ?? ''));
    const headers = Object.fromEntries(Object.entries(tpl.schema.headers).map(([k, v]) => [k, fill(v)]).filter(([, v]) => v !== ''));
    // The harness connector speaks plain http on 127.0.0.1; the template says https for real installs.
    const r = await proxied(`http://${fill(tpl.schema.host)}${fill(tpl.schema.path)}`, { method: tpl.schema.method, headers, body: opts.body });
    return { status: r.status, response: r.text, headers: r.headers };
  });
  const harness = {
    connectorUrl: o.connectorUrl,
    zafTicket: zafTicket(o.ticket),
    currentUser: { id: Number(agent.id) || 7, name: agent.name, email: o.zendesk?.email ?? `agent${agent.id}@helpdesk.example`, role: o.zendesk?.userRole ?? 'agent', locale: agent.locale, timeZone: { ianaName: 'Asia/Shanghai' }, groups: [] },
    zafSettings: o.zendesk?.settings ?? {},
    fdData: fdData(o.ticket, agent, o.freshdesk),
    fdIparams: o.freshdesk?.iparams ?? {},
  };
  await page.addInitScript(({ h, now }) => {
    (window as any).__harness = h;
    (window as any).__now = now;
    (window as any).complaintDeskClock = { now: () => (window as any).__now };
  }, { h: harness, now: o.now });
  await page.goto(`${o.staticUrl}/harness/${o.host}.html`);
  return page;
}
