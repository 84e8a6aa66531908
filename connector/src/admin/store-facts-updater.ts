/**
 * Dashboard facts through the Store (PostgreSQL): after each processed event, in the event's transaction, the
 * ticket's projection is read back and its facts upserted (`ticket_facts`), as SQLite's updater does with its
 * own statements (ticket-facts.ts createFactsUpdater). The pipeline calls it as its `afterEvent`.
 */
import type { Policy } from '../../../policies/src/types';
import type { TicketProjection } from '../decide/ticket-projection';
import type { StoreRepos } from '../store/store';
import type { TicketFactRow } from '../store/store-facts';
import { factsOfRow, type Row } from './collect-facts';
import { factsParams } from './ticket-facts';

/** The projection as its `tickets` row (JSON columns as text), the input factsOfRow reads. */
export function rowOfProjection(p: TicketProjection): Row {
  const t = (v: unknown) => JSON.stringify(v ?? null);
  return {
    host: p.host,
    id: p.id,
    requester_id: p.requesterId,
    subject: p.subject,
    created_at: p.createdAt,
    channel: p.channel,
    status: p.status,
    status_history: t(p.statusHistory),
    first_agent_reply_at: p.firstAgentReplyAt,
    category: p.category,
    severity: p.severity,
    correction: t(p.correction),
    tier: p.tier,
    escalation_history: t(p.escalationHistory),
    fields: t(p.fields),
    tags: t(p.tags),
    batch: p.batch,
    snapshot: t(p.snapshot),
    remedy: t(p.remedy),
  };
}

export function factRowOf(p: TicketProjection, policy: Policy, now: number): TicketFactRow {
  return factRowOfRow(rowOfProjection(p), policy, now);
}

/** One `tickets` row's facts under `policy`, as the Store stores them. */
export function factRowOfRow(r: Row, policy: Policy, now: number): TicketFactRow {
  const f = factsParams(factsOfRow(r, policy, now), policy, null);
  return {
    host: f.host,
    ticketId: f.id,
    subject: f.subject,
    createdAt: f.createdAt,
    createdDay: f.day,
    category: f.category,
    severity: f.severity,
    isOpen: f.open === 1,
    escalated: f.escalated === 1,
    firstResponseMs: f.firstResponse,
    resolutionMs: f.resolution,
    reopened: f.reopened === 1,
    breached: f.breached === 1,
    warnAt: f.warnAt,
    dueAt: f.dueAt,
    batch: f.batch,
    csat: f.csat,
  };
}

export async function updateStoreFacts(host: string, ticketId: string, policy: Policy, now: number, tx: StoreRepos): Promise<void> {
  const p = await tx.tickets.get(host, ticketId);
  if (p) await tx.facts.upsert(factRowOf(p, policy, now));
}
