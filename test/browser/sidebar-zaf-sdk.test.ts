/**
 * The Zendesk sidebar with Zendesk's own SDK: the built iframe.html loads the real ZAF SDK (npm
 * `zendesk_app_framework_sdk`) inside a parent page that answers the SDK's postMessage protocol the way
 * the SDK's source shows it (test/fixtures/apps/zaf-parent.js), against a real connector on 127.0.0.1.
 * A method, event or argument shape Zendesk would refuse lands in `__zaf.errors` and fails these tests.
 * Also: the app looks native (Zendesk Garden's palette and type); a screenshot goes to test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { connectorView, open, sample, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv();
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

async function appFrame(page: Page): Promise<Frame> {
  await page.waitForFunction(
    () =>
      (document.getElementById('app') as HTMLIFrameElement | null)?.contentDocument?.querySelector('.cd-root:not([data-ready="loading"])'),
    undefined,
    { timeout: 15_000 },
  );
  const frame = page.frames().find((f) => f.url().includes('/zendesk/assets/iframe.html'));
  if (!frame) throw new Error('the app iframe is missing');
  const got = await frame.getAttribute('.cd-root', 'data-ready');
  if (got !== 'online') throw new Error(`sidebar settled as "${got}": ${await frame.locator('.cd-root').textContent()}`);
  return frame;
}
const zaf = (page: Page) => page.evaluate(() => (window as any).__zaf);

test('registers through the SDK handshake and reads the ticket with documented paths, actions and requests', async () => {
  const page = await open('zendesk', '101', { zaf: 'sdk' });
  const frame = await appFrame(page);
  expect(await frame.getAttribute('[data-field="severity"]', 'data-value')).toBe(sample('quality-safety-heater').expected.severity);
  expect(await frame.getAttribute('[data-field="signals"]', 'data-value')).toContain('safety');
  const z = await zaf(page);
  expect(z.errors).toEqual([]);
  expect(z.received[0]).toMatchObject({ key: 'iframe.handshake', message: { version: expect.any(String) } });
  // get: the ticket id and current user at start, the ticket for the offline view only when needed.
  expect(z.received.filter((m: any) => m.request === 'get').map((m: any) => m.params)).toContainEqual(['ticket.id', 'currentUser']);
  // request: through Zendesk's proxy with a JWT signed from the secure setting; the view answers 200.
  const view = z.requests.find((r: any) => r.url.split('?')[0].endsWith('/api/v1/tickets/zendesk/101/view'));
  expect(view).toMatchObject({
    type: 'GET',
    secure: true,
    cors: false,
    httpCompleteResponse: true,
    headers: { Authorization: 'Bearer {{jwt.token}}' },
    jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}' },
  });
  // invoke: resize with { width, height } strings, as the Apps Core API documents it.
  expect(z.invoked.filter((i: any) => i.name === 'resize').at(-1).args[0]).toEqual({
    width: '100%',
    height: expect.stringMatching(/^\d+px$/),
  });
  // on: the events the app listens to are ones Zendesk fires in ticket_sidebar.
  expect(Object.keys(z.subscriptions)).toEqual(expect.arrayContaining(['ticket.save', 'ticket.updated', 'ticket.submit.done']));
});

test('Insert invokes ticket.editor.insert with the script text; ticket.updated reloads the view', async () => {
  const page = await open('zendesk', '102', { zaf: 'sdk' });
  const frame = await appFrame(page);
  // Open the collapsed sections (one at a time: the set of closed toggles shrinks with each click).
  for (const closed = frame.locator('.cd-toggle[aria-expanded="false"]'); (await closed.count()) > 0;) await closed.first().click();
  const first = frame.locator('.cd-scripts li').first();
  const text = await first.locator('.cd-script-text').textContent();
  await first.getByRole('button').click();
  await frame.waitForSelector('.cd-scripts [role="status"]');
  let z = await zaf(page);
  expect(z.invoked.filter((i: any) => i.name === 'ticket.editor.insert')).toEqual([{ name: 'ticket.editor.insert', args: [text] }]);
  const views = z.requests.filter((r: any) => r.url.split('?')[0].endsWith('/view')).length;
  await page.evaluate(() => (window as any).__zafFire('ticket.updated', {}));
  await page.waitForFunction(
    (n) => (window as any).__zaf.requests.filter((r: any) => r.url.split('?')[0].endsWith('/view')).length > n,
    views,
  );
  z = await zaf(page);
  expect(z.errors).toEqual([]);
});

test('ticket.save: the reply carries the reason when the malicious tag lacks evidence, none otherwise', async () => {
  const page = await open('zendesk', '103', { zaf: 'sdk' });
  await appFrame(page);
  const tag = env.policy.evidence.maliciousTag;
  expect((await connectorView('zendesk', '103')).evidence.complete).toBe(false);
  const blocked = await page.evaluate((t) => (window as any).__zafSave([t]), tag);
  expect(blocked.ok).toBe(false);
  expect(blocked.reason).toContain(tag);
  expect(await page.evaluate(() => (window as any).__zafSave(['vip']))).toEqual({ ok: true });
  expect((await zaf(page)).errors).toEqual([]);
});

test('the stand-in refuses what Zendesk refuses: a wrong argument shape, an unknown action or path fails', async () => {
  const page = await open('zendesk', '104', { zaf: 'sdk' });
  const frame = await appFrame(page);
  const outcomes = await frame.evaluate(async () => {
    const client = (window as any).ZAFClient.init();
    const settle = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: Error) => `rejected: ${e.message}`,
      );
    return {
      resizeString: await settle(client.invoke('resize', '300px')),
      insertObject: await settle(client.invoke('ticket.editor.insert', { text: 'x' })),
      unknownAction: await settle(client.invoke('ticket.editor.replace', 'x')),
      unknownPath: await settle(client.get('ticket.nonsense')),
      goodPath: await settle(client.get('ticket.subject')),
      // An event name Zendesk never fires (the documented one is ticket.save).
      misspelledEvent: (client.on('ticket.saved', () => true), 'subscribed'),
    };
  });
  expect(outcomes).toMatchObject({
    resizeString: expect.stringMatching(/^rejected/),
    insertObject: expect.stringMatching(/^rejected/),
    unknownAction: expect.stringMatching(/^rejected/),
    unknownPath: expect.stringMatching(/^rejected/),
    goodPath: 'resolved',
  });
  await page.waitForFunction(() => (window as any).__zaf.errors.length >= 5);
  expect((await zaf(page)).errors).toEqual([
    expect.stringMatching(/"resize" called with/),
    expect.stringMatching(/"ticket.editor.insert" called with/),
    expect.stringMatching(/"ticket.editor.replace" is not an action/),
    expect.stringMatching(/"ticket.nonsense" is not a property/),
    expect.stringMatching(/"ticket.saved" is not an event/),
  ]);
});

test('looks native in Zendesk: Garden palette and type (CSS variables), screenshot kept', async () => {
  const page = await open('zendesk', '101', { zaf: 'sdk' });
  const frame = await appFrame(page);
  const look = await frame.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const body = getComputedStyle(document.body);
    const button = document.querySelector('button');
    return {
      primary: root.getPropertyValue('--cd-primary').trim(),
      text: body.color,
      font: body.fontFamily,
      size: body.fontSize,
      button: button ? getComputedStyle(button).backgroundColor : null,
    };
  });
  // Garden: blue-600 #1f73b7 (primary hue), grey-800 #2f3941 (foreground), system font stack at 14px.
  expect(look).toMatchObject({ primary: '#1f73b7', text: 'rgb(47, 57, 65)', size: '14px' });
  expect(look.font).toMatch(/^system-ui, -apple-system, BlinkMacSystemFont/);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'sidebar-zendesk-garden.png'), fullPage: true });
});
