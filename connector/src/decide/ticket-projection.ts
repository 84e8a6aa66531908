/** The connector's own view of a ticket (table `tickets`), kept up to date by processing. */
import type { ApprovalState } from '../../../policies/src/ids';
import type { Classification, HostId, Requester, StatusId, Ticket, TierId } from '../../../policies/src/types';

export interface EscalationEvent {
  at: string;
  ruleId: string;
  tier: string;
  reason: string;
}

export interface ChosenRemedy {
  rank: string;
  at: string;
  by: string;
  approval: ApprovalState;
  /** Who approved or declined a pending remedy, and when (absent until decided). */
  decidedBy?: string | null;
  decidedAt?: string | null;
  /** The approver's comment, if any. */
  comment?: string | null;
}

export interface RemedyState {
  rejections: number;
  chosen: ChosenRemedy | null;
}

export interface Correction {
  category?: string;
  severity?: string;
  /** Signals the agent cleared (a forcing one needs the policy's downgrade role and a reason). */
  clearedSignals?: string[];
  reason?: string;
  by: string;
  at: string;
}

export interface TicketProjection {
  host: HostId;
  id: string;
  requesterId: string | null;
  subject: string;
  createdAt: string;
  channel: string | null;
  status: StatusId;
  statusHistory: { at: string; status: StatusId }[];
  firstAgentReplyAt: string | null;
  category: string;
  severity: string;
  signals: string[];
  classification: Classification;
  correction: Correction | null;
  tier: TierId;
  /** Policy group key the ticket was last dispatched to (null/absent: not known yet). */
  group?: string | null;
  escalationHistory: EscalationEvent[];
  remedy: RemedyState;
  fields: Record<string, string | number | boolean | null>;
  tags: string[];
  batch: string | null;
  /** Ticket snapshot without comments: description, requester, locale (for intake and re-classification). */
  snapshot: Pick<Ticket, 'description' | 'locale'> & { requester?: Requester };
  problemId: string | null;
  policyVersion: string;
  updatedAt: string;
}

/** Escalation rule ids that already fired on this ticket (each fires once). */
export function firedRules(p: TicketProjection): Set<string> {
  return new Set(p.escalationHistory.map((e) => e.ruleId));
}
