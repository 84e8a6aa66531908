/**
 * The classification's "why" is rendered in the agent's locale from the stored reasons, whatever locale the
 * connector classified in and whether or not today's policy would still reach the same result: the English
 * sidebar shows no Chinese words in it (quoted customer text aside), the zh-TW sidebar no simplified characters.
 */
import { Converter } from 'opencc-js';
import type { Page } from 'playwright-core';
import { expandAll, open, ready, shot, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv({ model: true });
const toTraditional = Converter({ from: 'cn', to: 'tw' });
/** Standard in both scripts although OpenCC maps them (see the script-per-locale unit test). */
const ALSO_STANDARD = new Set(['台', '准']);
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** The why without the customer's own words (quoted matched text may be in any script). */
const whyOf = async (page: Page) => (await page.locator('.cd-why').innerText()).replace(/"(?:[^"\\]|\\.)*"/g, '""');
const simplifiedOnly = (s: string) => [...new Set([...s].filter((c) => !ALSO_STANDARD.has(c) && toTraditional(c) !== c))];

const TICKETS: ['zendesk' | 'freshdesk', string][] = [
  ['zendesk', '101'],
  ['zendesk', '102'],
  ['zendesk', '103'],
  ['freshdesk', '201'],
];

test.each(TICKETS)('English why of %s #%s has no Chinese words', async (host, id) => {
  const page = await open(host, id, { agent: { id: '7', name: 'Agent Lee', locale: 'en' } });
  await ready(page);
  await expandAll(page);
  await page.locator('.cd-why').evaluate((ul) => ((ul.closest('details') as HTMLDetailsElement).open = true));
  const why = await whyOf(page);
  expect(why.length).toBeGreaterThan(10);
  expect(why).not.toMatch(CJK);
});

test.each(TICKETS)('zh-TW why of %s #%s has no simplified-only characters', async (host, id) => {
  const page = await open(host, id, { agent: { id: '7', name: '李', locale: 'zh-TW' } });
  await ready(page);
  await expandAll(page);
  await page.locator('.cd-why').evaluate((ul) => ((ul.closest('details') as HTMLDetailsElement).open = true));
  const why = await whyOf(page);
  expect(why).toMatch(CJK);
  expect(simplifiedOnly(why)).toEqual([]);
  if (id === '101') await shot(page, 'why-zh-TW');
});

describe('after a new policy version changed the rules', () => {
  beforeAll(async () => {
    // Today's rules would classify every ticket differently from what the connector stored: the stored
    // reasons are what explains the stored result, so they must still read in the agent's locale.
    const next = structuredClone(env.policy) as any;
    next.version = `${env.policy.version}-why`;
    next.classification.minCategoryScore = 999;
    delete next.classification.model;
    const r = await env.connector.policyStore.activate(next, 'admin', 'why-test');
    expect(r.ok).toBe(true);
  });

  test.each(TICKETS)('English why of %s #%s still has no Chinese words', async (host, id) => {
    const page = await open(host, id, { agent: { id: '7', name: 'Agent Lee', locale: 'en' } });
    await ready(page);
    await expandAll(page);
    await page.locator('.cd-why').evaluate((ul) => ((ul.closest('details') as HTMLDetailsElement).open = true));
    const why = await whyOf(page);
    expect(why.length).toBeGreaterThan(10);
    expect(why).not.toMatch(CJK);
    if (id === '101') await shot(page, 'why-en-policy-changed');
  });

  test.each(TICKETS)('zh-TW why of %s #%s still has no simplified-only characters', async (host, id) => {
    const page = await open(host, id, { agent: { id: '7', name: '李', locale: 'zh-TW' } });
    await ready(page);
    await expandAll(page);
    await page.locator('.cd-why').evaluate((ul) => ((ul.closest('details') as HTMLDetailsElement).open = true));
    const why = await whyOf(page);
    expect(why).toMatch(CJK);
    expect(simplifiedOnly(why)).toEqual([]);
  });
});
