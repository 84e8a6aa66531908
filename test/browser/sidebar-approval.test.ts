/**
 * Remedy approval in the built sidebar (real Chromium, real connector; setup: sidebar-env.ts). Contract:
 * `POST /api/v1/tickets/:host/:id/remedy-approval {decision, comment?}` → 202 for a role whose limits cover
 * the chosen option, else 403 with a message; `view.remedies.chosen.approval` ∈ not_needed|pending|approved|declined
 * with `decidedBy`, `decidedAt`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { calls, clickAndSettle, connectorView, open, ready, SECRET, shot, useSidebarEnv, zendeskAs, expandAll } from './sidebar-env';

const env = useSidebarEnv();
const SUP = zendeskAs('supervisor');
const FD_ROLES = 'supervisor: 48000012345\nspecialist: sam@helpdesk.example';

const headers = (role: string) => ({
  'Content-Type': 'application/json',
  'X-Complaint-Desk-Key': SECRET,
  'X-Complaint-Desk-Agent': `${role}-api`,
  'X-Complaint-Desk-Role': role,
  'X-Complaint-Desk-Locale': 'en',
});
async function viewAs(host: string, id: string, role: string): Promise<any> {
  const r = await fetch(`${env.connector.url}/api/v1/tickets/${host}/${id}/view`, { headers: headers(role) });
  expect(r.status).toBe(200);
  return r.json();
}
/** The first option the lowest-ranked role may not grant alone, as the connector computes it for that role. */
async function optionAboveAgent(host: string, id: string): Promise<{ rank: string; approverRole: string }> {
  const o = (await viewAs(host, id, 'agent')).remedies.options.find((x: any) => x.needsApproval && x.approverRole);
  expect(o).toBeTruthy();
  return o;
}
async function chooseAsAgent(host: string, id: string, rank: string): Promise<void> {
  const r = await fetch(`${env.connector.url}/api/v1/tickets/${host}/${id}/remedy`, {
    method: 'POST',
    headers: headers('agent'),
    body: JSON.stringify({ rank }),
  });
  expect(r.status).toBe(202);
  await env.connector.pipeline.idle();
}
const approval = (page: Page, state: string) => page.waitForSelector(`[data-field="approval"][data-value="${state}"]`, { timeout: 10_000 });

describe('Zendesk', () => {
  test('an agent chooses an option above their limits: pending, waiting for the approver role, no Approve', async () => {
    const o = await optionAboveAgent('zendesk', '101');
    const page = await open('zendesk', '101');
    await ready(page);
    await expandAll(page);
    await clickAndSettle(page, `[data-rank="${o.rank}"] button`);
    await env.connector.pipeline.idle();
    await approval(page, 'pending');
    expect(await page.getAttribute('[data-field="approval-wait"]', 'data-value')).toBe(o.approverRole);
    expect(await page.locator('[data-field="approval-wait"]').textContent()).toContain(env.policy.remedies.roles[o.approverRole].label.en);
    expect(await page.locator('[data-decision]').count()).toBe(0);
    await shot(page, 'zendesk-approval-pending');
  });

  test('a supervisor approves with a comment: the decision reaches the connector and shows who decided', async () => {
    const page = await open('zendesk', '101', SUP);
    await ready(page);
    await expandAll(page);
    await approval(page, 'pending');
    await page.fill('input[name="approval-comment"]', 'ok, safety case');
    await clickAndSettle(page, '[data-decision="approved"]');
    await env.connector.pipeline.idle();
    const posted = (await calls(page)).filter((c) => c.kind === 'request' && c.url.endsWith('/api/v1/tickets/zendesk/101/remedy-approval'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      type: 'POST',
      secure: true,
      data: JSON.stringify({ decision: 'approved', comment: 'ok, safety case' }),
    });
    await approval(page, 'approved');
    const chosen = (await connectorView('zendesk', '101')).remedies.chosen;
    expect(chosen).toMatchObject({ approval: 'approved', decidedBy: expect.any(String), decidedAt: expect.any(String) });
    expect(await page.locator('[data-field="decided"]').textContent()).toContain(chosen.decidedBy);
    expect(await page.locator('[data-decision]').count()).toBe(0);
    await shot(page, 'zendesk-approval-approved');
  });
});

