/** Pure: the policy's group ids and custom-field ids that the account does not have, as problem lines. */
import type { Policy } from '../../../../policies/src/types';

export function missingIds(policy: Policy, host: 'zendesk' | 'freshdesk', groupIds: Set<string>, fieldIds: Set<string>): string[] {
  const problems: string[] = [];
  const groupKey = host === 'zendesk' ? 'zendeskGroupId' : 'freshdeskGroupId';
  for (const [key, g] of Object.entries(policy.groups)) {
    const id = g[groupKey];
    if (id != null && !groupIds.has(String(id)))
      problems.push(
        `groups.${key}.${groupKey}: ${id} is not a group of this account (fix: use one of ${[...groupIds].slice(0, 10).join(', ') || 'no groups found'}, or null to leave the group alone)`,
      );
  }
  for (const [key, id] of Object.entries(policy.hostFields[host])) {
    if (!fieldIds.has(String(id)))
      problems.push(
        `hostFields.${host}.${key}: ${id} is not a ticket field of this account (fix: create the field or correct the ${host === 'zendesk' ? 'field id' : 'cf_ name'})`,
      );
  }
  return problems;
}
