/** SLA timeline of a projection and the warning/breach timers that follow from its SLA state. */
import { slaState } from '../../../policies/src/engine';
import type { SlaClock, Policy, SeverityId, SlaState, SlaTimeline } from '../../../policies/src/types';
import type { TicketProjection } from './ticket-projection';
import type { TimerPlan } from './decision';

export const SLA_TIMER_KINDS = ['sla_warning', 'sla_breach'] as const;

export function projectionTimeline(p: TicketProjection): SlaTimeline {
  return {
    createdAt: p.createdAt,
    severity: p.severity as SeverityId,
    channel: p.channel ?? undefined,
    firstAgentReplyAt: p.firstAgentReplyAt,
    statusChanges: p.statusHistory,
  };
}

export function slaOf(p: TicketProjection, policy: Policy, now: number): SlaState {
  return slaState(projectionTimeline(p), policy, now);
}

export function clocksOf(s: SlaState): SlaClock[] {
  return [s.acknowledge, s.respond, s.resolve].filter((c): c is SlaClock => !!c);
}

/** Next warning and breach instants of every running clock (paused/met clocks have none). */
export function slaTimerPlans(s: SlaState, now: number): TimerPlan[] {
  const plans: TimerPlan[] = [];
  for (const c of clocksOf(s)) {
    if (c.state === 'met' || c.state === 'paused' || c.state === 'breached') continue;
    const warnAt = c.warnAt ? Date.parse(c.warnAt) : NaN;
    const dueAt = c.dueAt ? Date.parse(c.dueAt) : NaN;
    if (c.state === 'ok' && warnAt > now) plans.push({ kind: 'sla_warning', dueAt: warnAt, data: { clock: c.id } });
    if (dueAt > now) plans.push({ kind: 'sla_breach', dueAt, data: { clock: c.id } });
  }
  return plans;
}

/** Timer plans for a projection: none once the ticket is solved/closed. */
export function slaTimersFor(p: TicketProjection, policy: Policy, now: number) {
  return { cancel: [...SLA_TIMER_KINDS], plans: slaTimerPlans(slaOf(p, policy, now), now) };
}
