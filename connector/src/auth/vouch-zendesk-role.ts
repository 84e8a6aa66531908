/**
 * The role Zendesk vouches for, for an agent id a sidebar token names. Everything is read with the connector's own
 * API credentials, never taken from the browser, and cached briefly:
 * - who the agent is: GET /api/v2/users/{id}.json (`role` end-user | agent | admin, `active`, `suspended`, `email`);
 * - the app's `agent_roles` setting as the admin saved it in Zendesk (GET /api/v2/apps/installations.json, the
 *   installation whose settings carry `agent_roles`; the same text and matcher the sidebar uses, agent-roles.ts:
 *   `supervisor: lead@acme.example, 12345`, matched by the user's e-mail or user id);
 * - when that setting names no roles at all: group membership (GET /api/v2/users/{id}/group_memberships.json): a
 *   policy role is vouched when the agent is in the Zendesk group of the escalation tier the role escalates to
 *   (`remedies.roles.<role>.escalateTo` → `escalation.tiers.<tier>.group` → `groups.<group>.zendeskGroupId`).
 * The lowest-ranked role needs nothing; being a Zendesk admin grants nothing by itself (as in the sidebar). The
 * result is the claimed role when it ranks at or below the highest vouched role, else that highest vouched role.
 * End users, suspended and unknown users: no role at all (403).
 * (developer.zendesk.com/api-reference/ticketing/users/users, …/groups/group_memberships, …/apps/app_installations)
 */
import { parseRoleMap, resolveRole } from '../../../apps/sidebar/src/host/agent-roles';
import type { Policy } from '../../../policies/src/types';
import type { ZendeskUserLookup } from '../hosts/zendesk/zendesk-user-lookup';

export type Vouched = { ok: true; role: string; by: 'agent_roles' | 'groups' | 'lowest'; name?: string } | { ok: false; reason: string };

export function createZendeskRoleVoucher(lookup: ZendeskUserLookup, getPolicy: () => Policy, now: () => number, ttlMs = 5 * 60_000) {
  const users = new Map<string, { at: number; user: Awaited<ReturnType<ZendeskUserLookup['user']>>; groups: number[] | null }>();
  let setting: { at: number; text: string | null } | null = null;
  async function roleSetting(): Promise<string | null> {
    if (!setting || now() - setting.at >= ttlMs) setting = { at: now(), text: await lookup.agentRolesSetting() };
    return setting.text;
  }
  async function userFacts(id: string, needGroups: boolean) {
    let hit = users.get(id);
    if (!hit || now() - hit.at >= ttlMs) {
      hit = { at: now(), user: await lookup.user(id), groups: null };
      users.set(id, hit);
      if (users.size > 1000) users.delete(users.keys().next().value as string);
    }
    if (needGroups && hit.groups === null && hit.user && hit.user.role !== 'end-user') hit.groups = await lookup.groupIds(id);
    return hit;
  }
  return async function vouch(agentId: string, claimedRole: string): Promise<Vouched> {
    if (!/^\d{1,20}$/.test(agentId))
      return { ok: false, reason: `the token's agent id "${agentId.slice(0, 40)}" is not a Zendesk user id` };
    const map = parseRoleMap(await roleSetting());
    const bySetting = map.rules.length > 0;
    const { user, groups } = await userFacts(agentId, !bySetting);
    if (!user) return { ok: false, reason: `Zendesk has no user ${agentId}` };
    if (user.role === 'end-user' || !user.active || user.suspended)
      return { ok: false, reason: `Zendesk user ${agentId} is not an active agent` };
    const policy = getPolicy();
    const roles = Object.entries(policy.remedies.roles).sort((a, b) => a[1].rank - b[1].rank);
    const rank = (name: string) => policy.remedies.roles[name]?.rank;
    let top: { name: string; by: 'agent_roles' | 'groups' | 'lowest' } = { name: roles[0]?.[0] ?? claimedRole, by: 'lowest' };
    if (bySetting) {
      const r = resolveRole(map, { email: user.email ?? null, ids: [agentId] }, '').role;
      if (r && rank(r) !== undefined && rank(r)! > (rank(top.name) ?? 0)) top = { name: r, by: 'agent_roles' };
    } else {
      for (const [name, r] of roles) {
        const groupKey = policy.escalation.tiers[r.escalateTo as keyof typeof policy.escalation.tiers]?.group;
        const gid = groupKey ? policy.groups[groupKey]?.zendeskGroupId : null;
        if (gid != null && (groups ?? []).includes(gid) && r.rank > (rank(top.name) ?? 0)) top = { name, by: 'groups' };
      }
    }
    const claimed = rank(claimedRole);
    const name = user.name ? { name: user.name } : {};
    // The claimed role when the vouched one ranks at or above it; otherwise the vouched one.
    return claimed !== undefined && claimed <= (rank(top.name) ?? 0)
      ? { ok: true, role: claimedRole, by: top.by, ...name }
      : { ok: true, role: top.name, by: top.by, ...name };
  };
}

export type ZendeskRoleVoucher = ReturnType<typeof createZendeskRoleVoucher>;
