/**
 * The admin console's reads on PostgreSQL (admin/pg-admin-data.ts): dashboard aggregates computed by the server
 * (sums per day, nearest-rank percentiles with percentile_disc, the breached / at-risk lists), so only small
 * results cross to the connector; health counts; clusters; frozen evidence; recent tickets for dry runs; agents'
 * corrections for a retrain. Every bigint comes back as a JS number.
 */
import type { DayGroup } from '../facts-repo';
import type { Sql } from './sql';

type Row = Record<string, unknown>;
const num = (v: unknown) => (v == null ? null : Number(v));

export interface PgStat {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
}
export type Brief = { host: string; id: string; subject: string; severity: string; dueAt: string | null };

export interface PgWindow {
  groups: DayGroup[];
  overdueUnflagged: number;
  firstResponse: PgStat;
  resolution: PgStat;
  batches: { batch: string; count: number; open: number }[];
  breachedNow: Brief[];
  atRiskNow: Brief[];
}

/**
 * The dashboard's window, in five queries run one after another. Per-day groups: tickets created at `sinceIso` or
 * later, each on its calendar day in `zone` (PostgreSQL's `AT TIME ZONE`, exact across daylight-saving changes),
 * numbered as that local date at UTC midnight, as SQLite's (zone-days.ts); read from the created_at index with
 * its included columns. The other measures count tickets created on UTC day `sinceDay` or later, as on SQLite.
 */
export async function pgWindow(
  sql: Sql,
  sinceDay: number,
  nowIso: string,
  topBatches: number,
  listLimit: number,
  local: { sinceIso: string; zone: string },
): Promise<PgWindow> {
  const groups = (
    await sql.query(
      `SELECT ((created_at::timestamptz AT TIME ZONE $2)::date - DATE '1970-01-01') AS day, category, severity, COUNT(*) AS n,
      SUM(escalated) AS escalated, SUM(breached) AS breached, COUNT(resolution_ms) AS solved, SUM(CASE WHEN resolution_ms IS NOT NULL THEN reopened ELSE 0 END) AS reopened,
      COUNT(csat) AS csat_n, COALESCE(SUM(csat), 0) AS csat_sum
    FROM ticket_facts WHERE created_at >= $1 GROUP BY 1, category, severity`,
      [local.sinceIso, local.zone],
    )
  ).rows.map((r) => ({
    day: Number(r.day),
    category: String(r.category),
    severity: String(r.severity),
    n: Number(r.n),
    escalated: Number(r.escalated),
    breached: Number(r.breached),
    solved: Number(r.solved),
    reopened: Number(r.reopened),
    csatN: Number(r.csat_n),
    csatSum: Number(r.csat_sum),
  }));
  const overdue = (
    await sql.query(`SELECT COUNT(*) AS n FROM ticket_facts WHERE is_open = 1 AND breached = 0 AND due_at <= $1 AND created_day >= $2`, [
      nowIso,
      sinceDay,
    ])
  ).rows[0];
  const stat = async (col: 'first_response_ms' | 'resolution_ms'): Promise<PgStat> => {
    const r = (
      await sql.query(
        `SELECT COUNT(${col}) AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY ${col}) AS p50, percentile_disc(0.9) WITHIN GROUP (ORDER BY ${col}) AS p90
      FROM ticket_facts WHERE created_day >= $1 AND ${col} IS NOT NULL`,
        [sinceDay],
      )
    ).rows[0];
    return { n: Number(r.n), medianMs: num(r.p50), p90Ms: num(r.p90) };
  };
  const firstResponse = await stat('first_response_ms');
  const resolution = await stat('resolution_ms');
  const batches = (
    await sql.query(
      `SELECT batch, COUNT(*) AS count, SUM(is_open) AS open FROM ticket_facts
    WHERE batch IS NOT NULL AND created_day >= $1 GROUP BY batch ORDER BY count DESC, batch LIMIT $2`,
      [sinceDay, topBatches],
    )
  ).rows.map((r) => ({ batch: String(r.batch), count: Number(r.count), open: Number(r.open) }));
  const listed = async (where: string): Promise<Brief[]> =>
    (
      await sql.query(
        `SELECT host, ticket_id, subject, severity, due_at FROM ticket_facts
    WHERE is_open = 1 AND ${where} ORDER BY due_at LIMIT $2`,
        [nowIso, listLimit],
      )
    ).rows.map((r) => ({
      host: String(r.host),
      id: String(r.ticket_id),
      subject: String(r.subject),
      severity: String(r.severity),
      dueAt: r.due_at == null ? null : String(r.due_at),
    }));
  return {
    groups,
    overdueUnflagged: Number(overdue.n),
    firstResponse,
    resolution,
    batches,
    breachedNow: await listed('due_at IS NOT NULL AND due_at <= $1'),
    atRiskNow: await listed('warn_at IS NOT NULL AND warn_at <= $1 AND due_at > $1'),
  };
}

