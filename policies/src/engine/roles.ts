/**
 * Agent roles are policy data (`remedies.roles`): names, ranks, limits and the escalation tier an approval
 * goes to. Nothing here knows a role by name. Pure.
 */
import type { Policy, TierId } from '../types';

/** Role names from lowest to highest rank. */
export function rolesByRank(policy: Policy): string[] {
  return Object.entries(policy.remedies.roles)
    .sort((a, b) => a[1].rank - b[1].rank)
    .map(([name]) => name);
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

/** A role's rank, or null when the policy does not define the role. */
export function rankOf(policy: Policy, role: string | null | undefined): number | null {
  return role && Object.hasOwn(policy.remedies.roles, role) ? policy.remedies.roles[role].rank : null;
}

/** The lowest-ranked role the evidence review requirement accepts (`evidence.requirements[type=review]`); null = none. */
export function reviewRank(policy: Policy): { role: string; rank: number } | null {
  let best: { role: string; rank: number } | null = null;
  for (const r of policy.evidence.requirements) {
    if (r.type !== 'review') continue;
    const rank = rankOf(policy, r.role);
    if (rank !== null && (!best || rank < best.rank)) best = { role: r.role, rank };
  }
  return best;
}

/** Whether `role` ranks at or above the evidence review role: may record a review and export the evidence bundle. */
export function isEvidenceReviewer(policy: Policy, role: string | null | undefined): boolean {
  const need = reviewRank(policy);
  const rank = rankOf(policy, role);
  return need !== null && rank !== null && rank >= need.rank;
}
