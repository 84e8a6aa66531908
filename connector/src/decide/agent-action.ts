/** Agent actions from the sidebar that go through the inbox (durable, ordered with the ticket's other events). */
import type { ApprovalDecision } from '../../../policies/src/ids';
import type { HostId } from '../../../policies/src/types';

/** The agent a verified sidebar request speaks for (auth/require-app-auth sets it on `res.locals.agent`). */
export interface Agent {
  id: string;
  name: string;
  role: string;
  locale: string;
  /** True when the role was vouched for by the host (looked up with the connector's credentials). */
  vouched?: boolean;
  /** Set when the host vouched for the agent's id itself ('zendesk': a ZAF signed-URL token or a session minted from one). */
  idVouchedBy?: 'zendesk';
}

export type AgentAction =
  | { kind: 'agent.remedy'; rank: string; agent: Agent }
  | { kind: 'agent.remedy_rejected'; agent: Agent }
  | { kind: 'agent.remedy_decision'; decision: ApprovalDecision; comment?: string; agent: Agent }
  | {
      kind: 'agent.correction';
      category?: string;
      severity?: string;
      clearSignals?: string[];
      reason?: string;
      confirm?: boolean;
      agent: Agent;
    };

export interface ActionInboxEvent {
  host: HostId;
  eventId: string;
  ticketId: string;
  occurredAt: string;
  receivedAt: string;
  event: AgentAction;
}
