/**
 * Evidence in the built sidebar (real Chromium, real connector): the save guard, adding items, the agent's
 * correction, the frozen state and who sees the export (setup: sidebar-env.ts).
 */
import type { Page } from 'playwright-core';
import {
  calls,
  clickAndSettle,
  connectorView,
  open,
  ready,
  SECRET,
  shot,
  useSidebarEnv,
  zendeskAs,
  expandAll,
  downloadText,
} from './sidebar-env';

const env = useSidebarEnv();

describe('evidence and corrections (Zendesk host)', () => {
  test('the save guard blocks the malicious tag without complete evidence', async () => {
    const page = await open('zendesk', '103');
    await ready(page);
    await expandAll(page);
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
    await expandAll(page);
    await page.locator('[data-panel="classification"] details').nth(1).locator('summary').click();
    await page.selectOption('select[name="severity"]', 'L2');
    await clickAndSettle(page, '[data-panel="classification"] form button[type="submit"]');
    const kind = Object.keys(env.policy.evidence.itemKinds)[0];
    await page.selectOption('select[name="kind"]', kind);
    await page.fill('input[name="description"]', 'Order 555 delivery record checked');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-field="evidence-items"] li', { timeout: 10_000 });
    expect(await page.locator('[data-field="evidence-items"]').textContent()).toContain('Order 555 delivery record checked');
    await env.connector.pipeline.idle();
    const view = await connectorView('zendesk', '103');
    expect(view.correction).toMatchObject({ severity: 'L2' });
    expect(view.evidence.items.map((i: { kind: string; description?: string }) => [i.kind, i.description])).toContainEqual([
      kind,
      'Order 555 delivery record checked',
    ]);
    await page.waitForSelector('[data-field="severity"][data-value="L2"]', { timeout: 10_000 });
  });
  test('complete evidence + malicious tag: frozen, no more items; export shown to reviewers only', async () => {
    const at = () => new Date().toISOString();
    const ingest = (eventId: string, event: any) =>
      env.connector.pipeline.ingest({ host: 'zendesk', eventId, ticketId: '104', occurredAt: at(), receivedAt: at(), event });
    for (let i = 1; i <= 5; i++)
      ingest(`c-104-${i}`, {
        kind: 'comment.added',
        comment: { id: `c${i}`, author: 'customer', public: true, body: `message ${i}`, createdAt: at() },
      });
    await env.connector.pipeline.idle();
    const post = (role: string, body: unknown) =>
      fetch(`${env.connector.url}/api/v1/tickets/zendesk/104/evidence`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Complaint-Desk-Key': SECRET,
          'X-Complaint-Desk-Agent': `${role}-1`,
          'X-Complaint-Desk-Role': role,
        },
        body: JSON.stringify(body),
      });
    for (const r of env.policy.evidence.requirements) {
      if (r.type === 'items') expect((await post('agent', { kind: r.kinds[0], description: `for ${r.id}` })).status).toBe(201);
    }
    // The review is recorded from the sidebar: reviewers get "Record review" with a comment, agents don't.
    const reviewer = env.policy.evidence.requirements.find((r) => r.type === 'review')!.role as string;
    const asAgent = await open('zendesk', '104');
    await ready(asAgent);
    await expandAll(asAgent);
    expect(await asAgent.locator('[data-action="record-review"]').count()).toBe(0);
    const asReviewer = await open('zendesk', '104', zendeskAs(reviewer));
    await ready(asReviewer);
    await expandAll(asReviewer);
    await asReviewer.fill('input[name="review-comment"]', 'Checked the order and delivery records');
    await asReviewer.locator('[data-action="record-review"]').click();
    await asReviewer.waitForSelector('[data-field="reviews"] li', { timeout: 10_000 });
    expect(await asReviewer.locator('[data-field="reviews"]').textContent()).toContain(env.policy.remedies.roles[reviewer].label.en);
    expect((await connectorView('zendesk', '104')).evidence.complete).toBe(true);
    ingest('tags-104', {
      kind: 'tags.changed',
      added: [env.policy.evidence.maliciousTag],
      removed: [],
      tags: [env.policy.evidence.maliciousTag],
    });
    await env.connector.pipeline.idle();
    const reviewerRole = env.policy.evidence.requirements.find((r) => r.type === 'review')!.role as string;
    const page = await open('zendesk', '104', zendeskAs(reviewerRole));
    await ready(page);
    await expandAll(page);
    await page.waitForSelector('[data-field="frozen"][data-value="true"]');
    expect(await page.locator('[data-panel="evidence"] form').count()).toBe(0);
    // Frozen: says so (not "record evidence before labelling"), with the full head hash and who reviewed.
    expect(await page.locator('[data-field="frozen-state"]').count()).toBe(1);
    const frozenView = await connectorView('zendesk', '104');
    expect(await page.getAttribute('[data-field="head-hash"]', 'data-value')).toBe(frozenView.evidence.headHash);
    expect(await page.locator('[data-field="reviews"] li').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(1);
    expect(await page.evaluate((t) => (window as any).__zafSave([t]), env.policy.evidence.maliciousTag)).toEqual({ ok: true });
    await shot(page, 'zendesk-evidence-frozen');
    const agentPage = await open('zendesk', '104');
    await ready(agentPage);
    await expandAll(agentPage);
    expect(await agentPage.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(0);
  });
});

