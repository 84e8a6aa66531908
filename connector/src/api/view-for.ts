/** Gathers the store facts for one ticket and builds its TicketView in the agent's locale and role. */
import type { Locale } from '../../../policies/src/types';
import type { Agent } from '../decide/agent-action';
import type { PolicyStoreLike } from '../pipeline/create-pipeline';
import type { TicketProjection } from '../decide/ticket-projection';
import { evidenceRecord } from '../evidence/evidence-record';
import { evidenceState } from '../evidence/evidence-state';
import type { StoreRepos } from '../store/store';
import { buildTicketView } from './build-ticket-view';
import type { TicketView } from './ticket-view';

const DAY_MS = 86_400_000;
/** How many of the requester's recent complaints the view lists (a display length, not a domain rule). */
const HISTORY_LIMIT = 10;

export interface ViewDeps {
  store: Pick<StoreRepos, 'tickets' | 'timers' | 'evidence'>;
  policyStore: PolicyStoreLike;
  now: number;
  agent: Agent;
}

export async function viewFor(p: TicketProjection, d: ViewDeps): Promise<TicketView> {
  const { tickets, timers } = d.store;
  const current = d.policyStore.current() as ReturnType<PolicyStoreLike['current']> & { etag?: string };
  const { policy, version } = current;
  const windowDays = policy.history.windowDays;
  const since = new Date(d.now - windowDays * DAY_MS).toISOString();
  const recent = p.requesterId
    ? (await tickets.recentByRequester(p.host, p.requesterId, since, HISTORY_LIMIT + 1)).filter((t) => t.ticketId !== p.id)
    : [];
  const count = p.requesterId ? await tickets.countByRequester(p.host, p.requesterId, since) : 1;
  const next = (await timers.active(p.host, p.id)).find((t) => t.kind === 'sla_warning' || t.kind === 'sla_breach');
  const entries = await d.store.evidence.entries(p.host, p.id);
  const sameBatchCount = p.batch
    ? (await tickets.idsByBatch(p.host, p.batch, new Date(d.now - policy.batches.windowDays * DAY_MS).toISOString())).length
    : 0;
  const view = buildTicketView(p, {
    policy,
    version,
    now: d.now,
    locale: d.agent.locale as Locale,
    role: d.agent.role,
    agentName: d.agent.name,
    evidenceRecord: evidenceRecord(entries),
    evidenceState: evidenceState(entries),
    nextEscalationAt: next ? new Date(next.dueAt).toISOString() : null,
    sameBatchCount,
    history: { count, windowDays, recent: recent.slice(0, HISTORY_LIMIT) },
  });
  // The policy's ETag rides along so the sidebar refetches GET /api/v1/policy only when it changed: one
  // host request per ticket open (Freshworks allows 50 request-method calls per minute per app and account).
  return current.etag ? { ...view, policyEtag: current.etag } : view;
}
