/**
 * Keyboard access to the built sidebar (real Chromium, real connector; setup: sidebar-env.ts): every control
 * is reachable with Tab in document order, each has an accessible name, focus is visible, and the main
 * actions work from the keyboard alone.
 */
import type { Page } from 'playwright-core';
import { calls, open, ready, useSidebarEnv, expandAll } from './sidebar-env';

useSidebarEnv();

interface Focused {
  tag: string;
  name: string;
  outline: string;
  boxShadow: string;
  id: number;
}

/** Tabs through the page once, from the top, and returns what received focus, in order. */
async function tabOrder(page: Page, max = 200): Promise<Focused[]> {
  await page.evaluate(() => {
    document
      .querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')
      .forEach((el, i) => el.setAttribute('data-kb-id', String(i)));
    (document.activeElement as HTMLElement | null)?.blur();
  });
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const label =
        el.getAttribute('aria-label') ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
        el.closest('label')?.textContent ||
        el.textContent ||
        el.getAttribute('title') ||
        el.getAttribute('placeholder') ||
        '';
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        name: label.trim(),
        outline: style.outlineStyle === 'none' ? '' : `${style.outlineStyle} ${style.outlineWidth}`,
        boxShadow: style.boxShadow === 'none' ? '' : style.boxShadow,
        id: Number(el.getAttribute('data-kb-id')),
      };
    });
    if (!f || (seen.length > 0 && f.id === seen[0].id)) break;
    seen.push(f);
  }
  return seen;
}

test('every control is reachable with Tab, named, in document order, with a visible focus indicator', async () => {
  const page = await open('zendesk', '101');
  await ready(page); // sections as they open by default: their toggles are controls too
  // Controls a person can see: not hidden, and not inside a closed <details> (its <summary> excepted).
  const focusable = await page.evaluate(
    () =>
      [
        ...document.querySelectorAll(
          'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary',
        ),
      ]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .filter((el) => {
          const d = el.parentElement?.closest('details');
          return !d || d.open || (el.matches('details > summary') && el.parentElement === d);
        }).length,
  );
  expect(focusable).toBeGreaterThan(5);
  const order = await tabOrder(page);
  expect(order.length).toBe(focusable);
  // Document order: Tab never jumps backwards (no positive tabindex reshuffling the panel).
  for (let i = 1; i < order.length; i++) expect(order[i].id).toBeGreaterThan(order[i - 1].id);
  for (const f of order) {
    expect({ tag: f.tag, named: f.name.length > 0 }).toEqual({ tag: f.tag, named: true });
    expect({ tag: f.tag, name: f.name, focusVisible: f.outline !== '' || f.boxShadow !== '' }).toEqual({
      tag: f.tag,
      name: f.name,
      focusVisible: true,
    });
  }
});

test('a disclosure opens with Enter and its controls join the Tab order', async () => {
  const page = await open('zendesk', '101');
  await ready(page);
  // The classification section opens from the keyboard too (its toggle is a button).
  await page.locator('[data-panel="classification"] .cd-toggle').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-panel="classification"][data-open="true"]');
  const before = await tabOrder(page);
  const correct = page.locator('[data-panel="classification"] details').nth(1).locator('summary');
  await correct.focus();
  await page.keyboard.press('Enter');
  const after = await tabOrder(page);
  const added = after.filter((a) => !before.some((b) => b.id === a.id)).map((a) => a.tag);
  // category, severity, the clear-safety checkbox (this ticket has the safety signal), the reason, save
  expect(added).toEqual(['select', 'select', 'input', 'input', 'button']);
});

test('Insert and choosing a remedy work from the keyboard alone', async () => {
  const page = await open('zendesk', '101');
  await ready(page);
  await expandAll(page);
  const insert = page.locator('.cd-scripts li').first().getByRole('button');
  const text = await page.locator('.cd-scripts li').first().locator('.cd-script-text').textContent();
  await insert.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.cd-scripts [role="status"]');
  const inserts = (await calls(page)).filter((c) => c.kind === 'invoke' && c.name === 'ticket.editor.insert');
  expect(inserts.map((c) => c.args[0])).toEqual([text]);

  await page.locator('[data-rank="first"] button').focus();
  await page.keyboard.press('Space');
  await page.waitForSelector('[data-field="approval"]', { timeout: 10_000 });
  const remedyCalls = (await calls(page)).filter((c) => c.kind === 'request' && c.type === 'POST' && /\/remedy$/.test(c.url));
  expect(remedyCalls).toHaveLength(1);
});
