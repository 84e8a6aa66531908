/**
 * One time zone per reader on the sandbox pages and the admin dashboard: times are in the reader's zone (`?tz=`,
 * else the policy's `timeZones.agents`), never silently UTC, and every page says which zone it uses.
 */
import type { RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, postForm, startSandbox } from './helpers/start-sandbox';

let c: RunningConnector & { stop(): Promise<void> };
beforeAll(async () => {
  c = await startSandbox();
});
afterAll(async () => {
  await c?.stop();
});

/** `YYYY-MM-DD HH:MM` on the wall clock of `zone`. */
function wall(iso: string | number, zone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof iso === 'number' ? iso : Date.parse(iso));
  const v = (t: string) => p.find((x) => x.type === t)?.value;
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}
const cell = (page: string, id: string, col: string) =>
  new RegExp(`data-ticket="${id}"[\\s\\S]*?data-col="${col}">([^<]*)<`).exec(page)?.[1]?.trim();

async function created(): Promise<string> {
  const res = await postForm(`${c.url}/sandbox/tickets`, {
    channel: 'email',
    locale: 'en',
    requester_name: 'Zoe',
    subject: 'Kettle leaks',
    description: 'The kettle leaks from the bottom after two days of use.',
  });
  expect(res.status).toBe(303);
  await c.pipeline.idle();
  return /\/sandbox\/tickets\/(\d+)/.exec(res.headers.get('location') ?? '')![1];
}

test("the ticket list shows the clock, due and updated times in the policy's agent zone, and says so", async () => {
  const zone = c.policyStore.current().policy.timeZones.agents!;
  expect(zone).toBe('Asia/Shanghai');
  const id = await created();
  const t = c.sandbox!.ticket(id)!;
  const page = await (await fetch(`${c.url}/sandbox`)).text();
  expect(page).toContain(`Times in ${zone}`);
  const clock = /data-testid="clock-now">([^<]*)</.exec(page)![1];
  expect(clock).toContain(`(${zone})`);
  expect(clock).not.toContain('UTC');
  const shown = clock.slice(0, 16);
  const now = c.clock.now();
  expect([wall(now, zone), wall(now - 60_000, zone)]).toContain(shown);
  expect(cell(page, id, 'updated')).toBe(wall(t.updatedAt, zone));
  const view = await (
    await fetch(`${c.url}/api/v1/tickets/sandbox/${id}/view`, {
      headers: { 'X-Complaint-Desk-Key': 'it-app-secret-0123456789', 'X-Complaint-Desk-Agent': 'it', 'X-Complaint-Desk-Locale': 'en' },
    })
  ).json();
  const due = [view.sla.acknowledge, view.sla.respond, view.sla.resolve]
    .filter((k) => k && k.state !== 'met' && k.dueAt)
    .map((k) => k.dueAt)
    .sort()[0];
  expect(cell(page, id, 'due')).toBe(`due ${wall(due, zone)}`);
});

test("?tz= picks the reader's zone on the list and the ticket page, and the sidebar frame gets it", async () => {
  const id = c.sandbox!.list()[0].id;
  const t = c.sandbox!.ticket(id)!;
  const list = await (await fetch(`${c.url}/sandbox?tz=America/New_York`)).text();
  expect(list).toContain('Times in America/New_York');
  expect(cell(list, id, 'updated')).toBe(wall(t.updatedAt, 'America/New_York'));
  const page = await (await fetch(`${c.url}/sandbox/tickets/${id}?tz=America/New_York`)).text();
  expect(/data-testid="created-at">([^<]*)</.exec(page)![1]).toBe(wall(t.createdAt!, 'America/New_York'));
  expect(page).toMatch(/data-testid="clock-now">[^<]*\(America\/New_York\)</);
  expect(page).toContain('tz=America%2FNew_York');
  // Not a zone: the policy's zone, not an error and not UTC.
  const bad = await (await fetch(`${c.url}/sandbox?tz=Mars/Olympus`)).text();
  expect(bad).toContain('Times in Asia/Shanghai');
});

test('the dashboard API names the zone its due times are shown in', async () => {
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const d = await (await fetch(`${c.url}/admin/api/dashboard`, { headers: auth })).json();
  expect(d.timeZone).toBe('Asia/Shanghai');
  const london = await (await fetch(`${c.url}/admin/api/dashboard?tz=Europe/London`, { headers: auth })).json();
  expect(london.timeZone).toBe('Europe/London');
  const bad = await (await fetch(`${c.url}/admin/api/dashboard?tz=not-a-zone`, { headers: auth })).json();
  expect(bad.timeZone).toBe('Asia/Shanghai');
});
