/**
 * Sidebar actions: remedy chosen / decided (decide-remedy.ts), remedy rejected (counted; the remedy_rejected
 * rule fires via escalations), correction (re-tag, new severity's priority, group and clocks). Pure.
 */
import { renderTemplate } from '../../../policies/src/engine';
import type { Locale, Policy, SeverityId } from '../../../policies/src/types';
import { checkDowngrade } from './check-downgrade';
import type { TicketChange } from '../hosts/host-client';
import type { TicketProjection } from './ticket-projection';
import type { AgentAction } from './agent-action';
import { applyTags, compactChange, emptyDecision, joinNotes, type Decision } from './decision';
import { decideRemedyChosen, decideRemedyDecision } from './decide-remedy';
import { escalate, withEscalation } from './escalate';
import { slaOf, slaTimersFor } from './sla-timers';
import { ticketLocale } from './ticket-locale';

export interface ActionFacts {
  requesterComplaints: (days: number) => number;
}

export function decideAgentAction(p: TicketProjection | null, a: AgentAction, policy: Policy, now: number, facts: ActionFacts): Decision {
  const nowIso = new Date(now).toISOString();
  const evidence = [{ type: 'action' as const, at: nowIso, by: a.agent.id, data: { ...a, agent: { id: a.agent.id, role: a.agent.role } } }];
  if (!p) return { ...emptyDecision(), records: [{ kind: 'unknown_ticket', data: { event: a.kind } }] };
  const locale: Locale = ticketLocale({ ...p.snapshot, subject: p.subject }, policy);
  let next: TicketProjection = { ...p, updatedAt: nowIso };
  const d: Decision = { ...emptyDecision(next), evidence };

  if (a.kind === 'agent.remedy') return decideRemedyChosen(p, a, policy, now, d);
  if (a.kind === 'agent.remedy_decision') return decideRemedyDecision(p, a, policy, now, d);
  if (a.kind === 'agent.remedy_rejected') {
    next = { ...next, remedy: { ...p.remedy, rejections: p.remedy.rejections + 1 } };
    const extra = { requesterComplaints: facts.requesterComplaints, requesterTags: p.snapshot.requester?.tags ?? [] };
    const step = escalate(
      next,
      { ...extra, sla: slaOf(next, policy, now), remedyRejections: next.remedy.rejections },
      policy,
      nowIso,
      locale,
      a.agent.name,
    );
    next = withEscalation(next, step);
    d.change = compactChange({
      addTags: step.addTags,
      removeTags: step.removeTags,
      priority: step.priority ?? undefined,
      group: step.group ?? undefined,
      note: joinNotes(step.notes),
    });
    next = { ...next, tags: applyTags(next.tags, step.addTags, step.removeTags) };
    d.records.push(
      { kind: 'remedy_rejected', data: { count: next.remedy.rejections } },
      ...step.hits.map((h) => ({ kind: 'escalated', data: { ruleId: h.ruleId, tier: h.tier } })),
    );
  } else {
    // Clearing a forcing signal or lowering a forced severity: only the policy's role, with a reason.
    const check = checkDowngrade(policy, p, a);
    if (!check.ok) {
      d.records.push({ kind: 'correction_refused', data: { code: check.code, message: check.message } });
      return d;
    }
    const t = policy.tags;
    const category = a.category ?? p.category;
    const severity = a.severity ?? p.severity;
    const change: TicketChange = { addTags: [], removeTags: [] };
    const cleared = (a.clearSignals ?? []).filter((s) => p.signals.includes(s));
    if (cleared.length) {
      change.removeTags!.push(...cleared.map((s) => `${t.signalPrefix}${s}`));
      next = { ...next, signals: p.signals.filter((s) => !cleared.includes(s)) };
    }
    const review = policy.classification.review;
    // Any correction (or an explicit confirmation) answers the "please confirm" request.
    if (review && p.tags.includes(review.tag)) change.removeTags!.push(review.tag);
    if (check.downgrade && review) {
      const note = renderTemplate(review.downgradeNote[locale] ?? review.downgradeNote.en, {
        agent_name: a.agent.name,
        signals: cleared.join(', ') || '-',
        severity,
        reason: a.reason ?? '',
      });
      change.note = joinNotes([note]);
      d.records.push({
        kind: 'downgraded',
        data: { by: a.agent.id, role: a.agent.role, cleared, from: p.severity, to: severity, reason: a.reason },
      });
    }
    if (category !== p.category) {
      change.removeTags!.push(`${t.categoryPrefix}${p.category}`);
      change.addTags!.push(`${t.categoryPrefix}${category}`);
    }
    if (severity !== p.severity) {
      change.removeTags!.push(`${t.severityPrefix}${p.severity.toLowerCase()}`);
      change.addTags!.push(`${t.severityPrefix}${severity.toLowerCase()}`);
      const sev = policy.severities[severity as SeverityId];
      change.priority = sev.priority.zendesk;
      change.severity = severity as SeverityId;
      change.group = sev.group;
      next = { ...next, group: sev.group };
    }
    next = {
      ...next,
      category,
      severity,
      correction: {
        category: a.category,
        severity: a.severity,
        ...(cleared.length ? { clearedSignals: cleared, reason: a.reason } : {}),
        by: a.agent.id,
        at: nowIso,
      },
    };
    next = { ...next, tags: applyTags(next.tags, change.addTags, change.removeTags) };
    d.change = compactChange(change);
    if (severity !== p.severity) d.timers = slaTimersFor(next, policy, now);
    d.records.push({ kind: 'corrected', data: { from: { category: p.category, severity: p.severity }, to: { category, severity } } });
  }
  d.projection = next;
  return d;
}
