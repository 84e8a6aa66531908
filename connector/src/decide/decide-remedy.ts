/**
 * Remedy choice and approval. A chosen option above the agent's authority is `pending`: an approval note,
 * the approver's tier and group. An approver whose role covers the option approves or declines it
 * (`remedy_decision` note). The same authority check guards the API (403) and the processing. Pure.
 */
import { remedyOptions, renderNote } from '../../../policies/src/engine';
import type { Locale, Policy, RemedyOptionView } from '../../../policies/src/types';
import type { TicketProjection } from './ticket-projection';
import type { AgentAction } from './agent-action';
import { applyTags, compactChange, joinNotes, type Decision } from './decision';
import { higherTier } from './escalate';
import { remedyInputOf } from './remedy-input';
import { approvalTier, highestRole, lowestRole } from '../../../policies/src/engine';
import { templateVars } from './template-vars';
import { ticketLocale } from './ticket-locale';

type Chose = Extract<AgentAction, { kind: 'agent.remedy' }>;
type Decide = Extract<AgentAction, { kind: 'agent.remedy_decision' }>;

export type ApproverCheck = { ok: true; option: RemedyOptionView } | { ok: false; code: 'conflict' | 'forbidden'; message: string };

const roleLabel = (policy: Policy, role: string | null, locale: Locale) =>
  (role && Object.hasOwn(policy.remedies.roles, role) ? policy.remedies.roles[role].label[locale] : null) ?? role ?? '?';

/** Whether `role` may approve or decline the ticket's pending remedy under `policy` (its limits cover the option). */
export function checkApprover(p: TicketProjection, policy: Policy, role: string, now: number, locale: Locale): ApproverCheck {
  const chosen = p.remedy.chosen;
  if (!chosen || chosen.approval !== 'pending') {
    return {
      ok: false,
      code: 'conflict',
      message: `ticket ${p.host}/${p.id} has no remedy waiting for approval (${chosen ? `the chosen remedy is ${chosen.approval}` : 'no remedy was chosen'})`,
    };
  }
  const input = remedyInputOf(p, policy);
  const known = Object.hasOwn(policy.remedies.roles, role);
  const options = remedyOptions(input, policy, known ? role : lowestRole(policy), now, locale).options;
  const option = options.find((o) => o.rank === chosen.rank);
  if (!option)
    return {
      ok: false,
      code: 'conflict',
      message: `the chosen remedy "${chosen.rank}" no longer exists in the policy; choose a remedy again`,
    };
  if (known && !option.needsApproval) return { ok: true, option };
  const needed = option.approverRole ?? (known ? highestRole(policy) : lowestRole(policy));
  return {
    ok: false,
    code: 'forbidden',
    message: `role "${role}" cannot decide on "${option.label}": it needs role "${needed}" (${roleLabel(policy, needed, locale)}) or another role whose limits cover it`,
  };
}

export function decideRemedyChosen(p: TicketProjection, a: Chose, policy: Policy, now: number, d: Decision): Decision {
  const locale: Locale = ticketLocale({ ...p.snapshot, subject: p.subject }, policy);
  const nowIso = new Date(now).toISOString();
  let opt;
  try {
    opt = remedyOptions(remedyInputOf(p, policy), policy, a.agent.role, now, locale).options.find((o) => o.rank === a.rank);
  } catch (e) {
    return { ...d, records: [{ kind: 'remedy_invalid', data: { reason: (e as Error).message } }] };
  }
  if (!opt) return { ...d, records: [{ kind: 'remedy_unknown_rank', data: { rank: a.rank } }] };
  const approval = opt.needsApproval ? ('pending' as const) : ('not_needed' as const);
  let next: TicketProjection = {
    ...d.projection!,
    remedy: { ...p.remedy, chosen: { rank: opt.rank, at: nowIso, by: a.agent.id, approval, decidedBy: null, decidedAt: null } },
  };
  d.records.push({ kind: 'remedy_chosen', data: { rank: opt.rank, kind: opt.kind, approval } });
  if (opt.needsApproval) {
    // the approver (or, when no role's limits cover the option, the highest-ranked role) and its escalation tier
    const role = opt.approverRole ?? highestRole(policy);
    const tier = approvalTier(policy, role);
    const group = policy.escalation.tiers[tier].group;
    const newTier = higherTier(p.tier, tier);
    const tierTags =
      newTier !== p.tier
        ? { add: [`${policy.tags.tierPrefix}${newTier}`], remove: [`${policy.tags.tierPrefix}${p.tier}`] }
        : { add: [], remove: [] };
    next = {
      ...next,
      tier: newTier,
      group,
      tags: applyTags(next.tags, tierTags.add, tierTags.remove),
      escalationHistory: [...next.escalationHistory, { at: nowIso, ruleId: `remedy_approval:${opt.rank}`, tier, reason: opt.label }],
    };
    const label = policy.remedies.roles[role].label[locale];
    const note = renderNote(policy, 'remedy_approval', locale, {
      ...templateVars(next, policy, { locale, now, agentName: a.agent.name }),
      tier: label,
      remedy: opt.label,
    });
    d.change = compactChange({ addTags: tierTags.add, removeTags: tierTags.remove, group, note: joinNotes([note]) });
  }
  d.projection = next;
  return d;
}

export function decideRemedyDecision(p: TicketProjection, a: Decide, policy: Policy, now: number, d: Decision): Decision {
  const locale: Locale = ticketLocale({ ...p.snapshot, subject: p.subject }, policy);
  const check = checkApprover(p, policy, a.agent.role, now, locale);
  if (!check.ok)
    return {
      ...d,
      records: [{ kind: 'remedy_decision_refused', data: { decision: a.decision, role: a.agent.role, reason: check.message } }],
    };
  const chosen = p.remedy.chosen!;
  const next: TicketProjection = {
    ...d.projection!,
    remedy: {
      ...p.remedy,
      chosen: {
        ...chosen,
        approval: a.decision,
        decidedBy: a.agent.id,
        decidedAt: new Date(now).toISOString(),
        comment: a.comment ?? null,
      },
    },
  };
  const note = renderNote(policy, 'remedy_decision', locale, {
    ...templateVars(next, policy, { locale, now, agentName: a.agent.name }),
    decision: policy.remedies.decisionLabels[a.decision][locale],
    remedy: check.option.label,
    reason: a.comment?.trim() || '-',
  });
  d.change = compactChange({ note: joinNotes([note]) });
  d.records.push({ kind: 'remedy_decided', data: { rank: chosen.rank, decision: a.decision, by: a.agent.id } });
  d.projection = next;
  return d;
}
