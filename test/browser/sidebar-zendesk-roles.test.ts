/**
 * Zendesk Complaint Desk roles come from the `agent_roles` app setting (client.metadata().settings), not from
 * the Zendesk role (real Chromium, real connector; setup: sidebar-env.ts). The role rides in the JWT claims
 * the ZAF proxy signs, so the connector decides with it.
 */
import { calls, connectorView, open, ready, SECRET, shot, useSidebarEnv, expandAll, downloadText } from './sidebar-env';
import { DEFAULT_ROLE } from '../../apps/sidebar/src/host/agent-roles';

const env = useSidebarEnv();
/** The policy's most senior role (the one whose limits cover every option). */
const topRole = () => Object.entries(env.policy.remedies.roles).sort(([, a], [, b]) => b.rank - a.rank)[0][0];
const reviewerRole = () => env.policy.evidence.requirements.find((r) => r.type === 'review')!.role as string;
const setting = () => `# Complaint Desk roles, senior first\n${topRole()}: 3711\nspecialist: sam@helpdesk.example`;
/** A plain Zendesk agent (Zendesk role "agent") whom the setting lists by user id. */
const listedAgent = () => ({
  agent: { id: '3711', name: 'Lee', locale: 'en' },
  zendesk: { email: 'lee@helpdesk.example', userRole: 'agent', settings: { agent_roles: setting() } },
});
/** A Zendesk admin whom no line lists. */
const unlistedAdmin = (settings = setting()) => ({
  agent: { id: '1', name: 'Boss', locale: 'en' },
  zendesk: { email: 'boss@helpdesk.example', userRole: 'admin', settings: { agent_roles: settings } },
});

const headers = (role: string) => ({
  'Content-Type': 'application/json',
  'X-Complaint-Desk-Key': SECRET,
  'X-Complaint-Desk-Agent': `${role}-api`,
  'X-Complaint-Desk-Role': role,
  'X-Complaint-Desk-Locale': 'en',
});
async function choosePendingAsAgent(id: string): Promise<{ rank: string; approverRole: string }> {
  const r = await fetch(`${env.connector.url}/api/v1/tickets/zendesk/${id}/view`, { headers: headers('agent') });
  const o = (await r.json()).remedies.options.find((x: any) => x.needsApproval && x.approverRole);
  expect(o).toBeTruthy();
  const chosen = await fetch(`${env.connector.url}/api/v1/tickets/zendesk/${id}/remedy`, {
    method: 'POST',
    headers: headers('agent'),
    body: JSON.stringify({ rank: o.rank }),
  });
  expect(chosen.status).toBe(202);
  await env.connector.pipeline.idle();
  expect((await connectorView('zendesk', id)).remedies.chosen.approval).toBe('pending');
  return o;
}
const jwtRoles = async (page: any): Promise<string[]> =>
  (await calls(page)).filter((c) => c.kind === 'request').map((c) => c.jwt?.claims?.role);

test('preconditions from the policy: the top role approves anything and may export evidence', () => {
  const roles = env.policy.remedies.roles;
  expect(roles[reviewerRole()]).toBeTruthy();
  expect(roles[topRole()].rank).toBeGreaterThanOrEqual(roles[reviewerRole()].rank);
  expect(topRole()).not.toBe('agent');
});

test('a Zendesk agent listed in agent_roles as the top role approves a pending remedy (role in the JWT claims)', async () => {
  const o = await choosePendingAsAgent('101');
  expect(env.policy.remedies.roles[topRole()].rank).toBeGreaterThanOrEqual(env.policy.remedies.roles[o.approverRole].rank);
  const page = await open('zendesk', '101', listedAgent());
  await ready(page);
  await expandAll(page);
  await page.waitForSelector('[data-field="approval"][data-value="pending"]', { timeout: 10_000 });
  expect(await page.locator('[data-decision]').count()).toBe(2);
  await page.locator('[data-decision="approved"]').click();
  await page.waitForSelector('[data-field="approval"][data-value="approved"]', { timeout: 10_000 });
  await env.connector.pipeline.idle();
  const chosen = (await connectorView('zendesk', '101')).remedies.chosen;
  expect(chosen).toMatchObject({ approval: 'approved', decidedBy: expect.any(String) });
  const posted = (await calls(page)).filter((c) => c.kind === 'request' && c.url.endsWith('/api/v1/tickets/zendesk/101/remedy-approval'));
  expect(posted).toHaveLength(1);
  expect(posted[0].jwt.claims).toMatchObject({ sub: '3711', role: topRole(), host: 'zendesk' });
  expect(new Set(await jwtRoles(page))).toEqual(new Set([topRole()]));
  expect(await page.locator('[data-warning="settings"]').count()).toBe(0);
  await shot(page, 'zendesk-roles-listed-approves');
});

test('the same listed agent sees and uses the evidence export', async () => {
  const page = await open('zendesk', '103', listedAgent());
  await ready(page);
  await expandAll(page);
  await page.waitForSelector('[data-panel="evidence"]');
  const button = page.getByRole('button', { name: /Export evidence bundle/ });
  expect(await button.count()).toBe(1);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), button.click()]);
  const bundle = JSON.parse(await downloadText(download));
  expect(bundle).toMatchObject({ host: 'zendesk', ticketId: '103', headHash: (await connectorView('zendesk', '103')).evidence.headHash });
  const req = (await calls(page)).filter((c) => c.kind === 'request' && c.url.endsWith('/api/v1/evidence/zendesk/103'));
  expect(req).toHaveLength(1);
  expect(req[0].jwt.claims.role).toBe(topRole());
});

test("an unlisted Zendesk admin names no role, so the connector applies the policy's lowest-ranked one: no Approve, no export", async () => {
  await choosePendingAsAgent('102');
  const page = await open('zendesk', '102', unlistedAdmin());
  await ready(page);
  await expandAll(page);
  await page.waitForSelector('[data-field="approval"][data-value="pending"]', { timeout: 10_000 });
  expect(await page.locator('[data-decision]').count()).toBe(0);
  expect(await page.locator('[data-field="approval-wait"]').count()).toBe(1);
  expect(new Set(await jwtRoles(page))).toEqual(new Set([DEFAULT_ROLE]));
  await shot(page, 'zendesk-roles-unlisted-admin');

  const evidence = await open('zendesk', '103', unlistedAdmin());
  await ready(evidence);
  await expandAll(evidence);
  await evidence.waitForSelector('[data-panel="evidence"]');
  expect(await evidence.getByRole('button', { name: /Export evidence bundle/ }).count()).toBe(0);
  expect(new Set(await jwtRoles(evidence))).toEqual(new Set([DEFAULT_ROLE]));
});

test('an unreadable line is shown to the agent with where and how to fix it; the fallback role applies', async () => {
  const page = await open('zendesk', '102', unlistedAdmin(`${topRole()} boss@helpdesk.example`));
  await ready(page);
  await expandAll(page);
  const banner = page.locator('[data-warning="settings"]');
  await banner.waitFor({ timeout: 10_000 });
  expect(await banner.textContent()).toMatch(/agent_roles entry 1 .*role: email, Zendesk user id/);
  expect(new Set(await jwtRoles(page))).toEqual(new Set([DEFAULT_ROLE]));
});
