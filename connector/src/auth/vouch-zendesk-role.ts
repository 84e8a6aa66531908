/**
 * The role Zendesk vouches for, for an agent id a sidebar token names: the agent is looked up with the connector's
 * own API credentials (GET /api/v2/users/{id}.json and /api/v2/users/{id}/group_memberships.json,
 * developer.zendesk.com/api-reference/ticketing/users/users and .../group_memberships), cached briefly. A policy
 * role (remedies.roles) is vouched when the agent is a member of the Zendesk group of the escalation tier that role
 * escalates to (`escalateTo` → escalation.tiers.*.group → groups.*.zendeskGroupId); Zendesk admins are vouched for
 * every role; the lowest-ranked role needs no group. The result is the claimed role when it ranks at or below the
 * highest vouched role, else that highest vouched role. Not an agent (end-user), suspended or unknown: no role at all.
 */
import type { Policy } from '../../../policies/src/types';

export interface ZendeskUserLookup {
  user(id: string): Promise<{ role: string; active: boolean; suspended: boolean } | null>;
  groupIds(id: string): Promise<number[]>;
}

export type Vouched = { ok: true; role: string } | { ok: false; reason: string };

export function createZendeskRoleVoucher(lookup: ZendeskUserLookup, getPolicy: () => Policy, now: () => number, ttlMs = 5 * 60_000) {
  const cache = new Map<string, { at: number; user: Awaited<ReturnType<ZendeskUserLookup['user']>>; groups: number[] }>();
  async function facts(id: string) {
    const hit = cache.get(id);
    if (hit && now() - hit.at < ttlMs) return hit;
    const user = await lookup.user(id);
    const groups = user && user.role !== 'end-user' ? await lookup.groupIds(id) : [];
    const entry = { at: now(), user, groups };
    cache.set(id, entry);
    if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
    return entry;
  }
  return async function vouch(agentId: string, claimedRole: string): Promise<Vouched> {
    if (!/^\d{1,20}$/.test(agentId)) return { ok: false, reason: `the token's agent id "${agentId.slice(0, 40)}" is not a Zendesk user id` };
    const { user, groups } = await facts(agentId);
    if (!user) return { ok: false, reason: `Zendesk has no user ${agentId}` };
    if (user.role === 'end-user' || !user.active || user.suspended) return { ok: false, reason: `Zendesk user ${agentId} is not an active agent` };
    const policy = getPolicy();
    const roles = Object.entries(policy.remedies.roles).sort((a, b) => a[1].rank - b[1].rank);
    const lowest = roles[0]?.[0];
    const vouchedFor = (name: string, r: (typeof roles)[number][1]): boolean => {
      if (user.role === 'admin' || name === lowest) return true;
      const groupKey = policy.escalation.tiers[r.escalateTo as keyof typeof policy.escalation.tiers]?.group;
      const gid = groupKey ? policy.groups[groupKey]?.zendeskGroupId : null;
      return gid != null && groups.includes(gid);
    };
    const top = roles.filter(([name, r]) => vouchedFor(name, r)).pop();
    if (!top) return { ok: false, reason: 'no policy role' };
    const claimed = roles.find(([name]) => name === claimedRole);
    // The claimed role when Zendesk vouches for it or for a higher-ranked one; otherwise the highest it vouches for.
    const best = claimed && claimed[1].rank <= top[1].rank ? claimed : top;
    return best ? { ok: true, role: best[0] } : { ok: false, reason: 'no policy role' };
  };
}

export type ZendeskRoleVoucher = ReturnType<typeof createZendeskRoleVoucher>;
