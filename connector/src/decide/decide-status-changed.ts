/**
 * status.changed → status history (pending/on-hold pause the resolve clock), SLA timers rescheduled;
 * solved schedules the follow-up; reopening cancels it. Pure.
 */
import type { Policy, StatusId } from '../../../policies/src/types';
import { followUpDueAt } from './follow-up-due';
import type { TicketProjection } from './ticket-projection';
import { emptyDecision, type Decision } from './decision';
import { slaTimersFor } from './sla-timers';

export function decideStatusChanged(
  p: TicketProjection | null,
  status: StatusId,
  policy: Policy,
  now: number,
  occurredAt?: string,
): Decision {
  const nowIso = new Date(now).toISOString();
  const at = occurredAt ?? nowIso;
  const evidence = [{ type: 'event' as const, at, data: { kind: 'status.changed', status, previous: p?.status ?? null } }];
  if (!p) return { ...emptyDecision(), evidence, records: [{ kind: 'unknown_ticket', data: { event: 'status.changed' } }] };
  if (p.status === status) return { ...emptyDecision(), evidence };
  const next: TicketProjection = { ...p, status, statusHistory: [...p.statusHistory, { at, status }], updatedAt: nowIso };
  const sla = slaTimersFor(next, policy, now);
  const d: Decision = { ...emptyDecision(next), evidence, timers: sla };
  const wasSolved = p.status === 'solved' || p.status === 'closed';
  if (status === 'solved') {
    const dueAt = followUpDueAt(policy, p.severity, Date.parse(at));
    d.timers = { cancel: [...sla.cancel, 'follow_up'], plans: [...sla.plans, { kind: 'follow_up', dueAt, data: {} }] };
    d.records.push({ kind: 'follow_up_scheduled', data: { dueAt: new Date(dueAt).toISOString() } });
  } else if (wasSolved && status !== 'closed') {
    d.timers = { cancel: [...sla.cancel, 'follow_up'], plans: sla.plans };
    d.records.push({ kind: 'follow_up_cancelled', data: { reopenedAs: status } });
  }
  d.records.push({ kind: 'status', data: { from: p.status, to: status } });
  return d;
}
