/**
 * Stored dashboard facts (table `ticket_facts`): one row per ticket, refreshed by the pipeline in the same
 * transaction as each processed event, so the dashboard reads aggregates over a chosen window with SQL instead
 * of re-evaluating every ticket's SLA on each request. Each row records the policy it was computed under; rows of
 * another policy (or none) are recomputed in the background (recompute-facts.ts). "Breached now" and "at risk now"
 * compare stored deadlines with now.
 */
import type Database from 'better-sqlite3';
import type { Policy } from '../../../policies/src/types';
import { factsOfRow, hasTable, sandboxCsat, type Row } from './collect-facts';
import type { Kpis, Series, TicketFacts } from './compute-kpis';
import { windowAggregates, type LocalDays } from '../store/facts-repo';
import { sumDayGroups, windowRates } from './window-totals';
import { localDay, startOfLocalDay } from './zone-days';

const DAY_MS = 86_400_000;
const MIN_DAYS = 7;

export function upsertFacts(db: Database.Database) {
  return db.prepare(`INSERT INTO ticket_facts (host, ticket_id, subject, created_at, created_day, category, severity, is_open, escalated,
      first_response_ms, resolution_ms, reopened, breached, warn_at, due_at, batch, csat, policy_id)
    VALUES (@host, @id, @subject, @createdAt, @day, @category, @severity, @open, @escalated, @firstResponse, @resolution, @reopened, @breached, @warnAt, @dueAt, @batch, @csat, @policyId)
    ON CONFLICT (host, ticket_id) DO UPDATE SET subject = excluded.subject, category = excluded.category, severity = excluded.severity,
      is_open = excluded.is_open, escalated = excluded.escalated, first_response_ms = excluded.first_response_ms, resolution_ms = excluded.resolution_ms,
      reopened = excluded.reopened, breached = excluded.breached, warn_at = excluded.warn_at, due_at = excluded.due_at, batch = excluded.batch, csat = excluded.csat,
      policy_id = excluded.policy_id`);
}

/** Upsert parameters of one ticket's facts computed under `policy` (stored id `policyId`; null: recompute later). */
export function factsParams(f: TicketFacts & { warnAt: string | null }, policy: Policy, policyId: number | null) {
  const ms = (b: string | null) => (b ? Math.max(0, Date.parse(b) - Date.parse(f.createdAt)) : null);
  return {
    host: f.host,
    id: f.id,
    subject: f.subject,
    createdAt: f.createdAt,
    day: Math.floor(Date.parse(f.createdAt) / DAY_MS),
    category: f.category,
    severity: f.severity,
    open: (policy.sla.stopStatuses as string[]).includes(f.status) ? 0 : 1,
    escalated: f.escalated ? 1 : 0,
    firstResponse: ms(f.firstAgentReplyAt),
    resolution: ms(f.solvedAt),
    reopened: f.reopened ? 1 : 0,
    breached: f.breachedEver ? 1 : 0,
    warnAt: f.warnAt,
    dueAt: f.dueAt,
    batch: f.batch,
    csat: f.csat,
    policyId,
  };
}

/**
 * Refreshes one ticket's facts from its projection row (call inside the event's transaction). `policyId` names the
 * stored id of the policy the event ran under (null when it is no longer the active one: the row is then stale and
 * the background recompute redoes it).
 */
export function createFactsUpdater(db: Database.Database, policyId: (p: Policy) => number | null = () => null) {
  if (!hasTable(db, 'ticket_facts') || !hasTable(db, 'tickets')) return () => undefined;
  const read = db.prepare('SELECT * FROM tickets WHERE host = ? AND id = ?');
  const write = upsertFacts(db);
  return (host: string, ticketId: string, policy: Policy, now: number): void => {
    const r = read.get(host, ticketId) as Row | undefined;
    if (r) write.run(factsParams(factsOfRow(r, policy, now), policy, policyId(policy)));
  };
}

export interface WindowOptions {
  now: number;
  /** Tickets created at this instant or later count (the router passes the start of a day in `timeZone`). */
  sinceMs: number;
  /** The reader's IANA zone: the charts' days are its calendar days (default UTC). */
  timeZone?: string;
  categories: readonly string[];
  severities: readonly string[];
  csatScale: { min: number; max: number };
  topN?: number;
  /** Most tickets listed as breached / at risk now (default 100). */
  listLimit?: number;
}

/** Start of the day `days - 1` days before `now`'s in `zone` (UTC by default): a window of `days` whole calendar days, today included. */
export function windowStart(now: number, days: number, zone = 'UTC'): number {
  return startOfLocalDay(zone, localDay(zone, now) - (days - 1));
}

