/**
 * PostgreSQL migrations for what several replicas share beyond the queue (part of PG_MIGRATIONS, migrations.ts):
 * the host rate limit (pg-010: a sliding log of call starts per host account, a pause per account, and the
 * function that reserves a start atomically) and the dashboard facts and reconciliation cursors (pg-011, the same
 * tables as SQLite's). Append new migrations; never edit one.
 */
import type { PgMigration } from './migrations';

export const FLEET_MIGRATIONS: PgMigration[] = [
  {
    id: 'pg-010-host-rate-limit',
    sql: `
CREATE TABLE host_rate_slots (
  key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX host_rate_slots_key ON host_rate_slots (key, at);
CREATE TABLE host_rate_pauses (
  key TEXT PRIMARY KEY,
  until BIGINT NOT NULL
);
-- retry_at NULL: the start at_ms is recorded; otherwise when to ask again (the pause's end, or when the start that
-- keeps the window full leaves it). The advisory lock serialises one account's reservations until commit; the time
-- (the database's clock unless t is given) is read after it, so a wait for the lock never back-dates a start.
CREATE FUNCTION reserve_host_call(k TEXT, lim INTEGER, win BIGINT, t BIGINT, OUT at_ms BIGINT, OUT retry_at BIGINT) LANGUAGE plpgsql AS $$
DECLARE
  paused BIGINT;
  full_at BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('host-rate:' || k, 0));
  at_ms := COALESCE(t, (extract(epoch from clock_timestamp()) * 1000)::bigint);
  SELECT until INTO paused FROM host_rate_pauses WHERE key = k;
  IF paused IS NOT NULL AND paused > at_ms THEN retry_at := paused; RETURN; END IF;
  DELETE FROM host_rate_slots WHERE key = k AND at <= at_ms - win;
  SELECT at INTO full_at FROM host_rate_slots WHERE key = k ORDER BY at DESC OFFSET lim - 1 LIMIT 1;
  IF full_at IS NOT NULL THEN retry_at := full_at + win; RETURN; END IF;
  INSERT INTO host_rate_slots (key, at) VALUES (k, at_ms);
END $$;`,
  },
  {
    id: 'pg-011-facts-cursors',
    sql: `
CREATE TABLE ticket_facts (
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_day INTEGER NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  is_open INTEGER NOT NULL,
  escalated INTEGER NOT NULL,
  first_response_ms BIGINT,
  resolution_ms BIGINT,
  reopened INTEGER NOT NULL,
  breached INTEGER NOT NULL,
  warn_at TEXT,
  due_at TEXT,
  batch TEXT,
  csat DOUBLE PRECISION,
  PRIMARY KEY (host, ticket_id)
);
CREATE INDEX ticket_facts_window ON ticket_facts (created_at) INCLUDE (created_day, category, severity, is_open, escalated, breached, reopened,
  first_response_ms, resolution_ms, due_at, csat, batch);
CREATE INDEX ticket_facts_due ON ticket_facts (is_open, due_at);
CREATE TABLE reconcile_cursors (
  host TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL
);`,
  },
  {
    // Jobs that run once per period across all replicas (reconciliation): the replica whose claim moves next_run_at
    // runs it (pg-schedule.ts); running_until keeps a second replica from starting the same job while one runs.
    // model_files: retrained candidate models by SHA-256, so every replica can load the model a shared policy
    // version pins, whichever replica trained it (pg-model-files.ts). ticket_facts.policy_id as SQLite's facts-002:
    // the policy version a row was computed under, so a policy change recomputes the others (admin/recompute-facts-pg.ts).
    id: 'pg-012-scheduled-runs-model-files',
    sql: `
CREATE TABLE scheduled_runs (
  name TEXT PRIMARY KEY,
  next_run_at BIGINT NOT NULL,
  owner TEXT,
  started_at BIGINT,
  running_until BIGINT
);
CREATE TABLE model_files (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE ticket_facts ADD COLUMN policy_id BIGINT;`,
  },
];
