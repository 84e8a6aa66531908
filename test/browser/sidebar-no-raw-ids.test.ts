/**
 * No raw policy id or model feature key reaches an agent: the whole sidebar (every section opened) in en,
 * zh-CN and zh-TW, and every internal note the connector wrote, are scanned for rule ids, snake_case policy
 * ids and feature keys; the quoted phrases of the "why" must be the customer's own words (not stems or
 * n-gram keys such as "minut" or "0 hour").
 */
import { expandAll, hostChanges, open, ready, ticket, useSidebarEnv } from './sidebar-env';
import { quotesNotFrom, rawIdsIn } from '../support/raw-ids';

const env = useSidebarEnv({ model: true });
const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
const TICKETS: ['zendesk' | 'freshdesk', string][] = [
  ['zendesk', '101'],
  ['zendesk', '102'],
  ['zendesk', '103'],
  ['freshdesk', '201'],
];

describe.each(LOCALES)('sidebar in %s', (locale) => {
  test.each(TICKETS)('%s #%s shows no raw id or feature key', async (host, id) => {
    const page = await open(host, id, { agent: { id: '7', name: 'Agent Lee', locale } });
    await ready(page);
    await expandAll(page);
    await page.locator('.cd-why').evaluate((ul) => ((ul.closest('details') as HTMLDetailsElement).open = true));
    const all = await page.locator('.cd-root').innerText();
    expect(rawIdsIn(env.policy, all)).toEqual([]);
    const why = await page.locator('.cd-why').innerText();
    expect(why.length).toBeGreaterThan(10);
    const t = ticket(host, id);
    expect(quotesNotFrom(why, `${t.subject}\n${t.description}`)).toEqual([]);
    await page.close();
  });
});

test('internal notes name no raw id or feature key', () => {
  const notes = hostChanges()
    .flatMap((c: any) => [c.change?.note?.body])
    .filter((x): x is string => typeof x === 'string');
  expect(notes.length).toBeGreaterThan(0);
  for (const n of notes) expect(rawIdsIn(env.policy, n)).toEqual([]);
});