/** Nearest-rank percentile of unsorted values (sorted in place). */
function stat(values: Float64Array): Kpis['firstResponse'] {
  values.sort();
  const at = (p: number) => (values.length ? values[Math.min(values.length, Math.max(1, Math.ceil((p / 100) * values.length))) - 1] : null);
  return { n: values.length, medianMs: at(50), p90Ms: at(90) };
}

/**
 * The dashboard KPIs over the window, from stored facts (same shape as computeKpis): per-day sums and each measure
 * from narrow indexes (store/facts-repo.ts), lists of breached / at-risk tickets from the (is_open, due_at) index.
 */
export function kpisFromFacts(db: Database.Database, o: WindowOptions): Kpis {
  const sinceDay = Math.floor(o.sinceMs / DAY_MS);
  const nowIso = new Date(o.now).toISOString();
  const zone = o.timeZone ?? 'UTC';
  // Per-day counts on the reader's calendar; the other measures keep their day-keyed indexes (UTC days from the window's start).
  // The zone's local midnights, exact across a daylight-saving change (as PostgreSQL's AT TIME ZONE).
  const local: LocalDays | undefined =
    zone === 'UTC' ? undefined : { sinceMs: o.sinceMs, localDay: (ms) => localDay(zone, ms), startOfDay: (d) => startOfLocalDay(zone, d) };
  const w = windowAggregates(db, sinceDay, nowIso, o.topN ?? 10, local);
  const today = localDay(zone, o.now);
  const sum = sumDayGroups(w.groups, w.overdueUnflagged);
  const listed = (where: string) =>
    db
      .prepare(
        `SELECT host, ticket_id AS id, subject, severity, due_at AS dueAt FROM ticket_facts
    WHERE is_open = 1 AND ${where} ORDER BY due_at LIMIT @limit`,
      )
      .all({ now: nowIso, limit: o.listLimit ?? 100 }) as Kpis['breachedNow'];
  return {
    total: sum.total,
    firstResponse: stat(w.firstResponseMs),
    resolution: stat(w.resolutionMs),
    ...windowRates(sum),
    csat: csatOf(db, sum, sinceDay, o.csatScale),
    perCategory: series(w.groups, 'category', o.categories, today),
    perSeverity: series(w.groups, 'severity', o.severities, today),
    topBatches: w.batches,
    breachedNow: listed('due_at IS NOT NULL AND due_at <= @now'),
    atRiskNow: listed('warn_at IS NOT NULL AND warn_at <= @now AND due_at > @now'),
  };
}

/** CSAT over the window: stored answers, with sandbox answers recorded on follow-up tickets counted for the ticket they are about. */
function csatOf(
  db: Database.Database,
  agg: { csatN: number; csatSum: number },
  sinceDay: number,
  scale: { min: number; max: number },
): Kpis['csat'] {
  let n = agg.csatN;
  let sum = agg.csatSum;
  const sandbox = sandboxCsat(db, scale);
  if (sandbox.size) {
    const inWindow = db.prepare(`SELECT csat FROM ticket_facts WHERE host = 'sandbox' AND ticket_id = ? AND created_day >= ?`);
    for (const [id, v] of sandbox) {
      const row = inWindow.get(id, sinceDay) as { csat: number | null } | undefined;
      if (!row) continue;
      if (row.csat != null) {
        n--;
        sum -= row.csat;
      }
      n++;
      sum += v;
    }
  }
  return n ? { n, average: Math.round((sum / n) * 100) / 100, ...scale } : null;
}

interface DailyRow {
  day: number;
  category: string;
  severity: string;
  n: number;
}

/** Counts per day (`today` and the rows' days are day numbers: a date at UTC midnight, local dates for a reader's zone). */
export function series(rows: DailyRow[], key: 'category' | 'severity', labels: readonly string[], today: number): Series {
  if (!rows.length) return { days: [], series: labels.map((label) => ({ label, values: [] })) };
  let last = today;
  let lo = Infinity;
  for (const r of rows) {
    if (r.day > last) last = r.day;
    if (r.day < lo) lo = r.day;
  }
  const first = Math.min(last - (MIN_DAYS - 1), lo);
  const days = Array.from({ length: last - first + 1 }, (_, i) => (first + i) * 86_400);
  const out = labels.map((label) => ({ label, values: days.map(() => 0) }));
  const byLabel = new Map(out.map((x) => [x.label, x]));
  for (const r of rows) {
    const s = byLabel.get(r[key]);
    if (s) s.values[r.day - first] += r.n;
  }
  return { days, series: out };
}
