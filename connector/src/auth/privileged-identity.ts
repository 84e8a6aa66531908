/**
 * Which identity a privileged sidebar action needs (remedy approval, evidence review, evidence export, safety
 * downgrade). On a Zendesk ticket, with ZENDESK_PRIVILEGED_IDENTITY=signed (the default with Zendesk credentials),
 * the agent id must be one Zendesk vouches for (`agent.idVouchedBy === 'zendesk'`: a ZAF signed-URL token or a session
 * minted from one); the ZAF proxy's HS256 token and X-Complaint-Desk-Key carry an id the browser chose. Freshdesk
 * vouches for nothing about the agent (docs/freshdesk.md, "What Freshdesk vouches for"), so Freshdesk tickets keep
 * the claimed identity; the sandbox is local. Pure.
 */
import type { Agent } from '../decide/agent-action';

export type PrivilegedAction = 'approving a remedy' | 'recording an evidence review' | 'exporting evidence' | 'clearing a safety signal or lowering a forced severity';

export interface PrivilegedIdentityRule {
  /** signed: privileged actions on Zendesk tickets need an id Zendesk vouches for; claimed: the token's id is taken as is. */
  zendesk: 'signed' | 'claimed';
}

export const CLAIMED_IDENTITY: PrivilegedIdentityRule = { zendesk: 'claimed' };

export function privilegedIdentityProblem(rule: PrivilegedIdentityRule, host: string, agent: Pick<Agent, 'idVouchedBy'> | undefined, action: PrivilegedAction): string | null {
  if (host !== 'zendesk' || rule.zendesk !== 'signed' || agent?.idVouchedBy === 'zendesk') return null;
  return `${action} on a Zendesk ticket needs an agent id Zendesk vouches for, and this request's id is the browser's word `
    + '(ZAF proxy token or app key). Open Complaint Desk in signed mode (manifest "signedUrls": true, the connector\'s /zendesk/sidebar page; '
    + 'docs/zendesk.md, "Signed mode"). Reading the ticket and the other actions keep working.';
}
