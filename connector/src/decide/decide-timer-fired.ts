/**
 * timer.fired → sla_warning: note + warning tag + warning escalation rules; sla_breach: note + breach
 * tag + escalation actions; follow_up: a follow-up task on the host. Stale timers are ignored. Pure.
 */
import { renderNote } from '../../../policies/src/engine';
import type { Locale, Policy } from '../../../policies/src/types';
import type { TicketChange } from '../hosts/host-client';
import type { TicketProjection } from './ticket-projection';
import { followUpTicket } from './follow-up-ticket';
import { applyTags, compactChange, emptyDecision, joinNotes, type Decision } from './decision';
import { escalate, withEscalation } from './escalate';
import { clockLabel, formatDeadline } from './labels';
import { templateVars } from './template-vars';
import { clocksOf, slaOf, slaTimerPlans, SLA_TIMER_KINDS } from './sla-timers';
import { ticketLocale } from './ticket-locale';

export interface TimerFacts {
  requesterComplaints: (days: number) => number;
}

/** Timers fire within this tolerance of the clock's own instant (minute precision). */
const SAME_INSTANT_MS = 60_000;

export function decideTimerFired(
  p: TicketProjection | null,
  timer: string,
  dueAt: string,
  policy: Policy,
  now: number,
  facts: TimerFacts,
): Decision {
  const nowIso = new Date(now).toISOString();
  const evidence = [{ type: 'event' as const, at: nowIso, data: { kind: 'timer.fired', timer, dueAt } }];
  const stale = (why: string): Decision => ({
    ...emptyDecision(),
    evidence: p ? evidence : [],
    records: [{ kind: 'timer_ignored', data: { timer, dueAt, why } }],
  });
  if (!p) return stale('unknown ticket');
  const locale: Locale = ticketLocale({ ...p.snapshot, subject: p.subject }, policy);
  if (timer === 'follow_up') {
    if (p.status !== 'solved' && p.status !== 'closed') return stale(`ticket is ${p.status}`);
    return { ...emptyDecision(p), evidence, creates: [followUpTicket(p, policy, now)], records: [{ kind: 'follow_up_created', data: {} }] };
  }
  if (timer !== 'sla_warning' && timer !== 'sla_breach') return stale('unknown timer kind');
  const sla = slaOf(p, policy, now);
  const due = Date.parse(dueAt);
  const want = timer === 'sla_warning' ? 'warning' : 'breached';
  const clock = clocksOf(sla).find(
    (c) => c.state === want && Math.abs(Date.parse((want === 'warning' ? c.warnAt : c.dueAt) ?? '') - due) < SAME_INSTANT_MS,
  );
  if (!clock) return stale('clock moved or ticket changed');
  const step = escalate(
    p,
    { sla, requesterComplaints: facts.requesterComplaints, requesterTags: p.snapshot.requester?.tags ?? [] },
    policy,
    nowIso,
    locale,
  );
  let next = withEscalation({ ...p, updatedAt: nowIso }, step);
  const vars = {
    ...templateVars(next, policy, { locale, now }),
    rule: clockLabel(policy, clock.id, locale),
    deadline: formatDeadline(policy, p.severity, clock.dueAt),
    percent: policy.sla.warnAtPercent,
  };
  const note = renderNote(policy, timer, locale, vars);
  const addTags = [timer === 'sla_warning' ? policy.tags.slaWarning : policy.tags.slaBreached, ...step.addTags];
  const change: TicketChange = {
    addTags,
    removeTags: step.removeTags,
    priority: step.priority ?? undefined,
    group: step.group ?? undefined,
    note: joinNotes([note, ...step.notes]),
  };
  next = { ...next, tags: applyTags(next.tags, addTags, step.removeTags) };
  return {
    ...emptyDecision(next),
    evidence,
    change: compactChange(change),
    timers: { cancel: [...SLA_TIMER_KINDS], plans: slaTimerPlans(sla, now) },
    records: [
      { kind: timer, data: { clock: clock.id, dueAt } },
      ...step.hits.map((h) => ({ kind: 'escalated', data: { ruleId: h.ruleId, tier: h.tier, reason: h.reason } })),
    ],
  };
}
