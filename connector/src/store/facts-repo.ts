/**
 * Reads for recomputing the dashboard's stored facts (admin/recompute-facts.ts): the `tickets` projection in
 * rowid order, a page at a time, each row with the policy its facts were computed under (null: none yet).
 */
import type Database from 'better-sqlite3';

export interface FactsSourceRow {
  rid: number;
  /** `ticket_facts.policy_id` of this ticket, or null when it has no facts or they predate the column. */
  facts_policy_id: number | null;
  [column: string]: unknown;
}

export interface FactsRepo {
  /** Up to `limit` projection rows with rowid above `afterRowid`, in rowid order. */
  pageAfter(afterRowid: number, limit: number): FactsSourceRow[];
  /** The highest projection rowid (an upper bound of the ticket count that costs one index seek). */
  maxRowid(): number;
}

export function createFactsRepo(db: Database.Database): FactsRepo {
  const page = db.prepare(`SELECT t.rowid AS rid, t.*, f.policy_id AS facts_policy_id FROM tickets t
    LEFT JOIN ticket_facts f ON f.host = t.host AND f.ticket_id = t.id WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?`);
  const max = db.prepare('SELECT MAX(rowid) AS n FROM tickets');
  return {
    pageAfter: (afterRowid, limit) => page.all(afterRowid, limit) as FactsSourceRow[],
    maxRowid: () => (max.get() as { n: number | null }).n ?? 0,
  };
}

/** Per (day, category, severity) sums over the window, read in index order from `ticket_facts_day` (no sort). */
export interface DayGroup {
  day: number; category: string; severity: string; n: number; escalated: number; breached: number; solved: number; reopened: number; csatN: number; csatSum: number;
}

/**
 * Day groups in a reader's zone: tickets created at `sinceIso` or later, each counted on its local date (days since
 * the epoch), the zone's offset taken per segment (`fromIso` ascending; a daylight-saving change starts a new one).
 */
export interface LocalDays { sinceIso: string; segments: { fromIso: string; offsetSec: number }[] }

/** Per (local day, category, severity) sums from the covering `ticket_facts_window` index (the window's rows, sorted once). */
function localDayGroups(db: Database.Database, sums: string, local: LocalDays): DayGroup[] {
  const seg = local.segments;
  const params: string[] = [];
  const last = Math.trunc(Number(seg[seg.length - 1].offsetSec));
  const offset = seg.length === 1 ? String(last)
    : `CASE ${seg.slice(1).map((x, i) => { params.push(x.fromIso); return `WHEN created_at < ? THEN ${Math.trunc(Number(seg[i].offsetSec))}`; }).join(' ')} ELSE ${last} END`;
  return db.prepare(`SELECT (CAST(strftime('%s', created_at) AS INTEGER) + ${offset}) / 86400 AS day, category, severity, ${sums}
    FROM ticket_facts INDEXED BY ticket_facts_window WHERE created_at >= ? GROUP BY day, category, severity`).all(...params, local.sinceIso) as DayGroup[];
}

export interface WindowAggregates {
  groups: DayGroup[];
  /** Open, not flagged breached, deadline passed by `nowIso` (breached now), created in the window. */
  overdueUnflagged: number;
  firstResponseMs: Float64Array;
  resolutionMs: Float64Array;
  batches: { batch: string; count: number; open: number }[];
}

/**
 * The dashboard's aggregates over tickets created on UTC day `sinceDay` or later, each one narrow-index read
 * (migration facts-003): the cost grows with the window's tickets, never with all history, and is a few
 * index pages per thousand tickets. The percentile inputs come back unsorted.
 */
export function windowAggregates(db: Database.Database, sinceDay: number, nowIso: string, topBatches: number, local?: LocalDays): WindowAggregates {
  const sums = `COUNT(*) AS n, SUM(escalated) AS escalated, SUM(breached) AS breached,
      COUNT(resolution_ms) AS solved, SUM(CASE WHEN resolution_ms IS NOT NULL THEN reopened ELSE 0 END) AS reopened, COUNT(csat) AS csatN, TOTAL(csat) AS csatSum`;
  const groups = local && local.segments.some((x) => x.offsetSec !== 0)
    ? localDayGroups(db, sums, local)
    : db.prepare(`SELECT created_day AS day, category, severity, ${sums}
    FROM ticket_facts INDEXED BY ticket_facts_day WHERE created_day >= ? GROUP BY created_day, category, severity`).all(local ? Math.floor(Date.parse(local.sinceIso) / 86_400_000) : sinceDay) as DayGroup[];
  const overdueUnflagged = (db.prepare(`SELECT COUNT(*) AS n FROM ticket_facts INDEXED BY ticket_facts_overdue
    WHERE is_open = 1 AND breached = 0 AND due_at <= ? AND created_day >= ?`).get(nowIso, sinceDay) as { n: number }).n;
  const values = (col: 'first_response_ms' | 'resolution_ms', index: string) => Float64Array.from(db.prepare(`SELECT ${col} FROM ticket_facts INDEXED BY ${index}
    WHERE created_day >= ? AND ${col} IS NOT NULL`).pluck().all(sinceDay) as number[]);
  return {
    groups,
    overdueUnflagged,
    firstResponseMs: values('first_response_ms', 'ticket_facts_first_response'),
    resolutionMs: values('resolution_ms', 'ticket_facts_resolution'),
    batches: db.prepare(`SELECT batch, COUNT(*) AS count, SUM(is_open) AS open FROM ticket_facts INDEXED BY ticket_facts_batch
      WHERE batch IS NOT NULL AND created_day >= ? GROUP BY batch ORDER BY count DESC, batch LIMIT ?`).all(sinceDay, topBatches) as WindowAggregates['batches'],
  };
}
