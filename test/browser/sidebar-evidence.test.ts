/**
 * Evidence in the built sidebar (real Chromium, real connector): the save guard, adding items, the agent's
 * correction, the frozen state and who sees the export (setup: sidebar-env.ts).
 */
import { connectorView, open, ready, SECRET, shot, useSidebarEnv } from './sidebar-env';

const env = useSidebarEnv();

describe('evidence and corrections (Zendesk host)', () => {
  test('the save guard blocks the malicious tag without complete evidence', async () => {
    const page = await open('zendesk', '103');
    await ready(page);
    await page.waitForSelector('[data-panel="evidence"]');
    expect(await page.getAttribute('[data-field="evidence-complete"]', 'data-value')).toBe('false');
    const tag = env.policy.evidence.maliciousTag;
    const blocked = await page.evaluate((t) => (window as any).__zafSave([t, 'other']), tag);
    expect(blocked.ok).toBe(false);
    expect(blocked.reason).toContain(tag);
    expect(await page.evaluate(() => (window as any).__zafSave(['other']))).toEqual({ ok: true });
    await shot(page, 'zendesk-evidence');
  });

  test('agent correction and a new evidence item reach the connector and show up', async () => {
    const page = await open('zendesk', '103');
    await ready(page);
    await page.locator('[data-panel="classification"] details').nth(1).locator('summary').click();
    await page.selectOption('select[name="severity"]', 'L2');
    await page.locator('[data-panel="classification"] form button[type="submit"]').click();
    const kind = Object.keys(env.policy.evidence.itemKinds)[0];
    await page.selectOption('select[name="kind"]', kind);
    await page.fill('input[name="description"]', 'Order 555 delivery record checked');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-field="evidence-items"] li', { timeout: 10_000 });
    expect(await page.locator('[data-field="evidence-items"]').textContent()).toContain('Order 555 delivery record checked');
    await env.connector.pipeline.idle();
    const view = await connectorView('zendesk', '103');
    expect(view.correction).toMatchObject({ severity: 'L2' });
    expect(view.evidence.items.map((i: { kind: string; description?: string }) => [i.kind, i.description])).toContainEqual([kind, 'Order 555 delivery record checked']);
    await page.waitForSelector('[data-field="severity"][data-value="L2"]', { timeout: 10_000 });
  });
  test('complete evidence + malicious tag: frozen, no more items; export shown to reviewers only', async () => {
    const at = () => new Date().toISOString();
    const ingest = (eventId: string, event: any) => env.connector.pipeline.ingest({ host: 'zendesk', eventId, ticketId: '104', occurredAt: at(), receivedAt: at(), event });
    for (let i = 1; i <= 5; i++) ingest(`c-104-${i}`, { kind: 'comment.added', comment: { id: `c${i}`, author: 'customer', public: true, body: `message ${i}`, createdAt: at() } });
    await env.connector.pipeline.idle();
    const post = (role: string, body: unknown) => fetch(`${env.connector.url}/api/v1/tickets/zendesk/104/evidence`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': `${role}-1`, 'X-Complaint-Desk-Role': role }, body: JSON.stringify(body) });
    for (const r of env.policy.evidence.requirements) {
      if (r.type === 'items') expect((await post('agent', { kind: r.kinds[0], description: `for ${r.id}` })).status).toBe(201);
      if (r.type === 'review') expect((await post(r.role, { kind: 'review', description: 'reviewed' })).status).toBe(201);
    }
    expect((await connectorView('zendesk', '104')).evidence.complete).toBe(true);
    ingest('tags-104', { kind: 'tags.changed', added: [env.policy.evidence.maliciousTag], removed: [], tags: [env.policy.evidence.maliciousTag] });
    await env.connector.pipeline.idle();
    const reviewerRole = env.policy.evidence.requirements.find((r) => r.type === 'review')!.role as string;
    const page = await open('zendesk', '104', { agent: { id: '9', name: 'Sup', role: reviewerRole, locale: 'en' } });
    await ready(page);
    await page.waitForSelector('[data-field="frozen"][data-value="true"]');
    expect(await page.locator('[data-panel="evidence"] form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(1);
    expect(await page.evaluate((t) => (window as any).__zafSave([t]), env.policy.evidence.maliciousTag)).toEqual({ ok: true });
    await shot(page, 'zendesk-evidence-frozen');
    const agentPage = await open('zendesk', '104');
    await ready(agentPage);
    expect(await agentPage.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(0);
  });
});
