/**
 * Which identity a privileged sidebar action needs (remedy approval, evidence review, evidence export, safety
 * downgrade). On a Zendesk ticket, with ZENDESK_PRIVILEGED_IDENTITY=signed (the default with Zendesk credentials),
 * the agent id must be one Zendesk vouches for (`agent.idVouchedBy === 'zendesk'`: a ZAF signed-URL token or a session
 * minted from one); the ZAF proxy's HS256 token and X-Complaint-Desk-Key carry an id the browser chose. Freshdesk
 * vouches for nothing about the agent (docs/freshdesk.md, "What Freshdesk vouches for"): Freshdesk tickets take the
 * claimed identity (FRESHDESK_PRIVILEGED_IDENTITY=claimed, default) or refuse privileged actions from the sidebar
 * altogether (=refuse; the admin token still exports). The sandbox is local. Pure.
 */
import type { Agent } from '../decide/agent-action';

export type PrivilegedAction =
  'approving a remedy' | 'recording an evidence review' | 'exporting evidence' | 'clearing a safety signal or lowering a forced severity';

export interface PrivilegedIdentityRule {
  /** signed: privileged actions on Zendesk tickets need an id Zendesk vouches for; claimed: the token's id is taken as is. */
  zendesk: 'signed' | 'claimed';
  /** claimed: the app's agent is taken as is (Freshdesk signs nothing about the agent); refuse: no privileged action from the sidebar. */
  freshdesk?: 'claimed' | 'refuse';
}

export const CLAIMED_IDENTITY: PrivilegedIdentityRule = { zendesk: 'claimed', freshdesk: 'claimed' };

/** Why this request's identity may not take privileged actions on a ticket of `host` (the view tells the sidebar), or null. */
export function privilegedGate(
  rule: PrivilegedIdentityRule,
  host: string,
  agent: Pick<Agent, 'idVouchedBy'> | undefined,
): 'needs_signed_mode' | 'turned_off' | null {
  if (host === 'freshdesk' && rule.freshdesk === 'refuse') return 'turned_off';
  if (host === 'zendesk' && rule.zendesk === 'signed' && agent?.idVouchedBy !== 'zendesk') return 'needs_signed_mode';
  return null;
}

export function privilegedIdentityProblem(
  rule: PrivilegedIdentityRule,
  host: string,
  agent: Pick<Agent, 'idVouchedBy'> | undefined,
  action: PrivilegedAction,
): string | null {
  const gate = privilegedGate(rule, host, agent);
  if (gate === 'turned_off') {
    return (
      `${action} on a Freshdesk ticket is turned off for the sidebar (FRESHDESK_PRIVILEGED_IDENTITY=refuse): Freshdesk vouches for ` +
      'nothing about the agent, so the app\'s agent id is its own word (docs/freshdesk.md, "What Freshdesk vouches for"). Use the admin token for evidence export.'
    );
  }
  if (!gate) return null;
  return (
    `${action} on a Zendesk ticket needs an agent id Zendesk vouches for, and this request's id is the browser's word ` +
    '(ZAF proxy token or app key). Open Complaint Desk in signed mode (manifest "signedUrls": true, the connector\'s /zendesk/sidebar page; ' +
    'docs/zendesk.md, "Signed mode"). Reading the ticket and the other actions keep working.'
  );
}
