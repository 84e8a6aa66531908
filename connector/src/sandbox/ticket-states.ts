/**
 * The connector's decisions about sandbox tickets for the list and ticket pages: from connector-core's
 * `tickets` projection (category, severity, tier, SLA computed now) and, before processing has written a
 * projection row, from the tags the connector wrote.
 */
import type Database from 'better-sqlite3';
import { slaState } from '../../../policies/src/engine';
import type { Policy, SeverityId } from '../../../policies/src/types';
import { createTicketsRepo } from '../store/tickets-repo';
import type { TicketProjection } from '../decide/ticket-projection';
import { readConnectorTags } from './read-connector-tags';
import type { SandboxTicket } from './read-sandbox';

export interface TicketState {
  category: string | null;
  severity: string | null;
  signals: string[];
  tier: string | null;
  sla: 'ok' | 'warning' | 'breached' | 'paused' | 'met' | null;
  /** Earliest running deadline (respond or resolve). */
  dueAt: string | null;
  policyVersion: string | null;
}

export function slaFromProjection(p: TicketProjection, policy: Policy, now: number): Pick<TicketState, 'sla' | 'dueAt'> {
  try {
    const severity = (p.correction?.severity ?? p.severity) as SeverityId;
    const s = slaState(
      {
        createdAt: p.createdAt,
        severity,
        channel: p.channel ?? undefined,
        firstAgentReplyAt: p.firstAgentReplyAt,
        statusChanges: p.statusHistory,
      },
      policy,
      now,
    );
    const running = [s.acknowledge, s.respond, s.resolve]
      .filter((c) => c && c.state !== 'met' && c.dueAt)
      .map((c) => c!.dueAt as string)
      .sort();
    return { sla: s.state, dueAt: running[0] ?? null };
  } catch {
    return { sla: null, dueAt: null };
  }
}

export function createTicketStates(db: Database.Database) {
  const repo = createTicketsRepo(db);
  return (t: SandboxTicket, policy: Policy, now: number): TicketState => {
    const fromTags = readConnectorTags(t.tags ?? [], policy);
    const p = repo.get('sandbox', t.id);
    if (!p) return { ...fromTags, dueAt: null, policyVersion: null };
    const sla = slaFromProjection(p, policy, now);
    return {
      category: p.correction?.category ?? p.category,
      severity: p.correction?.severity ?? p.severity,
      signals: p.signals,
      tier: p.tier,
      sla: sla.sla ?? fromTags.sla,
      dueAt: sla.dueAt,
      policyVersion: p.policyVersion,
    };
  };
}
