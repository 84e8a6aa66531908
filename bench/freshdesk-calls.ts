/**
 * Freshworks request-method calls per ticket open (the platform allows 50 per minute per app and account:
 * Freshworks platform 3.0 docs, "Use request method to place secure HTTP calls"). The built Freshdesk
 * sidebar runs in headless Chromium inside an in-page Freshworks client that answers request templates from
 * memory and counts `invokeTemplate`; one sidebar instance is activated for ticket after ticket, as Freshdesk
 * does (`app.activated`). Baseline in the same run: the same opens with the policy cache cleared before each
 * (the policy fetched on every open, as the sidebar did before it compared the view's policy ETag).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { localView } from '../apps/sidebar/src/data/local-view';
import type { Policy, Ticket } from '../policies/src/types';
import type { BenchRow } from './print-table';
import { serve } from './serve-dist';

const OPENS = 20;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ETAG = '"bench-policy-etag"';

function findRoot(): string {
  for (const c of [path.resolve(__dirname, '../..'), path.resolve(__dirname, '..'), process.cwd()])
    if (fs.existsSync(path.join(c, 'manifest.json')) && fs.existsSync(path.join(c, 'policies/default.json'))) return c;
  return process.cwd();
}

/** In-page Freshworks client: counts invokeTemplate, answers getView/getPolicy (304 for the current ETag). */
function fakeFreshworks(view: unknown, policy: unknown): string {
  return `(() => {
  const view = ${JSON.stringify(view)}; const policy = ${JSON.stringify(policy)}; const ETAG = ${JSON.stringify(ETAG)};
  const handlers = {}; window.__calls = []; window.__inflight = 0; let ticketId = 1;
  const client = {
    data: { get: async (n) => ({ ticket: { ticket: { id: ticketId, subject: 's', description_text: 'd', status: 2, tags: [], source: 1, custom_fields: {} } }, loggedInUser: { loggedInUser: { id: 1, role_ids: [], contact: { name: 'Bench', email: 'b@example.com', language: 'en' } } }, requester: { requester: { id: 2, name: 'R' } } })[n] },
    iparams: { get: async () => ({}) },
    request: { invokeTemplate: async (name, o) => {
      window.__calls.push({ name, ticket: o.context && o.context.ticket_id }); window.__inflight++;
      try {
        await new Promise((r) => setTimeout(r, 1));
        if (name === 'getView') return { status: 200, headers: {}, response: JSON.stringify({ ...view, ticketId: o.context.ticket_id }) };
        if (name === 'getPolicy') { if (o.context.etag === ETAG) throw { status: 304, headers: {}, response: '' }; return { status: 200, headers: { etag: ETAG }, response: JSON.stringify(policy) }; }
        throw { status: 404, response: '{}' };
      } finally { window.__inflight--; }
    } },
    interface: { trigger: async () => ({}) },
    events: { on: (e, cb) => { (handlers[e] = handlers[e] || []).push(cb); } },
    instance: { resize: () => {} },
  };
  window.app = { initialized: async () => client };
  window.__open = (id) => { ticketId = id; (handlers['app.activated'] || []).forEach((h) => h({})); };
})();`;
}

export async function run(): Promise<BenchRow[]> {
  const root = findRoot();
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'freshdesk/app/scripts/sidebar.js')))
    throw new Error('dist/freshdesk is not built: run `npm run build` (npm run bench does) first');
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8')) as Policy;
  const now = Date.now();
  const ticket: Ticket = {
    host: 'freshdesk',
    id: '1',
    subject: 'Kettle broke',
    description: 'The kettle stopped heating after a week.',
    requester: { name: 'R' },
    channel: 'email',
    createdAt: new Date(now - 3_600_000).toISOString(),
    status: 'open',
    tags: [],
    fields: {},
  };
  const view = {
    ...localView({ ticket, policy, policyVersion: policy.version, now, locale: 'en', agent: { name: 'Bench', role: 'agent' } }),
    policyEtag: ETAG,
  };
  const pages = {
    '/fw.js': fakeFreshworks(view, policy),
    '/sidebar.html':
      '<!doctype html><html><head><link rel="stylesheet" href="/dist/freshdesk/app/styles/sidebar.css"></head><body><div id="app"></div><script src="/fw.js"></script><script src="/dist/freshdesk/app/scripts/sidebar.js"></script></body></html>',
  };
  const server = await serve(dist, pages);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });
  /** Opens OPENS tickets in one reused instance; returns the calls each open cost. */
  const opens = async (clearCache: boolean): Promise<number[]> => {
    const ctx = await browser.newContext({ viewport: { width: 320, height: 900 } });
    try {
      const p = await ctx.newPage();
      await p.goto(`${server.url}/sidebar.html`);
      await p.waitForFunction(() => typeof (window as any).__open === 'function');
      const per: number[] = [];
      for (let id = 1; id <= OPENS; id++) {
        if (clearCache) await p.evaluate(() => localStorage.clear());
        const before = await p.evaluate(() => (window as any).__calls.length as number);
        await p.evaluate((i) => (window as any).__open(i), id);
        await p.waitForFunction(
          (i) =>
            (window as any).__calls.some((c: any) => c.name === 'getView' && c.ticket === String(i)) &&
            (window as any).__inflight === 0 &&
            document.querySelector('.cd-root[data-ready="online"]'),
          id,
          { timeout: 10_000 },
        );
        // Let a policy fetch that follows the view start and finish before counting.
        await p.waitForTimeout(50);
        await p.waitForFunction(() => (window as any).__inflight === 0);
        per.push((await p.evaluate(() => (window as any).__calls.length as number)) - before);
      }
      return per;
    } finally {
      await ctx.close();
    }
  };
  try {
    const cached = await opens(false);
    const uncached = await opens(true);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const later = mean(cached.slice(1));
    const base = mean(uncached);
    return [
      {
        bench: 'freshdesk-calls',
        subject: 'policy fetched on every open (cache cleared)',
        metric: `Freshworks calls per ticket open, mean of ${OPENS}`,
        value: base,
        unit: 'calls',
      },
      {
        bench: 'freshdesk-calls',
        subject: 'first ticket open in a new browser',
        metric: 'Freshworks calls per ticket open',
        value: cached[0],
        unit: 'calls',
      },
      {
        bench: 'freshdesk-calls',
        subject: 'later ticket opens (policy cached by ETag)',
        metric: `Freshworks calls per ticket open, mean of ${OPENS - 1}`,
        value: later,
        unit: 'calls',
        baseline: 'policy fetched on every open (cache cleared)',
        ratio: base > 0 ? later / base : undefined,
        target: '≤ 1',
        pass: later <= 1,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
