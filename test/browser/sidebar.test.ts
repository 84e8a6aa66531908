/**
 * The built sidebar in real Chromium (playwright-core), inside fake Zendesk/Freshworks clients that
 * record every call, against a real connector on 127.0.0.1 (setup: sidebar-env.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { calls, clickAndSettle, connectorView, open, ready, sample, shot, T0, useSidebarEnv, expandAll } from './sidebar-env';

const env = useSidebarEnv();

describe('Zendesk sidebar', () => {
  test('safety case and routine case show different, correct values', async () => {
    const safety = await open('zendesk', '101');
    await ready(safety);
    await expandAll(safety);
    expect(await safety.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('quality-safety-heater').expected.severity);
    expect(await safety.getAttribute('[data-field="category"]', 'data-value')).toBe(sample('quality-safety-heater').expected.category);
    expect(await safety.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
    expect(await safety.locator('[data-field="matches"] li').count()).toBeGreaterThan(0);
    const safetyView = await connectorView('zendesk', '101');
    expect(await safety.getAttribute('[data-field="tier"]', 'data-value')).toBe(safetyView.escalation.tier);
    expect(safetyView.escalation.tier).not.toBe('front_line');
    expect(await safety.getAttribute('[data-field="group"]', 'data-value')).toBe(safetyView.escalation.group);
    await shot(safety, 'zendesk-safety');

    const routine = await open('zendesk', '102');
    await ready(routine);
    await expandAll(routine);
    expect(await routine.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('usage-howto-kettle').expected.severity);
    expect(await routine.getAttribute('[data-field="category"]', 'data-value')).toBe(sample('usage-howto-kettle').expected.category);
    expect(await routine.getAttribute('[data-field="signals"]', 'data-value')).toBe('');
    expect(await routine.getAttribute('[data-field="tier"]', 'data-value')).toBe((await connectorView('zendesk', '102')).escalation.tier);
    expect(await routine.locator('[data-panel="evidence"]').count()).toBe(0);
    // Requester history: the count over the policy's window, which the text names.
    const routineView = await connectorView('zendesk', '102');
    expect(await routine.getAttribute('[data-field="history-count"]', 'data-value')).toBe(String(routineView.history.count));
    expect(await routine.locator('[data-field="history-count"]').textContent()).toContain(String(routineView.history.windowDays));
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
    await expandAll(page);
    const row = page.locator('[data-clock="respond"]');
    expect(await row.getAttribute('data-state')).toBe('ok');
    const before = await row.locator('[data-field="countdown"]').textContent();
    await page.evaluate(() => {
      (window as any).__now += 1000;
    });
    await page.waitForFunction(
      (b) => document.querySelector('[data-clock="respond"] [data-field="countdown"]')?.textContent !== b,
      before,
      { timeout: 5000 },
    );
    await page.evaluate((t) => {
      (window as any).__now = t;
    }, warnAt + 1000);
    await page.waitForSelector('[data-clock="respond"][data-state="warning"]', { timeout: 5000 });
    await shot(page, 'zendesk-sla-warning');
    await page.evaluate((t) => {
      (window as any).__now = t;
    }, dueAt + 5000);
    await page.waitForSelector('[data-clock="respond"][data-state="breached"]', { timeout: 5000 });
    expect(await row.locator('[data-field="countdown"]').textContent()).toMatch(/overdue/);
    await shot(page, 'zendesk-sla-breached');
  });

  test('Insert puts the filled script into the Zendesk editor', async () => {
    const page = await open('zendesk', '101');
    await ready(page);
    await expandAll(page);
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
    await expandAll(page);
    await clickAndSettle(page, '[data-rank="first"] button');
    await env.connector.pipeline.idle();
    const posted = (await calls(page)).filter((c) => c.kind === 'request' && c.url.endsWith('/api/v1/tickets/zendesk/101/remedy'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'POST', secure: true, data: JSON.stringify({ rank: 'first' }) });
    expect(posted[0].jwt).toMatchObject({ algorithm: 'HS256', secret_key: '{{setting.shared_secret}}' });
    expect(posted[0].headers.Authorization).toBe('Bearer {{jwt.token}}');
    expect((await connectorView('zendesk', '101')).remedies.chosen?.rank).toBe('first');
  });
});

test('UI text and policy labels follow the agent locale (zh-TW)', async () => {
  const page = await open('zendesk', '102', { agent: { id: '8', name: '王小明', role: 'agent', locale: 'zh-tw' } });
  await ready(page);
  await expandAll(page);
  expect(await page.getAttribute('.cd-root', 'lang')).toBe('zh-TW');
  expect(await page.locator('#cd-h-classification').textContent()).toBe('分類');
  const category = (await page.getAttribute('[data-field="category"]', 'data-value'))!;
  expect(await page.locator('[data-field="category"]').textContent()).toBe(env.policy.categories[category as 'usage'].label['zh-TW']);
  await shot(page, 'zendesk-zh-tw');
});

describe('Freshdesk sidebar', () => {
  test('renders through request templates; Insert opens the reply editor with the text', async () => {
    const page = await open('freshdesk', '201');
    await ready(page);
    await expandAll(page);
    expect(await page.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('quality-safety-charger').expected.severity);
    expect(await page.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
    const templates = (await calls(page)).filter((c) => c.kind === 'invokeTemplate').map((c) => c.name);
    expect(templates.filter((n) => n !== 'getPolicy')).toEqual(['getView']); // the policy only when not cached yet
    const text = await page.locator('.cd-scripts li .cd-script-text').first().textContent();
    await page.locator('.cd-scripts li').first().getByRole('button').click();
    await page.waitForSelector('.cd-scripts [role="status"]');
    const triggers = (await calls(page)).filter((c) => c.kind === 'trigger');
    // One documented call (interface method click on reply, with text), not a failing setValue repeated.
    expect(triggers.map((c) => c.options)).toEqual([{ id: 'reply', text }]);
    expect(await page.evaluate(() => (window as any).__editor)).toEqual({ open: true, text });
    await shot(page, 'freshdesk-safety');
  });

  test('intercepted property update with the malicious tag fails; other saves pass', async () => {
    // The intercepts live in the ticket_background location: they hold although no sidebar was ever opened.
    const page = await open('freshdesk', '202', { location: 'ticket_background' });
    await page.waitForFunction(() => (window as any).__calls.filter((c: any) => c.kind === 'events.on' && c.intercept).length >= 2);
    const on = (await calls(page)).filter((c) => c.kind === 'events.on' && c.intercept).map((c) => c.event);
    expect(on).toEqual(expect.arrayContaining(['ticket.propertiesUpdated', 'ticket.closeTicketClick']));
    const tag = env.policy.evidence.maliciousTag;
    const blocked = await page.evaluate((t) => (window as any).__fdIntercept('ticket.propertiesUpdated', { tags: [t] }), tag);
    expect(blocked.ok).toBe(false);
    expect(blocked.reason).toContain(tag);
    expect(await page.evaluate(() => (window as any).__fdIntercept('ticket.closeTicketClick', {}))).toEqual({ ok: true });
  });
});

describe('offline', () => {
  /** Paths of the resources the page loaded whose name ends with `file`. */
  async function fetched(page: Page, file: string): Promise<string[]> {
    const names = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    return names.map((n) => new URL(n).pathname).filter((p) => p.endsWith(`/${file}`));
  }

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
    await expandAll(online);
    // localStorage holds the policy without its classification section (Cache Storage has it), so what classifies
    // the offline view below was read back from Cache Storage.
    const stored = JSON.parse((await online.evaluate(() => localStorage.getItem('complaint-desk.policy.v2')))!);
    expect(stored.policy.version).toBe(env.policy.version);
    expect(stored.policy.classification).toBeUndefined();
    // The classifier is not fetched while the connector answers; offline, it comes from offline.js beside sidebar.js.
    expect(await fetched(online, 'offline.js')).toEqual([]);
    const page = await open('zendesk', '102', { connectorUrl: await deadUrl() });
    await ready(page, 'offline');
    expect(await fetched(page, 'offline.js')).toEqual(['/dist/zendesk/assets/offline.js']);
    await expandAll(page);
    expect(await page.locator('[data-offline="local"]').textContent()).toContain(env.policy.version);
    expect(await page.getAttribute('[data-field="category"]', 'data-value')).toBe(sample('usage-howto-kettle').expected.category);
    expect(await page.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('usage-howto-kettle').expected.severity);
    expect(await page.locator('[data-clock="respond"]').count()).toBe(1);
    expect(await page.locator('[data-rank] button').first().isDisabled()).toBe(true);
    await shot(page, 'zendesk-offline');
  });

  test('Freshdesk, connector down: offline.js from app/scripts/ classifies from the cached policy', async () => {
    const fresh = await env.browser.newContext();
    try {
      const online = await open('freshdesk', '201', {}, fresh);
      await ready(online);
      expect(await fetched(online, 'offline.js')).toEqual([]);
      const page = await open('freshdesk', '201', { connectorUrl: await deadUrl() }, fresh);
      await ready(page, 'offline');
      expect(await fetched(page, 'offline.js')).toEqual(['/dist/freshdesk/app/scripts/offline.js']);
      expect(await page.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('quality-safety-charger').expected.severity);
      expect(await page.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
    } finally {
      await fresh.close();
    }
  });

  test('connector down and offline.js unreachable: both said, with a retry, not a spinner', async () => {
    const fresh = await env.browser.newContext();
    try {
      await fresh.route('**/offline.js', (r) => r.fulfill({ status: 404, body: 'gone' }));
      const online = await open('zendesk', '102', {}, fresh);
      await ready(online);
      const page = await open('zendesk', '102', { connectorUrl: await deadUrl() }, fresh);
      await ready(page, 'error');
      const alert = await page.locator('[role="alert"]').textContent();
      expect(alert).toMatch(/unreachable|no answer|connect/i);
      expect(alert).toContain('offline view could not be loaded (offline.js: the file did not load)');
      expect(await page.locator('[role="alert"] button').count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  test('connector down and nothing cached: a clear message, not a spinner', async () => {
    const fresh = await env.browser.newContext();
    try {
      const page = await open('zendesk', '102', { connectorUrl: await deadUrl() }, fresh);
      await ready(page, 'offline-empty');
      expect(await page.locator('[role="alert"]').textContent()).toMatch(/unreachable/);
    } finally {
      await fresh.close();
    }
  });
});
