/**
 * The chosen remedy's approval, and what this agent may do about it: decide (approve / decline) when
 * their role's limits cover the chosen option, else wait for the approver role the view names.
 */
import type { ChosenRemedyView, TicketView } from '../../../../connector/src/api/ticket-view';
import { APPROVAL_STATES, type ApprovalDecision, type ApprovalState } from '../../../../policies/src/ids';
import type { Policy, RemedyOptionView } from '../../../../policies/src/types';

export type { ApprovalDecision, ApprovalState };

/** The chosen remedy as the sidebar shows it (the view's, without the approver's comment). */
export type ChosenRemedyState = Omit<ChosenRemedyView, 'comment'>;

/** The view's chosen remedy, read defensively (older connectors send no decidedBy/decidedAt). */
export function chosenRemedy(view: Pick<TicketView, 'remedies'>): ChosenRemedyState | null {
  const c = view.remedies.chosen as
    (NonNullable<TicketView['remedies']['chosen']> & { approval: string; decidedBy?: string | null; decidedAt?: string | null }) | null;
  if (!c) return null;
  const approval = (APPROVAL_STATES as readonly string[]).includes(c.approval) ? (c.approval as ApprovalState) : 'pending';
  return { rank: c.rank, at: c.at, by: c.by, approval, decidedBy: c.decidedBy ?? null, decidedAt: c.decidedAt ?? null };
}

export type ApprovalControl =
  { kind: 'none' } | { kind: 'decide'; option: RemedyOptionView } | { kind: 'wait'; approverRole: string | null };

/**
 * For a pending approval: `decide` when the agent's role is one the policy defines and the view (computed
 * by the connector for this agent's role) says the chosen option needs no approval for them, i.e. their
 * limits cover it; otherwise `wait` for the option's approver role.
 */
export function approvalControl(view: Pick<TicketView, 'remedies'>, policy: Policy | null, role: string): ApprovalControl {
  const chosen = chosenRemedy(view);
  if (!chosen || chosen.approval !== 'pending') return { kind: 'none' };
  const option = view.remedies.options.find((o) => o.rank === chosen.rank);
  const known = !!policy && Object.prototype.hasOwnProperty.call(policy.remedies.roles, role);
  if (option && known && !option.needsApproval) return { kind: 'decide', option };
  return { kind: 'wait', approverRole: option?.approverRole ?? null };
}
