/**
 * Host status/priority ↔ host-neutral ids (team contract): Zendesk `hold` ↔ on_hold; Freshdesk 2 open, 3 pending,
 * 4 resolved → solved, 5 closed, 6/7 waiting on customer/third party → on_hold; priorities Freshdesk 4/3/2/1.
 */
import type { PriorityId, StatusId } from '../../../policies/src/types';

export function zendeskStatusToId(status: string | null | undefined): StatusId | undefined {
  if (!status) return undefined;
  if (status === 'hold') return 'on_hold';
  return (['new', 'open', 'pending', 'solved', 'closed'] as const).find((s) => s === status);
}

export function idToZendeskStatus(status: StatusId): string {
  return status === 'on_hold' ? 'hold' : status;
}

const FD_STATUS: Record<number, StatusId> = { 2: 'open', 3: 'pending', 4: 'solved', 5: 'closed', 6: 'on_hold', 7: 'on_hold' };

export function freshdeskStatusToId(status: number | null | undefined): StatusId | undefined {
  return status == null ? undefined : FD_STATUS[status];
}

/** `new` has no Freshdesk equivalent and becomes open (2); on_hold uses the account's configured custom status. */
export function idToFreshdeskStatus(status: StatusId, onHoldStatus: number): number {
  const table: Record<StatusId, number> = { new: 2, open: 2, pending: 3, on_hold: onHoldStatus, solved: 4, closed: 5 };
  return table[status];
}

const FD_PRIORITY: Record<PriorityId, number> = { low: 1, normal: 2, high: 3, urgent: 4 };

export function idToFreshdeskPriority(priority: PriorityId): number {
  return FD_PRIORITY[priority];
}

export function freshdeskPriorityToId(priority: number | null | undefined): PriorityId | undefined {
  return (Object.keys(FD_PRIORITY) as PriorityId[]).find((k) => FD_PRIORITY[k] === priority);
}

export function zendeskPriorityToId(priority: string | null | undefined): PriorityId | undefined {
  return (['urgent', 'high', 'normal', 'low'] as const).find((p) => p === priority);
}
