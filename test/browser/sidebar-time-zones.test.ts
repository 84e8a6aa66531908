/**
 * One time zone per reader: the sidebar shows deadlines in the agent's zone (the host's, else the policy's
 * `timeZones.agents`, never the browser's) and says which; scripts, read by the customer, carry deadlines in
 * the policy's `timeZones.customers`, online and offline alike.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { connectorView, expandAll, open, ready, shot, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv();

/** `HH:MM` of an instant on the wall clock of `zone`. */
const hhmm = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
/** The zone as a customer reads it in English ("China Standard Time"). */
const zoneWords = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(Date.parse(iso))
    .find((x) => x.type === 'timeZoneName')!.value;
/** `YYYY-MM-DD HH:MM (China Standard Time)`, as scripts write a deadline for the customer. */
const deadline = (iso: string, zone: string) => {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(Date.parse(iso));
  const v = (t: string) => p.find((x) => x.type === t)?.value;
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')} (${zoneWords(iso, zone)})`;
};

async function deadUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

const zoneLine = (page: Page) => page.locator('[data-field="time-zone"]').textContent();
const dueText = (page: Page) => page.locator('[data-clock="respond"] .cd-due').textContent();
const scriptText = (page: Page) => page.locator('#cd-b-scripts [data-script="acknowledge"] .cd-script-text').textContent();

test("a host that names no zone: the policy's zone for agents, not the browser's", async () => {
  const policyZone = env.policy.timeZones.agents!;
  expect(policyZone).toBe('Asia/Shanghai');
  // The browser runs in Los Angeles; the Freshdesk agent's record names no zone.
  const ctx = await env.browser.newContext({ timezoneId: 'America/Los_Angeles', viewport: { width: 320, height: 900 } });
  try {
    const view = await connectorView('freshdesk', '201');
    const page = await open('freshdesk', '201', {}, ctx);
    await ready(page);
    await expandAll(page);
    expect(await zoneLine(page)).toContain(policyZone);
    expect(await dueText(page)).toContain(hhmm(view.sla.respond.dueAt, policyZone));
    expect(await dueText(page)).not.toContain(hhmm(view.sla.respond.dueAt, 'America/Los_Angeles'));
    await shot(page, 'time-zone-policy');
  } finally {
    await ctx.close();
  }
});

test('Freshdesk names the agent\'s zone the Rails way ("Taipei"): the sidebar uses Asia/Taipei', async () => {
  const ctx = await env.browser.newContext({ timezoneId: 'UTC' });
  try {
    const view = await connectorView('freshdesk', '201');
    const page = await open('freshdesk', '201', { agent: { id: '7', name: 'Agent Lee', locale: 'en', timeZone: 'Taipei' } }, ctx);
    await ready(page);
    await expandAll(page);
    expect(await zoneLine(page)).toContain('Asia/Taipei');
    expect(await dueText(page)).toContain(hhmm(view.sla.respond.dueAt, 'Asia/Taipei'));
  } finally {
    await ctx.close();
  }
});

test('an agent in New York reads deadlines in New York time; the script to the customer keeps the customer zone', async () => {
  const customers = env.policy.timeZones.customers!;
  const view = await connectorView('zendesk', '102');
  const page = await open('zendesk', '102', { agent: { id: '12', name: 'Nia', locale: 'en', timeZone: 'America/New_York' } });
  await ready(page);
  await expandAll(page);
  expect(await zoneLine(page)).toContain('America/New_York');
  expect(await dueText(page)).toContain(hhmm(view.sla.respond.dueAt, 'America/New_York'));
  const script = await scriptText(page);
  expect(script).toContain(deadline(view.sla.respond.dueAt, customers));
  expect(script).not.toContain('America/New_York');
  expect(script).not.toContain(customers);
  await shot(page, 'time-zone-new-york');

  // Offline, the scripts built in the browser carry the same customer-zone deadline, not the agent's zone.
  const offline = await open('zendesk', '102', {
    agent: { id: '12', name: 'Nia', locale: 'en', timeZone: 'America/New_York' },
    connectorUrl: await deadUrl(),
  });
  await ready(offline, 'offline');
  await expandAll(offline);
  expect(await zoneLine(offline)).toContain('America/New_York');
  const local = await scriptText(offline);
  expect(local).toContain(`(${zoneWords(view.sla.respond.dueAt, customers)})`);
  expect(local).not.toContain(customers);
  expect(local).toContain(hhmm(view.sla.respond.dueAt, customers));
  expect(local).not.toMatch(/EST|EDT|America\/New_York/);
});
