/**
 * Sidebar bench: each host app's JS+CSS size (raw, gzip and the headroom left under the 40 KB gz target, host
 * SDK excluded; offline.js, which the sidebar fetches only when the connector cannot answer, on its own row) and the time from ticket data to the first complete render in headless Chromium (median of 20; target ≤ 100 ms).
 * Baseline in the same run: the same harness page without the sidebar (fake client + an empty div).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { localView } from '../apps/sidebar/src/data/local-view';
import { canonicalZone, displayFor } from '../policies/src/engine/display-format';
import type { Policy, Ticket } from '../policies/src/types';
import type { BenchRow } from './print-table';
import { serve } from './serve-dist';

const RUNS = 20;
const GZ_TARGET = 40 * 1024;
const RENDER_TARGET_MS = 100;
/** A connector answer's delay in the second render row: a request through the host's proxy is never instant. */
const CONNECTOR_MS = 60;
/** The agent's zone in the fake Zendesk profile. */
const AGENT_ZONE = 'Asia/Shanghai';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function findRoot(): string {
  for (const c of [path.resolve(__dirname, '../..'), path.resolve(__dirname, '..'), process.cwd()])
    if (fs.existsSync(path.join(c, 'manifest.json')) && fs.existsSync(path.join(c, 'policies/default.json'))) return c;
  return process.cwd();
}

const APPS = {
  zendesk: ['zendesk/assets/sidebar.js', 'zendesk/assets/sidebar.css'],
  freshdesk: ['freshdesk/app/scripts/sidebar.js', 'freshdesk/app/styles/sidebar.css'],
  sandbox: ['sandbox-app/assets/sidebar.js', 'sandbox-app/assets/sidebar.css'],
};

/** The offline view's code, one file for every app, fetched only when the connector cannot answer. */
const OFFLINE_CHUNK = 'zendesk/assets/offline.js';

function sizeRows(dist: string): BenchRow[] {
  const offline = fs.readFileSync(path.join(dist, OFFLINE_CHUNK));
  const offlineRows: BenchRow[] = [
    { bench: 'sidebar', subject: 'offline.js (fetched only offline)', metric: 'raw size', value: offline.length / 1024, unit: 'KB' },
    {
      bench: 'sidebar',
      subject: 'offline.js (fetched only offline)',
      metric: 'gzip size',
      value: zlib.gzipSync(offline, { level: 9 }).length / 1024,
      unit: 'KB',
    },
  ];
  return Object.entries(APPS)
    .flatMap(([app, files]): BenchRow[] => {
      const buf = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dist, f))));
      const gz = zlib.gzipSync(buf, { level: 9 }).length;
      return [
        { bench: 'sidebar', subject: `${app} app JS+CSS`, metric: 'raw size', value: buf.length / 1024, unit: 'KB' },
        {
          bench: 'sidebar',
          subject: `${app} app JS+CSS`,
          metric: 'gzip size',
          value: gz / 1024,
          unit: 'KB',
          target: '≤ 40 KB',
          pass: gz <= GZ_TARGET,
        },
        // What is left for new features before the limit (negative: over it), in bytes so small changes show.
        {
          bench: 'sidebar',
          subject: `${app} app JS+CSS`,
          metric: 'headroom under 40 KB gz',
          value: GZ_TARGET - gz,
          unit: 'B',
          target: '≥ 0 B',
          pass: gz <= GZ_TARGET,
        },
      ];
    })
    .concat(offlineRows);
}

/**
 * In-page fake ZAF client answering from memory and marking t0 when the page starts. `latencyMs`: the connector's
 * answers (view, policy) arrive that much later, as through Zendesk's proxy; 0 = at once.
 */
