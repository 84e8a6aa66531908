/**
 * Health facts for the admin console from the store: per-host outbox activity (last success, last error,
 * calls in the last minute against the configured rate limit), queue depths and the latest errors.
 */
import type Database from 'better-sqlite3';

export interface HostHealth {
  host: string;
  mode: string;
  status: 'ok' | 'retrying' | 'failing' | 'idle';
  lastSuccessAt: string | null;
  lastError: { at: string; code: string | null } | null;
  callsLastMinute: number;
  limitPerMinute: number | null;
  headroomPerMinute: number | null;
}

export interface Health {
  now: string;
  hosts: HostHealth[];
  queue: { inboxPending: number; inboxFailed: number; outboxPending: number; outboxParked: number; timersDue: number };
  lastErrors: { source: 'inbox' | 'outbox'; host: string; ticketId: string; at: string | null; code: string | null; message: string }[];
}

const has = (db: Database.Database, t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
const count = (db: Database.Database, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

export function collectHealth(
  db: Database.Database,
  opts: { now: number; hosts: { host: string; mode: string; limitPerMinute: number | null }[] },
): Health {
  const outbox = has(db, 'outbox');
  const inbox = has(db, 'inbox');
  const minuteAgo = new Date(opts.now - 60_000).toISOString();
  const hosts = opts.hosts.map((h): HostHealth => {
    if (!outbox)
      return { ...h, status: 'idle', lastSuccessAt: null, lastError: null, callsLastMinute: 0, headroomPerMinute: h.limitPerMinute };
    const ok = db.prepare("SELECT MAX(done_at) AS at FROM outbox WHERE host = ? AND state = 'done'").get(h.host) as { at: string | null };
    const err = db
      .prepare(
        'SELECT created_at AS at, last_error_code AS code, state FROM outbox WHERE host = ? AND last_error_code IS NOT NULL ORDER BY id DESC LIMIT 1',
      )
      .get(h.host) as { at: string; code: string | null; state: string } | undefined;
    const parked = count(db, "SELECT COUNT(*) AS n FROM outbox WHERE host = ? AND state = 'parked'", h.host);
    const retrying = count(db, "SELECT COUNT(*) AS n FROM outbox WHERE host = ? AND state = 'pending' AND attempts > 0", h.host);
    const calls = count(db, 'SELECT COUNT(*) AS n FROM outbox WHERE host = ? AND done_at >= ?', h.host, minuteAgo);
    const status = retrying ? 'retrying' : parked && (!ok.at || (err && err.at > ok.at)) ? 'failing' : ok.at ? 'ok' : 'idle';
    return {
      ...h,
      status,
      lastSuccessAt: ok.at,
      lastError: err ? { at: err.at, code: err.code } : null,
      callsLastMinute: calls,
      headroomPerMinute: h.limitPerMinute == null ? null : Math.max(0, h.limitPerMinute - calls),
    };
  });
  const lastErrors: Health['lastErrors'] = [];
  if (inbox) {
    for (const r of db
      .prepare(
        "SELECT host, ticket_id, processed_at, error FROM inbox WHERE state = 'failed' OR error IS NOT NULL ORDER BY id DESC LIMIT 10",
      )
      .all() as { host: string; ticket_id: string; processed_at: string | null; error: string | null }[]) {
      lastErrors.push({ source: 'inbox', host: r.host, ticketId: r.ticket_id, at: r.processed_at, code: null, message: r.error ?? '' });
    }
  }
  if (outbox) {
    for (const r of db
      .prepare(
        'SELECT host, ticket_id, created_at, last_error_code, last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 10',
      )
      .all() as { host: string; ticket_id: string; created_at: string; last_error_code: string | null; last_error: string }[]) {
      lastErrors.push({
        source: 'outbox',
        host: r.host,
        ticketId: r.ticket_id,
        at: r.created_at,
        code: r.last_error_code,
        message: r.last_error,
      });
    }
  }
  return {
    now: new Date(opts.now).toISOString(),
    hosts,
    queue: {
      inboxPending: inbox ? count(db, "SELECT COUNT(*) AS n FROM inbox WHERE state = 'pending'") : 0,
      inboxFailed: inbox ? count(db, "SELECT COUNT(*) AS n FROM inbox WHERE state = 'failed'") : 0,
      outboxPending: outbox ? count(db, "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'") : 0,
      outboxParked: outbox ? count(db, "SELECT COUNT(*) AS n FROM outbox WHERE state = 'parked'") : 0,
      timersDue: has(db, 'timers')
        ? count(db, 'SELECT COUNT(*) AS n FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ?', opts.now)
        : 0,
    },
    lastErrors: lastErrors.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, 10),
  };
}
