/**
 * The sidebar's clocks start from the connector's `now` and clock states and only tick between refreshes:
 * a browser whose clock is days off shows what the connector says, a stopped clock never counts.
 */
import { connectorView, open, ready, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv();
const DAY = 86_400_000;

const states = (page: import('playwright-core').Page) =>
  page.$$eval('[data-clock]', (rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-clock'), r.getAttribute('data-state')])));

test("a browser clock three days ahead still shows the connector's clock states, then ticks from them", async () => {
  const view = await connectorView('zendesk', '102');
  const page = await open('zendesk', '102', { now: Date.now() + 3 * DAY });
  await ready(page);
  const expected: Record<string, string> = { respond: view.sla.respond.state, resolve: view.sla.resolve.state };
  if (view.sla.acknowledge) expected.acknowledge = view.sla.acknowledge.state;
  expect(expected.respond).not.toBe('breached');
  expect(await states(page)).toEqual(expected);
  expect(await page.locator('[data-clock="respond"] [data-field="countdown"]').textContent()).not.toMatch(/overdue/);
  // It ticks: one browser second later the countdown changed.
  const before = await page.locator('[data-clock="resolve"] [data-field="countdown"]').textContent();
  await page.evaluate(() => {
    (window as any).__now += 1000;
  });
  await page.waitForFunction((b) => document.querySelector('[data-clock="resolve"] [data-field="countdown"]')?.textContent !== b, before, {
    timeout: 5000,
  });
});

test("a solved ticket's clocks are stopped: they never count, however far the browser clock moves", async () => {
  const at = new Date().toISOString();
  env.connector.pipeline.ingest({
    host: 'zendesk',
    eventId: 'solved-104',
    ticketId: '104',
    occurredAt: at,
    receivedAt: at,
    event: { kind: 'status.changed', status: 'solved', previous: 'new' },
  });
  await env.connector.pipeline.idle();
  const view = await connectorView('zendesk', '104');
  expect(view.sla.resolve.stoppedAt).not.toBeNull();
  const page = await open('zendesk', '104', { now: Date.now() - 2 * DAY });
  await ready(page);
  expect(await page.getAttribute('[data-clock="resolve"]', 'data-state')).toBe(view.sla.resolve.state);
  const text = () => page.locator('[data-clock="resolve"] [data-field="countdown"]').textContent();
  const before = await text();
  await page.evaluate((d) => {
    (window as any).__now += d;
  }, 5 * DAY);
  await page.waitForTimeout(1500); // two ticks of the sidebar's 1 s clock: nothing may change
  expect(await text()).toBe(before);
  expect(await page.getAttribute('[data-clock="resolve"]', 'data-state')).toBe(view.sla.resolve.state);
});