function fakeClientScript(view: unknown, policy: unknown, latencyMs = 0): string {
  return `(() => {
  window.__t0 = performance.now();
  const view = ${JSON.stringify(view)}; const policy = ${JSON.stringify(policy)};
  const ok = (body) => ({ status: 200, responseText: JSON.stringify(body), headers: {} });
  const client = {
    get: async (p) => { const l = Array.isArray(p) ? p : [p]; const v = { 'ticket.id': view.ticketId, currentUser: { id: 1, name: 'Bench', role: 'agent', locale: 'en', timeZone: { ianaName: '${AGENT_ZONE}' } }, ticket: { id: view.ticketId, tags: [] }, 'ticket.tags': [] }; return Object.fromEntries(l.map((k) => [k, v[k]])); },
    metadata: async () => ({ settings: { connector_url: 'https://bench.invalid' } }),
    request: async (o) => { (window.__req ??= []).push([o.url.slice(-12), Math.round(performance.now() - window.__t0)]); if (${latencyMs}) await new Promise((r) => setTimeout(r, ${latencyMs})); return o.url.split('?')[0].endsWith('/view') ? ok(view) : ok(policy); },
    invoke: async () => ({}), on: () => {},
  };
  window.ZAFClient = { init: () => client };
  new MutationObserver(() => { if (window.__first === undefined && document.querySelector('.cd-root')) window.__first = performance.now() - window.__t0; if (document.querySelector('.cd-root[data-ready="online"]') && !window.__done) window.__done = performance.now() - window.__t0; }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function renderRows(root: string, dist: string): Promise<BenchRow[]> {
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8')) as Policy;
  const now = Date.now();
  const ticket: Ticket = {
    host: 'zendesk',
    id: '4242',
    subject: 'Laptop battery swelling',
    description:
      'The laptop battery has swollen so much that the case is bulging and it gets very hot. Give me $500 or I will post reviews everywhere.',
    requester: { name: 'Bench Customer', email: 'b@example.com' },
    channel: 'email',
    createdAt: new Date(now - 3_600_000).toISOString(),
    status: 'open',
    tags: [],
    fields: {},
  };
  const base = localView({ ticket, policy, policyVersion: policy.version, now, locale: 'en', agent: { name: 'Bench', role: 'agent' } });
  // A remedy waiting for approval, so the approval block renders too.
  const pending = base.remedies.options.find((o) => o.needsApproval) ?? base.remedies.options[0];
  const chosen = pending
    ? { rank: pending.rank, at: new Date(now - 60_000).toISOString(), by: 'bench', approval: 'pending' as const }
    : null;
  const answer = { ...base, ticketId: '4242', remedies: { ...base.remedies, chosen } };
  // As the connector answers (create-sidebar-router.ts): the times and amounts written for the agent's zone.
  const view = { ...answer, display: displayFor(answer, 'en', canonicalZone(AGENT_ZONE) ?? 'UTC') };
  const pages = {
    '/fake.js': fakeClientScript(view, policy),
    '/fake-slow.js': fakeClientScript(view, policy, CONNECTOR_MS),
    '/sidebar.html':
      '<!doctype html><html><head><link rel="stylesheet" href="/dist/zendesk/assets/sidebar.css"></head><body><div id="app"></div><script src="/fake.js"></script><script src="/dist/zendesk/assets/sidebar.js"></script></body></html>',
    '/sidebar-slow.html':
      '<!doctype html><html><head><link rel="stylesheet" href="/dist/zendesk/assets/sidebar.css"></head><body><div id="app"></div><script src="/fake-slow.js"></script><script src="/dist/zendesk/assets/sidebar.js"></script></body></html>',
    '/blank.html':
      '<!doctype html><html><head></head><body><div id="app"></div><script src="/fake.js"></script><script>document.getElementById("app").innerHTML = \'<div class="cd-root" data-ready="online">blank</div>\'</script></body></html>',
  };
  const server = await serve(dist, pages);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });
  try {
    const measure = async (page: string): Promise<number[]> => {
      const out: number[] = [];
      const ctx = await browser.newContext({ viewport: { width: 320, height: 900 } });
      for (let i = 0; i < RUNS + 2; i++) {
        const p = await ctx.newPage();
        await p.goto(`${server.url}${page}`);
        await p.waitForFunction(() => (window as any).__done !== undefined, undefined, { timeout: 10_000 });
        const ms = await p.evaluate(() => (window as any).__done as number);
        if (process.env.BENCH_DEBUG)
          process.stderr.write(
            `${page} first=${await p.evaluate(() => (window as any).__first)} done=${ms} req=${await p.evaluate(() => JSON.stringify((window as any).__req))}\n`,
          );
        if (i >= 2) out.push(ms); // two warm-up loads
        await p.close();
      }
      await ctx.close();
      return out;
    };
    const blank = median(await measure('/blank.html'));
    const full = median(await measure('/sidebar.html'));
    const slow = median(await measure('/sidebar-slow.html'));
    return [
      { bench: 'sidebar', subject: 'blank harness page', metric: `render, median of ${RUNS}`, value: blank, unit: 'ms' },
      {
        bench: 'sidebar',
        subject: 'zendesk sidebar, ticket data → complete render',
        metric: `median of ${RUNS}`,
        value: full,
        unit: 'ms',
        baseline: 'blank harness page',
        ratio: blank > 0 ? full / blank : undefined,
        target: `≤ ${RENDER_TARGET_MS} ms`,
        pass: full <= RENDER_TARGET_MS,
      },
      // What an agent waits for when the connector takes CONNECTOR_MS to answer: work the page does before it
      // sends the view request adds to that wait, work done while the request is in flight does not.
      {
        bench: 'sidebar',
        subject: `zendesk sidebar, connector answering in ${CONNECTOR_MS} ms`,
        metric: `median of ${RUNS}`,
        value: slow,
        unit: 'ms',
        baseline: 'connector answering at once',
        ratio: full > 0 ? slow / full : undefined,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const root = findRoot();
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'zendesk/assets/sidebar.js')))
    throw new Error('dist/zendesk is not built: run `npm run build` (npm run bench does) first');
  return [...sizeRows(dist), ...(await renderRows(root, dist))];
}
