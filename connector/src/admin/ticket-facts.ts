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
    host: f.host, id: f.id, subject: f.subject, createdAt: f.createdAt, day: Math.floor(Date.parse(f.createdAt) / DAY_MS), category: f.category, severity: f.severity,
    open: (policy.sla.stopStatuses as string[]).includes(f.status) ? 0 : 1, escalated: f.escalated ? 1 : 0,
    firstResponse: ms(f.firstAgentReplyAt), resolution: ms(f.solvedAt), reopened: f.reopened ? 1 : 0, breached: f.breachedEver ? 1 : 0,
    warnAt: f.warnAt, dueAt: f.dueAt, batch: f.batch, csat: f.csat, policyId,
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
  /** Tickets created at or after this instant count. */
  sinceMs: number;
  categories: readonly string[];
  severities: readonly string[];
  csatScale: { min: number; max: number };
  topN?: number;
  /** Most tickets listed as breached / at risk now (default 100). */
  listLimit?: number;
}

/** The dashboard KPIs over the window, from stored facts (same shape as computeKpis). */
export function kpisFromFacts(db: Database.Database, o: WindowOptions): Kpis {
  const since = new Date(o.sinceMs).toISOString();
  const nowIso = new Date(o.now).toISOString();
  const W = 'FROM ticket_facts WHERE created_at >= ?';
  const agg = db.prepare(`SELECT COUNT(*) AS total, SUM(breached OR (is_open AND due_at IS NOT NULL AND due_at <= @now)) AS breached, SUM(escalated) AS escalated,
      COUNT(resolution_ms) AS solved, SUM(CASE WHEN resolution_ms IS NOT NULL THEN reopened ELSE 0 END) AS reopened, COUNT(csat) AS csatN, SUM(csat) AS csatSum
    FROM ticket_facts WHERE created_at >= @since`).get({ now: nowIso, since }) as { total: number; breached: number | null; escalated: number | null; solved: number; reopened: number | null; csatN: number; csatSum: number | null };
  // One index-only read per measure, sorted in JS (a typed-array sort beats SQLite's temp B-tree plus OFFSET per percentile).
  const stat = (col: 'first_response_ms' | 'resolution_ms') => {
    const values = Float64Array.from(db.prepare(`SELECT ${col} ${W} AND ${col} IS NOT NULL`).pluck().all(since) as number[]).sort();
    const at = (p: number) => (values.length ? values[Math.min(values.length, Math.max(1, Math.ceil((p / 100) * values.length))) - 1] : null);
    return { n: values.length, medianMs: at(50), p90Ms: at(90) };
  };
  const daily = db.prepare(`SELECT created_day AS day, category, severity, COUNT(*) AS n ${W} GROUP BY created_day, category, severity`).all(since) as DailyRow[];
  const pct = (num: number, den: number) => (den ? Math.round((num / den) * 1000) / 10 : null);
  const listed = (where: string) => db.prepare(`SELECT host, ticket_id AS id, subject, severity, due_at AS dueAt FROM ticket_facts
    WHERE is_open = 1 AND ${where} ORDER BY due_at LIMIT @limit`).all({ now: nowIso, limit: o.listLimit ?? 100 }) as Kpis['breachedNow'];
  return {
    total: agg.total,
    firstResponse: stat('first_response_ms'),
    resolution: stat('resolution_ms'),
    slaAttainmentPercent: pct(agg.total - (agg.breached ?? 0), agg.total),
    escalationRatePercent: pct(agg.escalated ?? 0, agg.total),
    reopenRatePercent: pct(agg.reopened ?? 0, agg.solved),
    csat: csatOf(db, agg, since, o.csatScale),
    perCategory: series(daily, 'category', o.categories, o.now),
    perSeverity: series(daily, 'severity', o.severities, o.now),
    topBatches: (db.prepare(`SELECT batch, COUNT(*) AS count, SUM(is_open) AS open ${W} AND batch IS NOT NULL GROUP BY batch ORDER BY count DESC, batch LIMIT ?`)
      .all(since, o.topN ?? 10) as { batch: string; count: number; open: number }[]),
    breachedNow: listed('due_at IS NOT NULL AND due_at <= @now'),
    atRiskNow: listed('warn_at IS NOT NULL AND warn_at <= @now AND due_at > @now'),
  };
}

/** CSAT over the window: stored answers, with sandbox answers recorded on follow-up tickets counted for the ticket they are about. */
function csatOf(db: Database.Database, agg: { csatN: number; csatSum: number | null }, since: string, scale: { min: number; max: number }): Kpis['csat'] {
  let n = agg.csatN;
  let sum = agg.csatSum ?? 0;
  const sandbox = sandboxCsat(db, scale);
  if (sandbox.size) {
    const inWindow = db.prepare(`SELECT csat FROM ticket_facts WHERE host = 'sandbox' AND ticket_id = ? AND created_at >= ?`);
    for (const [id, v] of sandbox) {
      const row = inWindow.get(id, since) as { csat: number | null } | undefined;
      if (!row) continue;
      if (row.csat != null) { n--; sum -= row.csat; }
      n++;
      sum += v;
    }
  }
  return n ? { n, average: Math.round((sum / n) * 100) / 100, ...scale } : null;
}

interface DailyRow { day: number; category: string; severity: string; n: number }

function series(rows: DailyRow[], key: 'category' | 'severity', labels: readonly string[], now: number): Series {
  if (!rows.length) return { days: [], series: labels.map((label) => ({ label, values: [] })) };
  let last = Math.floor(now / DAY_MS);
  let lo = Infinity;
  for (const r of rows) { if (r.day > last) last = r.day; if (r.day < lo) lo = r.day; }
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
