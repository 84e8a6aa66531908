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
  day: number;
  category: string;
  severity: string;
  n: number;
  escalated: number;
  breached: number;
  solved: number;
  reopened: number;
  csatN: number;
  csatSum: number;
}

/**
 * Day groups in a reader's zone: tickets created at `sinceMs` or later, each counted on its local date (days since
 * the epoch). `localDay(ms)` is an instant's local date; `startOfDay(day)` the instant local date `day` starts (a
 * daylight-saving change moves it: the boundaries are exact, as PostgreSQL's `AT TIME ZONE`).
 */
export interface LocalDays {
  sinceMs: number;
  localDay: (ms: number) => number;
  startOfDay: (localDay: number) => number;
}

const DAY_MS = 86_400_000;

/**
 * Per (local day, category, severity) sums: the UTC-day groups (index order, no sort), then each part of a UTC day
 * that lies on another local date (cut at the local midnights inside it) is read as one created_at range of the
 * covering `ticket_facts_window` index and moved there. Days before the window's first local day are dropped.
 */
function localDayGroups(db: Database.Database, sums: string, local: LocalDays): DayGroup[] {
  const firstUtc = Math.floor(local.sinceMs / DAY_MS);
  const utc = db
    .prepare(
      `SELECT created_day AS day, category, severity, ${sums}
    FROM ticket_facts INDEXED BY ticket_facts_day WHERE created_day >= ? GROUP BY created_day, category, severity`,
    )
    .all(firstUtc) as DayGroup[];
  if (!utc.length) return utc;
  const part = db.prepare(`SELECT category, severity, ${sums} FROM ticket_facts INDEXED BY ticket_facts_window
    WHERE created_at >= ? AND created_at < ? GROUP BY category, severity`);
  const out = new Map<string, DayGroup>();
  const add = (day: number, g: DayGroup, sign: 1 | -1) => {
    const key = `${day}\u0000${g.category}\u0000${g.severity}`;
    let t = out.get(key);
    if (!t) {
      t = {
        day,
        category: g.category,
        severity: g.severity,
        n: 0,
        escalated: 0,
        breached: 0,
        solved: 0,
        reopened: 0,
        csatN: 0,
        csatSum: 0,
      };
      out.set(key, t);
    }
    t.n += sign * g.n;
    t.escalated += sign * g.escalated;
    t.breached += sign * g.breached;
    t.solved += sign * g.solved;
    t.reopened += sign * g.reopened;
    t.csatN += sign * g.csatN;
    t.csatSum += sign * g.csatSum;
  };
  let lastUtc = firstUtc;
  for (const g of utc) {
    add(g.day, g, 1);
    if (g.day > lastUtc) lastUtc = g.day;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let d = firstUtc; d <= lastUtc; d++) {
    // UTC day d, cut at each local midnight inside it: [from, to) lies on local date `day`.
    const end = (d + 1) * DAY_MS;
    for (let from = d * DAY_MS, day = local.localDay(from); from < end; day++) {
      const to = Math.min(end, local.startOfDay(day + 1));
      if (day !== d && to > from)
        for (const g of part.all(iso(from), iso(to)) as DayGroup[]) {
          add(d, g, -1);
          add(day, g, 1);
        }
      from = Math.max(to, from + 1);
    }
  }
  const firstLocal = local.localDay(local.sinceMs);
  return [...out.values()].filter((g) => g.day >= firstLocal && g.n > 0).sort((a, b) => a.day - b.day);
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
export function windowAggregates(
  db: Database.Database,
  sinceDay: number,
  nowIso: string,
  topBatches: number,
  local?: LocalDays,
): WindowAggregates {
  const sums = `COUNT(*) AS n, SUM(escalated) AS escalated, SUM(breached) AS breached,
      COUNT(resolution_ms) AS solved, SUM(CASE WHEN resolution_ms IS NOT NULL THEN reopened ELSE 0 END) AS reopened, COUNT(csat) AS csatN, TOTAL(csat) AS csatSum`;
  const groups = local
    ? localDayGroups(db, sums, local)
    : (db
        .prepare(
          `SELECT created_day AS day, category, severity, ${sums}
    FROM ticket_facts INDEXED BY ticket_facts_day WHERE created_day >= ? GROUP BY created_day, category, severity`,
        )
        .all(sinceDay) as DayGroup[]);
  const overdueUnflagged = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM ticket_facts INDEXED BY ticket_facts_overdue
    WHERE is_open = 1 AND breached = 0 AND due_at <= ? AND created_day >= ?`,
      )
      .get(nowIso, sinceDay) as { n: number }
  ).n;
  const values = (col: 'first_response_ms' | 'resolution_ms', index: string) =>
    Float64Array.from(
      db
        .prepare(
          `SELECT ${col} FROM ticket_facts INDEXED BY ${index}
    WHERE created_day >= ? AND ${col} IS NOT NULL`,
        )
        .pluck()
        .all(sinceDay) as number[],
    );
  return {
    groups,
    overdueUnflagged,
    firstResponseMs: values('first_response_ms', 'ticket_facts_first_response'),
    resolutionMs: values('resolution_ms', 'ticket_facts_resolution'),
    batches: db
      .prepare(
        `SELECT batch, COUNT(*) AS count, SUM(is_open) AS open FROM ticket_facts INDEXED BY ticket_facts_batch
      WHERE batch IS NOT NULL AND created_day >= ? GROUP BY batch ORDER BY count DESC, batch LIMIT ?`,
      )
      .all(sinceDay, topBatches) as WindowAggregates['batches'],
  };
}