export async function pgClusters(
  sql: Sql,
  limit = 20,
): Promise<{ host: string; batch: string; problemTicketId: string | null; members: string; createdAt: string }[]> {
  return (
    await sql.query('SELECT host, batch, problem_ticket_id, members, created_at FROM clusters ORDER BY id DESC LIMIT $1', [limit])
  ).rows.map((r) => ({
    host: String(r.host),
    batch: String(r.batch),
    problemTicketId: r.problem_ticket_id == null ? null : String(r.problem_ticket_id),
    members: String(r.members),
    createdAt: String(r.created_at),
  }));
}

/** Tickets with a freeze entry, newest freeze first, with the subject the projection has. */
export async function pgFrozenTickets(sql: Sql, limit: number): Promise<{ host: string; ticketId: string; subject: string }[]> {
  return (
    await sql.query(
      `SELECT e.host, e.ticket_id, MAX(e.at) AS at, MAX(t.subject) AS subject FROM evidence_entries e
    LEFT JOIN tickets t ON t.host = e.host AND t.id = e.ticket_id WHERE e.type = 'freeze' GROUP BY e.host, e.ticket_id ORDER BY at DESC LIMIT $1`,
      [limit],
    )
  ).rows.map((r) => ({ host: String(r.host), ticketId: String(r.ticket_id), subject: r.subject == null ? '' : String(r.subject) }));
}

/** Hosts seen in the projection or the outbox. */
export async function pgSeenHosts(sql: Sql): Promise<string[]> {
  return (await sql.query('SELECT host FROM tickets UNION SELECT host FROM outbox ORDER BY host')).rows.map((r) => String(r.host));
}

export interface PgHostActivity {
  lastSuccessAt: string | null;
  lastError: { at: string; code: string | null } | null;
  parked: number;
  retrying: number;
  callsLastMinute: number;
}

export async function pgHostActivity(sql: Sql, host: string, minuteAgoIso: string): Promise<PgHostActivity> {
  const r = (
    await sql.query(
      `SELECT
      (SELECT MAX(done_at) FROM outbox WHERE host = $1 AND state = 'done') AS ok_at,
      (SELECT COUNT(*) FROM outbox WHERE host = $1 AND state = 'parked') AS parked,
      (SELECT COUNT(*) FROM outbox WHERE host = $1 AND state = 'pending' AND attempts > 0) AS retrying,
      (SELECT COUNT(*) FROM outbox WHERE host = $1 AND done_at >= $2) AS calls`,
      [host, minuteAgoIso],
    )
  ).rows[0];
  const err = (
    await sql.query(
      'SELECT created_at, last_error_code FROM outbox WHERE host = $1 AND last_error_code IS NOT NULL ORDER BY id DESC LIMIT 1',
      [host],
    )
  ).rows[0];
  return {
    lastSuccessAt: r.ok_at == null ? null : String(r.ok_at),
    lastError: err ? { at: String(err.created_at), code: err.last_error_code == null ? null : String(err.last_error_code) } : null,
    parked: Number(r.parked),
    retrying: Number(r.retrying),
    callsLastMinute: Number(r.calls),
  };
}

