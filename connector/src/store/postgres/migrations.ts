/**
 * The PostgreSQL schema: the same tables as SQLite's migrations (../migrations) plus what several processes
 * need (inbox_leases, outbox claims). Evidence is append-only and chained in the database itself: triggers
 * refuse UPDATE, DELETE and TRUNCATE, and check each insert against the ticket's last entry under a
 * per-ticket advisory lock, so concurrent writers (any client) cannot fork or break the chain.
 * Tables and indexes are rendered from ../schema (the same descriptions SQLite's migrations render); the evidence
 * triggers and functions are PostgreSQL's own (PL/pgSQL; SQLite has its own triggers in ../migrations/evidence.ts).
 * Append new migrations; never change what an applied one creates.
 */
import { CLUSTERS, DECISIONS, INBOX, INBOX_LEASES, OUTBOX, TICKET_FETCHES, TICKETS, TIMERS } from '../schema/core-tables';
import { EVIDENCE_ENTRIES, POLICY_VERSIONS } from '../schema/other-tables';
import { createTable, createTableWithIndexes } from '../schema/render-ddl';
import { FLEET_MIGRATIONS } from './migrations-fleet';

export interface PgMigration {
  id: string;
  sql: string;
}

const d = 'postgres';

export const PG_MIGRATIONS: PgMigration[] = [
  {
    id: 'pg-001-core',
    sql: [
      createTableWithIndexes(d, INBOX),
      createTable(d, INBOX_LEASES),
      createTableWithIndexes(d, OUTBOX),
      createTableWithIndexes(d, TIMERS),
      createTableWithIndexes(d, TICKETS),
      createTableWithIndexes(d, DECISIONS),
      createTable(d, CLUSTERS),
      createTable(d, TICKET_FETCHES),
    ].join('\n'),
  },
  {
    id: 'pg-002-evidence',
    sql: `
${createTable(d, EVIDENCE_ENTRIES)}
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
  { id: 'pg-003-policy-versions', sql: createTableWithIndexes(d, POLICY_VERSIONS) },
  ...FLEET_MIGRATIONS,
];
