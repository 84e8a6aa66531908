/**
 * The JSON the sidebar reads from `GET /api/v1/tickets/:host/:id/view`. The connector builds it;
 * the sidebar also builds a partial one locally (offline) from the bundled engine + cached policy.
 */
import type {
  Classification,
  EscalationResult,
  EvidenceStatus,
  IntakeGap,
  Locale,
  RemedyResult,
  ScriptStage,
  SlaState,
  Ticket,
} from '../../../policies/src/types';
import type { ViewDisplay } from '../../../policies/src/engine/display-format';
import type { ApprovalState } from '../../../policies/src/ids';
import type { EscalationEvent } from '../decide/ticket-projection';

export interface RenderedScript {
  id: string;
  label: string;
  text: string;
}

export interface ChosenRemedyView {
  rank: string;
  at: string;
  by: string;
  approval: ApprovalState;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface TicketView {
  host: string;
  ticketId: string;
  policyVersion: string;
  /** ETag of the active policy (as GET /api/v1/policy sends it): the sidebar's cache key. */
  policyEtag?: string;
  locale: Locale;
  /** ISO time the view was computed at (the connector's clock). */
  now: string;
  ticket: Pick<Ticket, 'id' | 'subject' | 'status' | 'channel' | 'createdAt' | 'tags' | 'requester' | 'fields'>;
  classification: Classification;
  /** An agent correction, when one was made (it overrides the classification's category/severity). */
  correction: { category?: string; severity?: string; by: string; at: string } | null;
  sla: SlaState;
  /** Inputs the sidebar needs to recompute SLA locally every second. */
  slaTimeline: import('../../../policies/src/types').SlaTimeline;
  escalation: EscalationResult & { history: EscalationEvent[]; nextEscalationAt: string | null };
  stage: ScriptStage;
  scripts: RenderedScript[];
  /**
   * `chosen.approval`: `not_needed` (within the chooser's authority), `pending` (waiting for an approver:
   * `POST …/remedy-approval {decision: 'approved'|'declined', comment?}`), `approved`, `declined`;
   * `decidedBy`/`decidedAt` name the approver and when (null until decided).
   */
  remedies: RemedyResult & { rejections: number; chosen: ChosenRemedyView | null };
  evidence: EvidenceStatus & {
    suspected: boolean;
    frozen: boolean;
    frozenAt: string | null;
    headHash: string | null;
    items: { kind: string; at: string; by?: string; description?: string }[];
    /** Recorded reviews (absent from older connectors and offline views). */
    reviews?: { role: string; by: string; at: string }[];
  };
  intake: IntakeGap[];
  rootCause: { customerSide: string; productSide: string; processSide: string; sameBatchCount: number; batch: string | null };
  /**
   * The requester's complaints within the policy's `history.windowDays` (`windowDays`, echoed here).
   * `count` counts complaints within that window.
   */
  history: {
    count: number;
    windowDays: number;
    recent: { host: string; ticketId: string; subject: string; createdAt: string; category: string; severity: string }[];
  };
  /**
   * Set when this request's identity may not approve, review or export evidence, or downgrade safety here
   * (auth/privileged-identity.ts): `needs_signed_mode` (Zendesk, the agent id is the browser's word) or `turned_off`.
   */
  privileged?: 'needs_signed_mode' | 'turned_off';
  /**
   * The view's times and remedy amounts written for the agent (`locale`, and the zone the request names in
   * `cd_zone`, else the policy's zone for agents), so the sidebar's first render needs no Intl. Absent offline.
   */
  display?: ViewDisplay;
}