export async function pgQueueCounts(
  sql: Sql,
  now: number,
): Promise<{ inboxPending: number; inboxFailed: number; outboxPending: number; outboxParked: number; timersDue: number }> {
  const r = (
    await sql.query(
      `SELECT
      (SELECT COUNT(*) FROM inbox WHERE state = 'pending') AS inbox_pending, (SELECT COUNT(*) FROM inbox WHERE state = 'failed') AS inbox_failed,
      (SELECT COUNT(*) FROM outbox WHERE state = 'pending') AS outbox_pending, (SELECT COUNT(*) FROM outbox WHERE state = 'parked') AS outbox_parked,
      (SELECT COUNT(*) FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1) AS timers_due`,
      [now],
    )
  ).rows[0];
  return {
    inboxPending: Number(r.inbox_pending),
    inboxFailed: Number(r.inbox_failed),
    outboxPending: Number(r.outbox_pending),
    outboxParked: Number(r.outbox_parked),
    timersDue: Number(r.timers_due),
  };
}

export interface PgErrorRow {
  source: 'inbox' | 'outbox';
  host: string;
  ticketId: string;
  at: string | null;
  code: string | null;
  message: string;
}

export async function pgLastErrors(sql: Sql): Promise<PgErrorRow[]> {
  const inbox = (
    await sql.query(
      "SELECT host, ticket_id, processed_at, error FROM inbox WHERE state = 'failed' OR error IS NOT NULL ORDER BY id DESC LIMIT 10",
    )
  ).rows.map((r): PgErrorRow => ({
    source: 'inbox',
    host: String(r.host),
    ticketId: String(r.ticket_id),
    at: r.processed_at == null ? null : String(r.processed_at),
    code: null,
    message: r.error == null ? '' : String(r.error),
  }));
  const outbox = (
    await sql.query(
      'SELECT host, ticket_id, created_at, last_error_code, last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 10',
    )
  ).rows.map((r): PgErrorRow => ({
    source: 'outbox',
    host: String(r.host),
    ticketId: String(r.ticket_id),
    at: String(r.created_at),
    code: r.last_error_code == null ? null : String(r.last_error_code),
    message: String(r.last_error),
  }));
  return [...inbox, ...outbox];
}

/** The newest `limit` projection rows (as SQLite returns them: JSON columns as text). */
export async function pgRecentTickets(sql: Sql, limit: number): Promise<Row[]> {
  return (await sql.query('SELECT * FROM tickets ORDER BY created_at DESC, id DESC LIMIT $1', [limit])).rows;
}

/** Creation times of every ticket of these requesters (a dry run's repeat-complaint counts), by `host\nrequester`. */
export async function pgRequesterTimes(sql: Sql, keys: { host: string; requesterId: string }[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!keys.length) return out;
  const rows = (
    await sql.query(
      `SELECT host, requester_id, created_at FROM tickets WHERE (host, requester_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.host), keys.map((k) => k.requesterId)],
    )
  ).rows;
  for (const r of rows) {
    const k = `${r.host}\n${r.requester_id}`;
    out.set(k, [...(out.get(k) ?? []), String(r.created_at)]);
  }
  return out;
}

/** Tickets an agent corrected or confirmed (an uncorrected ticket stores JSON `null`), oldest change first. */
export async function pgCorrectedTickets(sql: Sql): Promise<Row[]> {
  return (
    await sql.query(
      "SELECT host, id, subject, snapshot, category, severity, signals FROM tickets WHERE correction IS NOT NULL AND correction != 'null' ORDER BY updated_at",
    )
  ).rows;
}