/** Clicks Export and returns the downloaded bundle (the file the agent gets) and the head hash the sidebar shows. */
async function exportBundle(page: Page): Promise<{ bundle: any; fileName: string; shown: string | null }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.getByRole('button', { name: /Export evidence bundle/ }).click(),
  ]);
  const bundle = JSON.parse(await downloadText(download));
  await page.waitForSelector('[data-field="export-hash"]', { timeout: 10_000 });
  return { bundle, fileName: download.suggestedFilename(), shown: await page.getAttribute('[data-field="export-hash"]', 'data-value') };
}
const reviewerRole = () => env.policy.evidence.requirements.find((r) => r.type === 'review')!.role as string;

describe('evidence export for reviewers', () => {
  test('Zendesk: a reviewer downloads the bundle through the secure proxy; its headHash is shown', async () => {
    const page = await open('zendesk', '103', zendeskAs(reviewerRole()));
    await ready(page);
    await expandAll(page);
    const { bundle, fileName, shown } = await exportBundle(page);
    const view = await connectorView('zendesk', '103');
    expect(view.evidence.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle).toMatchObject({ host: 'zendesk', ticketId: '103', headHash: view.evidence.headHash });
    expect(bundle.entries.length).toBeGreaterThan(0);
    expect(fileName).toBe('evidence-zendesk-103.json');
    expect(shown).toBe(view.evidence.headHash);
    const req = (await calls(page)).filter((c) => c.kind === 'request' && c.url.endsWith('/api/v1/evidence/zendesk/103'));
    expect(req).toHaveLength(1);
    expect(req[0]).toMatchObject({ type: 'GET', secure: true, headers: { Authorization: 'Bearer {{jwt.token}}' } });
    await shot(page, 'zendesk-evidence-export');
    const agent = await open('zendesk', '103');
    await ready(agent);
    await expandAll(agent);
    expect(await agent.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(0);
  });

  test('Freshdesk: a supervisor mapped by agent_roles exports through the getEvidenceExport template; others see no button', async () => {
    const iparams = { agent_roles: `${reviewerRole()}: lead@helpdesk.example` };
    const page = await open('freshdesk', '202', {
      agent: { id: '41', name: 'Lea', role: 'ignored', locale: 'en' },
      freshdesk: { email: 'Lead@helpdesk.example', iparams },
    });
    await ready(page);
    await expandAll(page);
    await page.waitForSelector('[data-panel="evidence"]');
    const { bundle, shown } = await exportBundle(page);
    const view = await connectorView('freshdesk', '202');
    expect(bundle).toMatchObject({ host: 'freshdesk', ticketId: '202', headHash: view.evidence.headHash });
    expect(shown).toBe(view.evidence.headHash);
    const tpl = (await calls(page)).filter((c) => c.kind === 'invokeTemplate' && c.name === 'getEvidenceExport');
    expect(tpl).toHaveLength(1);
    expect(tpl[0].context).toMatchObject({ ticket_id: '202', agent_role: reviewerRole() });
    await shot(page, 'freshdesk-evidence-export');
    const agent = await open('freshdesk', '202', {
      agent: { id: '42', name: 'Kim', role: 'ignored', locale: 'en' },
      freshdesk: { email: 'kim@helpdesk.example', iparams },
    });
    await ready(agent);
    await expandAll(agent);
    await agent.waitForSelector('[data-panel="evidence"]');
    expect(await agent.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(0);
    // And the connector itself refuses the bundle to that agent's role.
    const denied = await fetch(`${env.connector.url}/api/v1/evidence/freshdesk/202`, {
      headers: { 'X-Complaint-Desk-Key': SECRET, 'X-Complaint-Desk-Agent': 'kim', 'X-Complaint-Desk-Role': 'agent' },
    });
    expect(denied.status).toBe(403);
  });
});
