/**
 * The sidebar speaks the agent's language: the classification's "why", escalation reasons, clock and
 * calendar names follow the agent's locale (not the policy's default), and the zh-TW sidebar shows no
 * simplified characters (OpenCC, customer quotes excepted), with no raw ids.
 */
import type { Page } from 'playwright-core';
import { Converter } from 'opencc-js';
import { expandAll, open, ready, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv();
const toTraditional = Converter({ from: 'cn', to: 'tw' });
const ALSO_STANDARD = new Set(['台', '准']); // standard in Taiwan too; OpenCC maps them to a variant
const CJK = /[\u3400-\u9fff]/;

/** The sidebar's text without the customer's own words (matched phrases, quotes of them, scripts' filled values). */
const agentText = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('.cd-root')!.cloneNode(true) as HTMLElement;
    root.querySelectorAll('[data-field="matches"], mark, .cd-script-text, [data-field="history-recent"]').forEach((n) => n.remove());
    return root.innerText.replace(/"[^"]*"|“[^”]*”|〔[^〕]*〕/g, '');
  });

test('an English agent reads the why, escalation reasons and calendar in English on a zh-CN policy', async () => {
  expect(env.policy.defaultLocale).not.toBe('en');
  const page = await open('zendesk', '101', { agent: { id: '7', name: 'Agent Lee', locale: 'en' } });
  await ready(page);
  await expandAll(page);
  const why = await page.locator('.cd-why').innerText();
  expect(why.replace(/"[^"]*"/g, '')).not.toMatch(CJK);
  const hits = await page.locator('[data-field="escalation-hits"]').innerText();
  expect(hits).not.toMatch(CJK);
  expect(hits).not.toMatch(/\bsignal safety\b/); // labels, not ids
  expect(await page.locator('[data-field="calendar"]').innerText()).not.toMatch(
    new RegExp(`: (${Object.keys(env.policy.calendars).join('|')})$`),
  );
});

test('zh-TW: no simplified characters and no raw ids anywhere an agent reads', async () => {
  const page = await open('zendesk', '101', { agent: { id: '7', name: 'Agent Lee', locale: 'zh-TW' } });
  await ready(page);
  await expandAll(page);
  const text = await agentText(page);
  const simplified = [...new Set([...text].filter((c) => CJK.test(c) && !ALSO_STANDARD.has(c) && toTraditional(c) !== c))];
  expect(simplified).toEqual([]);
  for (const id of ['always', 'office', 'safety_now', 'front_line']) expect(text).not.toContain(id);
});

test("a ticket the connector has no complaint for gets the connector's explanation, not an HTTP error", async () => {
  const t = {
    host: 'zendesk' as const,
    id: '999',
    subject: 'Re: follow-up',
    description: 'x',
    status: 'open' as const,
    tags: [],
    fields: {},
    comments: [],
    createdAt: new Date().toISOString(),
  };
  const page = await open('zendesk', '999', { ticket: t });
  await ready(page, 'unknown');
  const text = await page.locator('[data-unknown="ticket"]').innerText();
  expect(text).toContain('no record of ticket #999');
  expect(text).not.toMatch(/HTTP 404/);
});
