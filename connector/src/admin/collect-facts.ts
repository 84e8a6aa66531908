/**
 * Gathers dashboard facts and dry-run inputs from the store: connector-core's `tickets` projection (every
 * host) plus the sandbox tables (full conversations; CSAT answers recorded on follow-up tickets).
 */
import type Database from 'better-sqlite3';
import { slaState } from '../../../policies/src/engine';
import type { Policy, SeverityId, StatusId, Ticket } from '../../../policies/src/types';
import { ticketRow, toSandboxTicket } from '../sandbox/read-sandbox';
import { parseCsat, type CsatScale } from '../decide/csat-scale';
import type { TicketFacts } from './compute-kpis';
import type { DryRunTicket } from './compute-dry-run';

export interface Row {
  host: string;
  id: string;
  requester_id: string | null;
  subject: string;
  created_at: string;
  channel: string | null;
  status: string;
  status_history: string;
  first_agent_reply_at: string | null;
  category: string;
  severity: string;
  correction: string | null;
  tier: string;
  escalation_history: string;
  fields: string;
  tags: string;
  batch: string | null;
  snapshot: string;
  remedy: string;
}

const j = <T>(s: string | null, fallback: T): T => {
  try {
    return s == null ? fallback : ((JSON.parse(s) as T) ?? fallback);
  } catch {
    return fallback;
  }
};

export function hasTable(db: Database.Database, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

function projectionRows(db: Database.Database, limit: number): Row[] {
  if (!hasTable(db, 'tickets')) return [];
  return db.prepare('SELECT * FROM tickets ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as Row[];
}

/** CSAT answers (on `followUp.csatScale`) recorded in the sandbox: `fields.csat` on a follow-up ticket counts for the ticket it is about. */
export function sandboxCsat(db: Database.Database, scale: CsatScale): Map<string, number> {
  const out = new Map<string, number>();
  if (!hasTable(db, 'sandbox_tickets')) return out;
  const rows = db.prepare("SELECT id, related_ticket_id, fields FROM sandbox_tickets WHERE fields LIKE '%csat%'").all() as {
    id: number;
    related_ticket_id: number | null;
    fields: string;
  }[];
  for (const r of rows) {
    const v = parseCsat(j<Record<string, unknown>>(r.fields, {}).csat, scale);
    if (v !== null) out.set(String(r.related_ticket_id ?? r.id), v);
  }
  return out;
}

export function collectFacts(db: Database.Database, policy: Policy, now: number, limit = 5000): TicketFacts[] {
  const csat = sandboxCsat(db, policy.followUp.csatScale);
  return projectionRows(db, limit).map((r) => factsOfRow(r, policy, now, r.host === 'sandbox' ? csat.get(r.id) : undefined));
}

/** One projection row's facts (plus the earliest running clock's warning instant, for stored facts). */
export function factsOfRow(r: Row, policy: Policy, now: number, sandboxCsatAnswer?: number): TicketFacts & { warnAt: string | null } {
  const scale = policy.followUp.csatScale;
  const stop = policy.sla.stopStatuses as string[];
  {
    const history = j<{ at: string; status: StatusId }[]>(r.status_history, []);
    const correction = j<{ category?: string; severity?: string } | null>(r.correction, null);
    const severity = correction?.severity ?? r.severity;
    const solvedIdx = history.findIndex((h) => stop.includes(h.status));
    const reopened = solvedIdx >= 0 && history.slice(solvedIdx + 1).some((h) => !stop.includes(h.status));
    const tags = j<string[]>(r.tags, []);
    let sla: TicketFacts['sla'] = null;
    let breachedEver = tags.includes(policy.tags.slaBreached);
    let dueAt: string | null = null;
    let warnAt: string | null = null;
    try {
      const s = slaState(
        {
          createdAt: r.created_at,
          severity: severity as SeverityId,
          channel: r.channel ?? undefined,
          firstAgentReplyAt: r.first_agent_reply_at,
          statusChanges: history,
        },
        policy,
        now,
      );
      sla = s.state;
      const clocks = [s.acknowledge, s.respond, s.resolve].filter((c) => c !== null);
      breachedEver ||= clocks.some(
        (c) => c!.state === 'breached' || (c!.stoppedAt !== null && c!.dueAt !== null && c!.stoppedAt > c!.dueAt),
      );
      const running = clocks
        .filter((c) => c!.state !== 'met' && c!.dueAt)
        .sort((a, b) => (a!.dueAt as string).localeCompare(b!.dueAt as string));
      dueAt = running[0]?.dueAt ?? null;
      warnAt = (running[0] as { warnAt?: string | null } | undefined)?.warnAt ?? null;
    } catch {
      // A projection row the engine cannot evaluate (e.g. a severity the active policy no longer has) gets no SLA.
    }
    const fieldCsat = parseCsat(j<Record<string, unknown>>(r.fields, {}).csat, scale);
    return {
      host: r.host,
      id: r.id,
      subject: r.subject,
      createdAt: r.created_at,
      category: correction?.category ?? r.category,
      severity,
      status: r.status,
      tier: r.tier,
      escalated: j<unknown[]>(r.escalation_history, []).length > 0,
      firstAgentReplyAt: r.first_agent_reply_at,
      solvedAt: solvedIdx >= 0 ? history[solvedIdx].at : null,
      reopened,
      batch: r.batch,
      sla,
      breachedEver,
      dueAt,
      warnAt,
      csat: sandboxCsatAnswer ?? fieldCsat,
    };
  }
}

/** The last `n` tickets as dry-run inputs: sandbox tickets with their full conversation, others from the projection snapshot. */
export function recentDryRunTickets(db: Database.Database, n: number): DryRunTicket[] {
  const repeat = hasTable(db, 'tickets')
    ? db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE host = ? AND requester_id = ? AND created_at >= ?')
    : null;
  return projectionRows(db, n).map((r) => {
    const row = r.host === 'sandbox' ? ticketRow(db, r.id) : null;
    return dryRunTicketOf(
      r,
      (sinceIso) => (repeat && r.requester_id ? (repeat.get(r.host, r.requester_id, sinceIso) as { n: number }).n : 1),
      row ? toSandboxTicket(db, row) : undefined,
    );
  });
}

/**
 * One projection row as a dry-run input (either backend). `countSince(iso)`: this requester's tickets created at or
 * after `iso`; `full`: the ticket with its whole conversation where the store has it (the sandbox).
 */
export function dryRunTicketOf(r: Row, countSince: (sinceIso: string) => number, full?: Ticket): DryRunTicket {
  const snap = j<Partial<Ticket>>(r.snapshot, {});
  const ticket: Ticket = full ?? {
    host: r.host as Ticket['host'],
    id: r.id,
    subject: r.subject,
    description: snap.description ?? '',
    requester: snap.requester,
    channel: r.channel ?? undefined,
    createdAt: r.created_at,
    status: r.status as StatusId,
    tags: j<string[]>(r.tags, []),
    fields: j<Ticket['fields']>(r.fields, {}),
    locale: snap.locale,
  };
  const remedy = j<{ rejections?: number }>(r.remedy, {});
  return {
    host: r.host,
    ticket,
    firstAgentReplyAt: r.first_agent_reply_at,
    statusChanges: j(r.status_history, []),
    remedyRejections: remedy.rejections ?? 0,
    requesterComplaints: (days: number) =>
      r.requester_id ? countSince(new Date(Date.parse(r.created_at) - days * 86_400_000).toISOString()) : 1,
  };
}
