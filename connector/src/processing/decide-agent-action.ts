/**
 * Sidebar actions: remedy chosen (over the agent's authority → `remedy_approval` note + escalation),
 * remedy rejected (counted; the remedy_rejected rule fires via escalations), correction (re-tag). Pure.
 */
import { remedyOptions, renderNote } from '../../../policies/src/engine';
import { TIER_IDS } from '../../../policies/src/ids';
import type { Locale, Policy, SeverityId, TierId } from '../../../policies/src/types';
import type { TicketChange } from '../hosts/host-client';
import type { TicketProjection } from '../store/ticket-projection';
import type { AgentAction } from './agent-action';
import { applyTags, compactChange, emptyDecision, joinNotes, type Decision } from './decision';
import { escalate, higherTier, withEscalation } from './escalate';
import { slaOf, slaTimersFor } from './sla-timers';

export interface ActionFacts {
  requesterComplaints: (days: number) => number;
}

const str = (v: unknown) => (v == null || v === '' ? null : String(v));

export function remedyInputOf(p: TicketProjection) {
  const amount = Number(p.fields.order_amount);
  return {
    category: p.category as never, severity: p.severity as SeverityId, purchaseDate: str(p.fields.purchase_date),
    deliveredAt: str(p.fields.delivered_at), orderAmount: Number.isFinite(amount) && p.fields.order_amount != null ? amount : null,
  };
}

export function decideAgentAction(p: TicketProjection | null, a: AgentAction, policy: Policy, now: number, facts: ActionFacts): Decision {
  const nowIso = new Date(now).toISOString();
  const evidence = [{ type: 'action' as const, at: nowIso, by: a.agent.id, data: { ...a, agent: { id: a.agent.id, role: a.agent.role } } }];
  if (!p) return { ...emptyDecision(), records: [{ kind: 'unknown_ticket', data: { event: a.kind } }] };
  const locale: Locale = policy.defaultLocale;
  const extra = () => ({ requesterComplaints: facts.requesterComplaints, requesterTags: p.snapshot.requester?.tags ?? [] });
  let next: TicketProjection = { ...p, updatedAt: nowIso };
  const d: Decision = { ...emptyDecision(next), evidence };

  if (a.kind === 'agent.remedy') {
    let opt;
    try {
      opt = remedyOptions(remedyInputOf(p), policy, a.agent.role, now, locale).options.find((o) => o.rank === a.rank);
    } catch (e) {
      return { ...d, records: [{ kind: 'remedy_invalid', data: { reason: (e as Error).message } }] };
    }
    if (!opt) return { ...d, records: [{ kind: 'remedy_unknown_rank', data: { rank: a.rank } }] };
    const approval = opt.needsApproval ? 'pending' as const : 'not_needed' as const;
    next = { ...next, remedy: { ...p.remedy, chosen: { rank: opt.rank, at: nowIso, by: a.agent.id, approval } } };
    d.records.push({ kind: 'remedy_chosen', data: { rank: opt.rank, kind: opt.kind, approval } });
    if (opt.needsApproval) {
      const role = opt.approverRole ?? '';
      const tier: TierId = (TIER_IDS as readonly string[]).includes(role) ? (role as TierId) : 'supervisor';
      const label = policy.remedies.roles[role]?.label[locale] ?? policy.escalation.tiers[tier].label[locale];
      const note = renderNote(policy, 'remedy_approval', locale, { tier: label, remedy: opt.label, agent_name: a.agent.name, ticket_id: p.id });
      const newTier = higherTier(p.tier, tier);
      const tierTags = newTier !== p.tier ? { add: [`${policy.tags.tierPrefix}${newTier}`], remove: [`${policy.tags.tierPrefix}${p.tier}`] } : { add: [], remove: [] };
      d.change = compactChange({ addTags: tierTags.add, removeTags: tierTags.remove, group: policy.escalation.tiers[tier].group, note: joinNotes([note]) });
      next = { ...next, tier: newTier, tags: applyTags(next.tags, tierTags.add, tierTags.remove),
        escalationHistory: [...next.escalationHistory, { at: nowIso, ruleId: `remedy_approval:${opt.rank}`, tier, reason: opt.label }] };
    }
  } else if (a.kind === 'agent.remedy_rejected') {
    next = { ...next, remedy: { ...p.remedy, rejections: p.remedy.rejections + 1 } };
    const step = escalate(next, { ...extra(), sla: slaOf(next, policy, now), remedyRejections: next.remedy.rejections }, policy, nowIso, locale);
    next = withEscalation(next, step);
    d.change = compactChange({ addTags: step.addTags, removeTags: step.removeTags, priority: step.priority ?? undefined, group: step.group ?? undefined, note: joinNotes(step.notes) });
    next = { ...next, tags: applyTags(next.tags, step.addTags, step.removeTags) };
    d.records.push({ kind: 'remedy_rejected', data: { count: next.remedy.rejections } }, ...step.hits.map((h) => ({ kind: 'escalated', data: { ruleId: h.ruleId, tier: h.tier } })));
  } else {
    const t = policy.tags;
    const category = a.category ?? p.category;
    const severity = a.severity ?? p.severity;
    const change: TicketChange = { addTags: [], removeTags: [] };
    if (category !== p.category) { change.removeTags!.push(`${t.categoryPrefix}${p.category}`); change.addTags!.push(`${t.categoryPrefix}${category}`); }
    if (severity !== p.severity) {
      change.removeTags!.push(`${t.severityPrefix}${p.severity.toLowerCase()}`);
      change.addTags!.push(`${t.severityPrefix}${severity.toLowerCase()}`);
      const sev = policy.severities[severity as SeverityId];
      change.priority = sev.priority.zendesk;
      change.group = sev.group;
    }
    next = { ...next, category, severity, correction: { category: a.category, severity: a.severity, by: a.agent.id, at: nowIso } };
    next = { ...next, tags: applyTags(next.tags, change.addTags, change.removeTags) };
    d.change = compactChange(change);
    if (severity !== p.severity) d.timers = slaTimersFor(next, policy, now);
    d.records.push({ kind: 'corrected', data: { from: { category: p.category, severity: p.severity }, to: { category, severity } } });
  }
  d.projection = next;
  return d;
}
