/**
 * End to end on a real started connector (sandbox mode) in real Chromium: a safety complaint through the sandbox →
 * the real sidebar (iframe) shows L1 / safety / the senior group; Insert and the save guard talk to the page;
 * fast-forward past the warning → tag and note; admin console: edit policy (L2 respond 240 → 120 min), dry run,
 * a bad edit is refused with its path, activate, a new ticket uses it; the dashboard counts the tickets.
 * Screenshots: test-artifacts/e2e/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, ARTIFACTS, startE2e, type E2e } from './helpers/start-e2e';
import { rawIdsIn } from '../support/raw-ids';

let e: E2e;
beforeAll(async () => {
  e = await startE2e({}, { model: false }); // the rules decide everything checked here
}, 120_000);
afterAll(async () => {
  await e?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const T = { timeout: 20_000 };

async function createComplaint(
  page: Page,
  c: { subject: string; description: string; name: string; email: string; batch?: string },
): Promise<string> {
  await page.goto(`${e.connector.url}/sandbox/new`);
  await page.fill('input[name=requester_name]', c.name);
  await page.fill('input[name=requester_email]', c.email);
  await page.fill('input[name=requester_phone]', '+86 138 0000 0000');
  await page.fill('input[name=channel]', 'phone');
  await page.selectOption('select[name=locale]', 'en');
  await page.fill('input[name=subject]', c.subject);
  await page.fill('textarea[name=description]', c.description);
  await page.fill('input[name=field_product_model]', 'RC-10');
  if (c.batch) await page.fill('input[name=field_product_batch]', c.batch);
  await Promise.all([page.waitForURL(/\/sandbox\/tickets\/\d+/), page.click('[data-testid=create]')]);
  const id = /\/sandbox\/tickets\/(\d+)/.exec(page.url())![1];
  await e.connector.pipeline.idle();
  return id;
}

/** Puts text into the policy editor like a paste (one input event); Playwright's fill types into huge textareas slowly. */
async function setEditor(page: Page, value: unknown): Promise<void> {
  await page.$eval(
    '#policy-text',
    (el, v) => {
      (el as HTMLTextAreaElement).value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    JSON.stringify(value, null, 2),
  );
}

const ticket = (id: string) => e.connector.sandbox!.ticket(id)!;

describe('sandbox + admin console, end to end', () => {
  let safetyId = '';
  let l2Id = '';

  it('a safety complaint: the real sidebar shows L1 / safety / supervisor tier, the ticket gets the senior group; Insert and the save guard work', async () => {
    const policy = e.connector.policyStore.current().policy;
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    safetyId = await createComplaint(page, {
      subject: 'Rice cooker case gives shocks',
      description: '电饭煲插上电以后摸外壳会麻手,怀疑漏电,家里有老人小孩,很害怕。',
      name: 'Wang Fang',
      email: 'wang@example.com',
      batch: 'B-2026-11',
    });
    l2Id = await createComplaint(page, {
      subject: '音箱有杂音',
      description: '音箱蓝牙经常断开,每隔几分钟就要重新连接一次,功能不正常但还能用。',
      name: 'Zhao Lei',
      email: 'zhao@example.com',
    });
    expect(ticket(safetyId).group).toBe(policy.severities.L1.group);
    expect(ticket(safetyId).priority).toBe('urgent');
    await page.goto(`${e.connector.url}/sandbox/tickets/${safetyId}`);
    const side = page.frameLocator('#sidebar');
    await side
      .locator('[data-panel=classification]')
      .filter({ hasText: 'L1' })
      .filter({ hasText: policy.signals.safety.label.en })
      .waitFor(T);
    // Detail sections start collapsed (the first screen is the summary): open them as an agent would; they stay open.
    for (let closed = side.locator('.cd-toggle[aria-expanded="false"]'); (await closed.count()) > 0;) await closed.first().click();
    // The tier the safety rule sets and the senior dispatch group, in the sidebar and on the sandbox ticket itself,
    // where the connector wrote it back (policy: L1 → senior).
    await side.locator('[data-panel=escalation] [data-field=tier][data-value=supervisor]').waitFor(T);
    await side
      .locator(`[data-panel=escalation] [data-field=group][data-value=${policy.severities.L1.group}]`, {
        hasText: policy.groups[policy.severities.L1.group].label.en,
      })
      .waitFor(T);
    await page.locator('[data-testid=ticket-group]', { hasText: policy.groups[policy.severities.L1.group].label.en }).waitFor(T);
    await shot(page, '01-safety-ticket-sidebar');

    await side.locator('[data-panel=scripts] button', { hasText: 'Insert' }).first().click();
    await page.waitForFunction(() => (document.getElementById('reply-body') as HTMLTextAreaElement).value.trim().length > 10, undefined, T);

    const malicious = policy.evidence.maliciousTag;
    await page.fill('#tags-input', `${ticket(safetyId).tags!.join(' ')} ${malicious}`);
    await page.click('#tags-form button[type=submit]');
    await page.locator('[data-testid=guard-message]', { hasText: 'Save blocked' }).waitFor(T);
    expect(ticket(safetyId).tags).not.toContain(malicious);
    await shot(page, '02-save-guard-blocked');
    await page.setViewportSize({ width: 390, height: 844 });
    await side.locator('[data-panel=classification]').waitFor(T);
    await shot(page, '02b-ticket-phone');
    await page.close();
  }, 120_000);

  it('fast-forwarding past the warning adds the warning tag and an internal note', async () => {
    const policy = e.connector.policyStore.current().policy;
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${e.connector.url}/sandbox/tickets/${safetyId}`);
    const notesBefore = ticket(safetyId).comments.filter((c) => !c.public).length;
    const warnHours = (policy.severities.L1.respondWithinMinutes * (policy.sla.warnAtPercent + 5)) / 100 / 60;
    await page.fill('[data-testid=clock-form] input[name=hours]', warnHours.toFixed(2));
    await Promise.all([page.waitForURL(/notice=/), page.click('[data-testid=clock-form] button')]);
    await e.connector.pipeline.idle();
    await page.locator(`[data-tag="${policy.tags.slaWarning}"]`).waitFor(T);
    const after = ticket(safetyId);
    expect(after.tags).toContain(policy.tags.slaWarning);
    expect(after.tags).not.toContain(policy.tags.slaBreached);
    expect(after.comments.filter((c) => !c.public).length).toBeGreaterThan(notesBefore);
    await shot(page, '03-after-fast-forward');
    await page.goto(`${e.connector.url}/sandbox`);
    await shot(page, '04-ticket-list');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '05-ticket-list-phone');
    await page.close();
  }, 120_000);

  it('admin console: dry run lists the changed tickets, a bad edit is refused with its path, activation applies to new tickets', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${e.connector.url}/admin`);
    await page.fill('#token-input', ADMIN_TOKEN);
    await page.click('[data-testid=token-form] button');
    const original = e.connector.policyStore.current().version;
    await page.locator('[data-testid=active-version]', { hasText: original }).waitFor(T);
    await page.waitForFunction(() => (document.getElementById('policy-text') as HTMLTextAreaElement).value.length > 100, undefined, T);
    const candidate = JSON.parse(await page.inputValue('#policy-text'));
    expect(candidate.severities.L2.respondWithinMinutes).toBe(240);
    candidate.severities.L2.respondWithinMinutes = 120;
    candidate.version = `${original}-e2e`;
    await setEditor(page, candidate);
    await page.click('[data-testid=dry-run]');
    await page.locator('[data-testid=dry-summary]', { hasText: 'would change' }).waitFor(T);
    const rows = await page.locator('[data-testid=dry-table] tbody tr').allInnerTexts();
    expect(rows.some((r) => r.includes(`sandbox #${l2Id}`) && r.includes('deadline'))).toBe(true);
    expect(rows.some((r) => r.includes(`sandbox #${safetyId}`))).toBe(false);
    // The diff speaks in the policy's labels: no rule, tier, group, remedy or script id reaches the admin.
    const policy = e.connector.policyStore.current().policy;
    expect(rawIdsIn(policy, rows.join('\n'))).toEqual([]);
    // Nor the sandbox ticket page (conversation with the connector's notes, tags, controls).
    const ticketPage = (await (await fetch(`${e.connector.url}/sandbox/tickets/${safetyId}`)).text()).replace(
      /<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/g,
      ' ',
    );
    expect(ticketPage).toContain('Complaint Desk');
    expect(rawIdsIn(policy, ticketPage)).toEqual([]);
    await shot(page, '06-policy-dry-run');

    const bad = structuredClone(candidate);
    bad.severities.L2.respondWithinMinutes = -5;
    await setEditor(page, bad);
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=activate]');
    await page.locator('[data-testid=problems] li', { hasText: 'severities.L2.respondWithinMinutes' }).waitFor(T);
    await page.locator('[data-testid=admin-status]', { hasText: 'Not activated' }).waitFor(T);
    // The editor numbers its lines and a problem jumps to its line, selecting it.
    const lines = await page.inputValue('[data-testid=policy-text]').then((v) => v.split('\n').length);
    expect(await page.getAttribute('[data-testid=policy-gutter]', 'data-lines')).toBe(String(lines));
    await page.locator('[data-testid=problems] li', { hasText: 'severities.L2.respondWithinMinutes' }).locator('button[data-line]').click();
    const selected = await page.evaluate(() => {
      const a = document.querySelector('[data-testid=policy-text]') as HTMLTextAreaElement;
      return a.value.slice(a.selectionStart, a.selectionEnd);
    });
    expect(selected).toContain('"respondWithinMinutes": -5');
    expect(e.connector.policyStore.current().version).toBe(original);
    await shot(page, '07-policy-bad-edit');

    await setEditor(page, candidate);
    // Activation asks first: dismissing changes nothing, accepting activates.
    page.once('dialog', (d) => {
      expect(d.type()).toBe('confirm');
      void d.dismiss();
    });
    await page.click('[data-testid=activate]');
    await page.locator('[data-testid=admin-status]', { hasText: 'cancelled' }).waitFor(T);
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=activate]');
    await page.locator('[data-testid=active-version]', { hasText: candidate.version }).waitFor(T);
    expect(e.connector.policyStore.current().policy.severities.L2.respondWithinMinutes).toBe(120);
    await page.locator('[data-testid=history] tbody tr').nth(1).waitFor(T);
    await shot(page, '08-policy-activated');

    const sandboxPage = await e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const newId = await createComplaint(sandboxPage, {
      subject: '蓝牙断断续续',
      description: '音箱蓝牙经常断开,每隔几分钟就要重新连接一次,功能不正常但还能用。',
      name: 'Sun Li',
      email: 'sun@example.com',
    });
    const row = e.connector.db
      .prepare("SELECT severity, policy_version AS v FROM tickets WHERE host = 'sandbox' AND id = ?")
      .get(newId) as { severity: string; v: string };
    expect(row).toEqual({ severity: 'L2', v: candidate.version });
    const old = e.connector.db.prepare("SELECT policy_version AS v FROM tickets WHERE host = 'sandbox' AND id = ?").get(l2Id) as {
      v: string;
    };
    expect(old.v).toBe(original);
    // One zone per reader: the list's clock and times are in the policy's zone for agents, and say so.
    await sandboxPage.goto(`${e.connector.url}/sandbox`);
    expect(await sandboxPage.locator('[data-testid=time-zone]').innerText()).toBe('Times in Asia/Shanghai');
    expect(await sandboxPage.locator('[data-testid=clock-now]').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)$/);
    await sandboxPage.close();

    await page.click('[data-tab=dashboard]');
    await page.locator('[data-kpi=Complaints] .v', { hasText: /^3$/ }).waitFor(T);
    await page.locator('#chart-category .uplot').waitFor(T);
    await page.locator('#chart-severity .uplot').waitFor(T);
    const kpis = await page.locator('[data-testid=kpis]').innerText();
    expect(kpis).toContain('CSAT');
    expect(kpis).toContain('no data');
    expect(await page.locator('[data-testid=breached] thead').textContent()).toContain('Due (Asia/Shanghai)');
    await shot(page, '09-dashboard');
    await page.close();
  }, 120_000);
});
