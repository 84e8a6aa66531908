/**
 * The Freshdesk sidebar's lifecycle and request budget in real Chromium, through the documented request
 * proxy (test/support/freshworks-proxy.ts): a minimised sidebar loads nothing; each `app.activated` of the
 * one reused instance shows the ticket now open; a ticket open costs one request-method call once the
 * policy is cached (by ETag, across tickets); the save guard holds from ticket_background alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { calls, connectorView, open, ready, sample, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv();
const templateCalls = async (page: Parameters<typeof calls>[0]) => (await calls(page)).filter((c) => c.kind === 'invokeTemplate');

/** The fake client's ticket data for another ticket (what `client.data.get('ticket')` answers after the move). */
function fdTicket(id: number, subject: string, description: string) {
  return {
    id,
    subject,
    description_text: description,
    status: 2,
    tags: [],
    created_at: new Date().toISOString(),
    source: 1,
    custom_fields: {},
  };
}

test('a minimised sidebar calls nothing; opening it loads the ticket with one view call (policy cached)', async () => {
  const ctx = await env.browser.newContext();
  try {
    // First ever open in this browser: the view, then the policy once (nothing cached yet).
    const first = await open('freshdesk', '201', { activate: false }, ctx);
    await first.waitForFunction(() => (window as any).__calls.some((c: any) => c.kind === 'events.on' && c.event === 'app.activated'));
    expect(await templateCalls(first)).toEqual([]);
    expect(await first.getAttribute('.cd-root', 'data-ready')).toBe('loading');
    await first.evaluate(() => (window as any).__fdActivate());
    await ready(first);
    expect((await templateCalls(first)).map((c) => c.name)).toEqual(['getView', 'getPolicy']);
    // Next ticket page (new iframe, same browser): the cached policy matches the view's ETag — one call.
    const second = await open('freshdesk', '202', {}, ctx);
    await ready(second);
    expect((await templateCalls(second)).map((c) => c.name)).toEqual(['getView']);
  } finally {
    await ctx.close();
  }
});

test('one instance reused across tickets: app.activated re-reads the ticket and shows the one now open', async () => {
  const page = await open('freshdesk', '201');
  await ready(page);
  expect(await page.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
  const before = (await templateCalls(page)).length;
  // Record every state the sidebar passes through while it moves to the next ticket.
  await page.evaluate(() => {
    const seen: string[] = ((window as any).__readyStates = []);
    const root = document.querySelector('.cd-root')!;
    new MutationObserver(() => seen.push(document.querySelector('.cd-root')?.getAttribute('data-ready') ?? 'gone')).observe(
      root.parentElement!,
      { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true },
    );
  });
  const next = sample('quality-extortion-lunchbox');
  await page.evaluate((t) => (window as any).__fdActivate(t), fdTicket(202, next.subject, next.description));
  await page.waitForFunction(
    () => (window as any).__calls.filter((c: any) => c.kind === 'invokeTemplate').at(-1)?.context?.ticket_id === '202',
  );
  await page.waitForFunction(
    (sev) => document.querySelector('[data-field="severity"]')?.getAttribute('data-value') === sev,
    (await connectorView('freshdesk', '202')).classification.severity,
  );
  expect(await page.getAttribute('[data-field="category"]', 'data-value')).toBe(
    (await connectorView('freshdesk', '202')).classification.category,
  );
  // The old ticket's view (and its action buttons) was taken down while the new one loaded.
  expect(await page.evaluate(() => (window as any).__readyStates)).toEqual(expect.arrayContaining(['loading', 'online']));
  // Moving on cost exactly one request-method call.
  expect((await templateCalls(page)).slice(before).map((c) => [c.name, c.context.ticket_id])).toEqual([['getView', '202']]);
});

test('the save guard holds from ticket_background although the sidebar was never opened', async () => {
  const sidebar = await open('freshdesk', '202', { activate: false });
  await sidebar.waitForFunction(() => (window as any).__calls.some((c: any) => c.kind === 'events.on' && c.event === 'app.activated'));
  expect((await calls(sidebar)).filter((c) => c.kind === 'events.on' && c.intercept)).toEqual([]);
  const bg = await open('freshdesk', '202', { location: 'ticket_background' });
  await bg.waitForFunction(() => (window as any).__calls.filter((c: any) => c.kind === 'events.on' && c.intercept).length === 2);
  const tag = env.policy.evidence.maliciousTag;
  const blocked = await bg.evaluate((t) => (window as any).__fdIntercept('ticket.propertiesUpdated', { tags: [t] }), tag);
  expect(blocked).toMatchObject({ ok: false });
  expect(blocked.reason).toContain(tag);
  expect(await bg.evaluate(() => (window as any).__fdIntercept('ticket.propertiesUpdated', { tags: ['vip'] }))).toEqual({ ok: true });
  // A save without the tag cost no request at all.
  const names = (await templateCalls(bg)).map((c) => c.name);
  expect(names.filter((n) => n === 'getView')).toHaveLength(1);
});

test('looks native in Freshdesk: Crayons palette (CSS variables), screenshot kept', async () => {
  const page = await open('freshdesk', '201');
  await ready(page);
  const look = await page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const body = getComputedStyle(document.body);
    const button = document.querySelector('button');
    return {
      primary: root.getPropertyValue('--cd-primary').trim(),
      text: body.color,
      size: body.fontSize,
      button: button ? getComputedStyle(button).backgroundColor : null,
    };
  });
  // Crayons: azure-800 #2c5cc5 for actions, elephant-900 #12344d for text, 14px.
  expect(look).toEqual({ primary: '#2c5cc5', text: 'rgb(18, 52, 77)', size: '14px', button: 'rgb(44, 92, 197)' });
  const dir = path.resolve(__dirname, '../../test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'sidebar-freshdesk-crayons.png'), fullPage: true });
});