describe('Freshdesk (roles from the agent_roles iparam)', () => {
  test('a specialist below the approver waits; a supervisor (by Freshdesk role id) declines', async () => {
    const o = await optionAboveAgent('freshdesk', '201');
    await chooseAsAgent('freshdesk', '201', o.rank);
    const specialist = await open('freshdesk', '201', {
      agent: { id: '31', name: 'Sam', role: 'ignored', locale: 'en' },
      freshdesk: { email: 'sam@helpdesk.example', iparams: { agent_roles: FD_ROLES } },
    });
    await ready(specialist);
    await expandAll(specialist);
    await approval(specialist, 'pending');
    const specialistCovers = !(await viewAs('freshdesk', '201', 'specialist')).remedies.options.find((x: any) => x.rank === o.rank)
      .needsApproval;
    expect(await specialist.locator('[data-decision]').count()).toBe(specialistCovers ? 2 : 0);
    const ctx = (await calls(specialist)).find((c) => c.kind === 'invokeTemplate' && c.name === 'getView').context;
    expect(ctx.agent_role).toBe('specialist');

    const sup = await open('freshdesk', '201', {
      agent: { id: '32', name: 'Lin', role: 'ignored', locale: 'en' },
      freshdesk: { roleIds: [48000012345], iparams: { agent_roles: FD_ROLES } },
    });
    await ready(sup);
    await expandAll(sup);
    await approval(sup, 'pending');
    await clickAndSettle(sup, '[data-decision="declined"]');
    await env.connector.pipeline.idle();
    const posted = (await calls(sup)).filter((c) => c.kind === 'invokeTemplate' && c.name === 'postRemedyApproval');
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0].body)).toEqual({ decision: 'declined' });
    expect(posted[0].context.agent_role).toBe('supervisor');
    await approval(sup, 'declined');
    expect((await connectorView('freshdesk', '201')).remedies.chosen.approval).toBe('declined');
    await shot(sup, 'freshdesk-approval-declined');
  });
});

test('the connector refuses (403) when the policy changed under the approver: its message is shown', async () => {
  const o = await optionAboveAgent('zendesk', '102');
  await chooseAsAgent('zendesk', '102', o.rank);
  const page = await open('zendesk', '102', SUP);
  await ready(page);
  await expandAll(page);
  await approval(page, 'pending');
  expect(await page.locator('[data-decision="approved"]').count()).toBe(1);
  const original = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../policies/default.json'), 'utf8'));
  // The admin lowers every role's limits to nothing while the supervisor has the sidebar open.
  const strict = structuredClone(original);
  strict.version = `${original.version}-strict`;
  for (const r of Object.values(strict.remedies.roles) as any[]) {
    r.maxAmount = 0;
    r.maxPercent = 0;
  }
  expect(env.connector.policyStore.activate(strict, 'admin', 'browser-test')).toMatchObject({ ok: true });
  try {
    const direct = await fetch(`${env.connector.url}/api/v1/tickets/zendesk/102/remedy-approval`, {
      method: 'POST',
      headers: headers('supervisor'),
      body: JSON.stringify({ decision: 'approved' }),
    });
    expect(direct.status).toBe(403);
    const message = (await direct.json()).error.message as string;
    expect(message).toBeTruthy();
    await page.locator('[data-decision="approved"]').click();
    const alert = page.locator('.cd-banner.cd-error');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain(message);
    expect(await alert.textContent()).toContain('HTTP 403');
    expect((await connectorView('zendesk', '102')).remedies.chosen.approval).toBe('pending');
    // Reloaded under the new policy: no role covers the option any more, so nobody is offered Approve.
    await page.waitForSelector('[data-field="approval-wait"][data-value=""]', { timeout: 10_000 });
    expect(await page.locator('[data-decision]').count()).toBe(0);
    await shot(page, 'zendesk-approval-refused');
  } finally {
    expect(env.connector.policyStore.activate(original, 'admin', 'browser-test')).toMatchObject({ ok: true });
  }
});
