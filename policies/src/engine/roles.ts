/**
 * Agent roles are policy data (`remedies.roles`): names, ranks, limits and the escalation tier an approval
 * goes to. Nothing here knows a role by name. Pure.
 */
import type { Policy, TierId } from '../types';

/** Role names from lowest to highest rank. */
export function rolesByRank(policy: Policy): string[] {
  return Object.entries(policy.remedies.roles).sort((a, b) => a[1].rank - b[1].rank).map(([name]) => name);
}

/** The least-privileged role: what an agent whose role is unknown is treated as. */
export function lowestRole(policy: Policy): string {
  return rolesByRank(policy)[0];
}

/** The role that must decide when no role's limits cover an option: the highest-ranked one. */
export function highestRole(policy: Policy): string {
  const ranked = rolesByRank(policy);
  return ranked[ranked.length - 1];
}

/** The tier (and its group) a ticket escalates to while a remedy waits for `role`'s approval (`remedies.roles.*.escalateTo`). */
export function approvalTier(policy: Policy, role: string | null): TierId {
  const name = role && Object.hasOwn(policy.remedies.roles, role) ? role : highestRole(policy);
  return policy.remedies.roles[name].escalateTo;
}
