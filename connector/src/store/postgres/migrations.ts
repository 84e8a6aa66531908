/**
 * The PostgreSQL schema: the same tables as SQLite's migrations (../migrations) plus what several processes
 * need (inbox_leases, outbox claims). Evidence is append-only and chained in the database itself: triggers
 * refuse UPDATE, DELETE and TRUNCATE, and check each insert against the ticket's last entry under a
 * per-ticket advisory lock, so concurrent writers (any client) cannot fork or break the chain.
 * Append new migrations; never edit one.
 */
import { FLEET_MIGRATIONS } from './migrations-fleet';

export interface PgMigration {
  id: string;
  sql: string;
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    id: 'pg-001-core',
    sql: `
CREATE TABLE inbox (
  id BIGSERIAL PRIMARY KEY,
  host TEXT NOT NULL,
  event_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  policy_version TEXT,
  processed_at TEXT,
  UNIQUE (host, event_id)
);
CREATE INDEX inbox_pending ON inbox (id) WHERE state = 'pending';
CREATE INDEX inbox_ticket ON inbox (host, ticket_id, id);
CREATE TABLE inbox_leases (
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  until BIGINT NOT NULL,
  PRIMARY KEY (host, ticket_id)
);
CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY,
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('apply_change', 'create_ticket')),
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_error_code TEXT,
  last_error TEXT,
  result TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT,
  inbox_id BIGINT REFERENCES inbox (id),
  claimed_by TEXT,
  claim_until BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (host, ticket_id, id) WHERE state = 'pending';
CREATE TABLE timers (
  id BIGSERIAL PRIMARY KEY,
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  fired_at TEXT,
  cancelled_at TEXT,
  UNIQUE (host, ticket_id, kind, due_at)
);
CREATE INDEX timers_due ON timers (due_at, id) WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE TABLE tickets (
  host TEXT NOT NULL,
  id TEXT NOT NULL,
  requester_id TEXT,
  subject TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  channel TEXT,
  status TEXT NOT NULL,
  status_history TEXT NOT NULL DEFAULT '[]',
  first_agent_reply_at TEXT,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  signals TEXT NOT NULL DEFAULT '[]',
  classification TEXT NOT NULL,
  correction TEXT,
  tier TEXT NOT NULL,
  escalation_history TEXT NOT NULL DEFAULT '[]',
  remedy TEXT NOT NULL DEFAULT '{}',
  fields TEXT NOT NULL DEFAULT '{}',
  tags TEXT NOT NULL DEFAULT '[]',
  batch TEXT,
  snapshot TEXT NOT NULL DEFAULT '{}',
  problem_id TEXT,
  policy_version TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  dispatch_group TEXT,
  PRIMARY KEY (host, id)
);
CREATE INDEX tickets_requester ON tickets (host, requester_id, created_at);
CREATE INDEX tickets_batch ON tickets (host, batch, created_at);
CREATE TABLE decisions (
  id BIGSERIAL PRIMARY KEY,
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  inbox_id BIGINT REFERENCES inbox (id),
  kind TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  at TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX decisions_ticket ON decisions (host, ticket_id, id);
CREATE TABLE clusters (
  id BIGSERIAL PRIMARY KEY,
  host TEXT NOT NULL,
  batch TEXT NOT NULL,
  problem_ticket_id TEXT,
  members TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (host, batch)
);
CREATE TABLE ticket_fetches (
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_error_code TEXT,
  created_at TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT 'bootstrap' CHECK (purpose IN ('bootstrap', 'refresh')),
  PRIMARY KEY (host, ticket_id)
);`,
  },
  {
    id: 'pg-002-evidence',
    sql: `
CREATE TABLE evidence_entries (
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  type TEXT NOT NULL CHECK (type IN ('comment', 'attachment', 'event', 'action', 'item', 'review', 'freeze')),
  at TEXT NOT NULL,
  by TEXT,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  PRIMARY KEY (host, ticket_id, seq)
);
CREATE FUNCTION evidence_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence_entries is append-only: entries cannot be changed or deleted (%)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER evidence_entries_no_change BEFORE UPDATE OR DELETE ON evidence_entries
  FOR EACH ROW EXECUTE FUNCTION evidence_entries_append_only();
CREATE TRIGGER evidence_entries_no_truncate BEFORE TRUNCATE ON evidence_entries
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_entries_append_only();
CREATE FUNCTION evidence_entries_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq INTEGER;
  last_hash TEXT;
BEGIN
  -- One writer per ticket at a time (released at commit), so the check below sees the true last entry.
  PERFORM pg_advisory_xact_lock(hashtextextended('evidence:' || NEW.host || '/' || NEW.ticket_id, 0));
  IF EXISTS (SELECT 1 FROM evidence_entries WHERE host = NEW.host AND ticket_id = NEW.ticket_id AND type = 'freeze') THEN
    RAISE EXCEPTION 'evidence of this ticket is frozen: nothing can be appended' USING ERRCODE = 'restrict_violation';
  END IF;
  SELECT seq, hash INTO last_seq, last_hash FROM evidence_entries
    WHERE host = NEW.host AND ticket_id = NEW.ticket_id ORDER BY seq DESC LIMIT 1;
  IF NEW.seq <> COALESCE(last_seq, 0) + 1 OR NEW.prev_hash <> COALESCE(last_hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'evidence entry does not continue the chain (seq must follow the last entry and prev_hash must be its hash)'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evidence_entries_chain BEFORE INSERT ON evidence_entries
  FOR EACH ROW EXECUTE FUNCTION evidence_entries_chain();`,
  },
  {
    id: 'pg-003-policy-versions',
    sql: `
CREATE TABLE policy_versions (
  id BIGSERIAL PRIMARY KEY,
  version TEXT NOT NULL,
  json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('file', 'admin', 'rollback')),
  by TEXT NOT NULL,
  activated_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX policy_versions_one_active ON policy_versions (active) WHERE active = 1;
CREATE INDEX policy_versions_sha ON policy_versions (sha256);`,
  },
  ...FLEET_MIGRATIONS,
];
