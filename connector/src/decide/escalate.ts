/**
 * Applies escalation rules that have not fired on this ticket yet: tier, group, priority, tags,
 * `escalation` notes and history. Pure; each rule fires once per ticket.
 */
import { escalations } from '../../../policies/src/engine';
import { PRIORITY_IDS, TIER_IDS } from '../../../policies/src/ids';
import type { EscalationHit, EscalationInput, Locale, Policy, PriorityId, SeverityId, SignalId, TierId } from '../../../policies/src/types';
import { renderNote } from '../../../policies/src/engine';
import type { EscalationEvent } from './ticket-projection';
import { firedRules, type TicketProjection } from './ticket-projection';
import { groupLabel, tierLabel } from './labels';
import { templateVars } from './template-vars';

export interface EscalationStep {
  hits: EscalationHit[];
  tier: TierId;
  group: string | null;
  priority: PriorityId | null;
  addTags: string[];
  removeTags: string[];
  notes: string[];
  history: EscalationEvent[];
}

export const higherTier = (a: TierId, b: TierId): TierId => (TIER_IDS.indexOf(b) > TIER_IDS.indexOf(a) ? b : a);
export const moreUrgent = (a: PriorityId | null, b: PriorityId | null): PriorityId | null =>
  !a ? b : !b ? a : PRIORITY_IDS.indexOf(b) < PRIORITY_IDS.indexOf(a) ? b : a;

/**
 * `agentName`: the acting agent, for `{{agent_name}}` in escalation notes (absent for system events).
 * When a firing rule has `notifySupervisor`, `escalation.supervisorNotification.tag` joins the step's tags.
 */
export function escalate(
  p: TicketProjection,
  extra: Omit<EscalationInput, 'severity' | 'signals'>,
  policy: Policy,
  at: string,
  locale: Locale,
  agentName?: string,
): EscalationStep {
  const result = escalations({ severity: p.severity as SeverityId, signals: p.signals as SignalId[], ...extra }, policy, locale);
  const fired = firedRules(p);
  const hits = result.hits.filter((h) => !fired.has(h.ruleId));
  let tier = p.tier;
  for (const h of hits) tier = higherTier(tier, h.tier);
  const step: EscalationStep = { hits, tier, group: null, priority: null, addTags: [], removeTags: [], notes: [], history: [] };
  if (!hits.length) return step;
  const top = hits.filter((h) => h.tier === tier);
  const named = [...top].reverse().find((h) => h.group)?.group;
  step.group = named ?? (tier !== p.tier ? policy.escalation.tiers[tier].group : null);
  for (const h of hits) step.priority = moreUrgent(step.priority, h.priority);
  step.addTags = [...new Set(hits.flatMap((h) => h.addTags))];
  const notify = policy.escalation.supervisorNotification;
  if (notify && hits.some((h) => h.notifySupervisor) && !step.addTags.includes(notify.tag)) step.addTags.push(notify.tag);
  if (tier !== p.tier) {
    step.addTags.push(`${policy.tags.tierPrefix}${tier}`);
    step.removeTags.push(`${policy.tags.tierPrefix}${p.tier}`);
  }
  const base = hits.some((h) => h.note)
    ? templateVars({ ...p, tier, group: step.group ?? p.group }, policy, { locale, now: Date.parse(at), agentName })
    : {};
  for (const h of hits) {
    step.history.push({ at, ruleId: h.ruleId, tier: h.tier, reason: h.reason });
    if (h.note) {
      const g = h.group ?? policy.escalation.tiers[h.tier].group;
      step.notes.push(
        renderNote(policy, 'escalation', locale, {
          ...base,
          tier: tierLabel(policy, h.tier, locale),
          group: groupLabel(policy, g, locale),
          reason: h.reason,
        }),
      );
    }
  }
  return step;
}

/** The projection with the step's tier and history applied. */
export function withEscalation(p: TicketProjection, step: EscalationStep): TicketProjection {
  if (!step.hits.length) return p;
  return { ...p, tier: step.tier, group: step.group ?? p.group ?? null, escalationHistory: [...p.escalationHistory, ...step.history] };
}
