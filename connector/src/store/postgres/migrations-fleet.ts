/**
 * PostgreSQL migrations for what several replicas share beyond the queue (part of PG_MIGRATIONS, migrations.ts):
 * the host rate limit (pg-010: a sliding log of call starts per host account, a pause per account, and the
 * function that reserves a start atomically) and the dashboard facts and reconciliation cursors (pg-011, the same
 * tables as SQLite's). Tables are rendered from ../schema; reserve_host_call is PostgreSQL's own (PL/pgSQL: one
 * SQLite process serves its file and reserves in store/rate-limits-repo.ts). Append new migrations; never change
 * what an applied one creates.
 */
import { HOST_RATE_PAUSES, HOST_RATE_SLOTS, MODEL_FILES, RECONCILE_CURSORS, SCHEDULED_RUNS, TICKET_FACTS } from '../schema/other-tables';
import { addColumn, createTable, createTableWithIndexes } from '../schema/render-ddl';
import type { PgMigration } from './migrations';

const d = 'postgres';

export const FLEET_MIGRATIONS: PgMigration[] = [
  {
    id: 'pg-010-host-rate-limit',
    sql: `
${createTableWithIndexes(d, HOST_RATE_SLOTS)}
${createTable(d, HOST_RATE_PAUSES)}
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
    sql: [createTableWithIndexes(d, TICKET_FACTS, { except: ['policy_id'] }), createTable(d, RECONCILE_CURSORS)].join('\n'),
  },
  {
    // Jobs that run once per period across all replicas (reconciliation): the replica whose claim moves next_run_at
    // runs it (pg-schedule.ts); running_until keeps a second replica from starting the same job while one runs.
    // model_files: retrained candidate models by SHA-256, so every replica can load the model a shared policy
    // version pins, whichever replica trained it (pg-model-files.ts). ticket_facts.policy_id as SQLite's facts-002:
    // the policy version a row was computed under, so a policy change recomputes the others (admin/recompute-facts-pg.ts).
    id: 'pg-012-scheduled-runs-model-files',
    sql: [
      createTable(d, SCHEDULED_RUNS, { except: ['progress'] }),
      createTable(d, MODEL_FILES),
      addColumn(d, TICKET_FACTS, 'policy_id'),
    ].join('\n'),
  },
  {
    // How far a job's current or last run got (JSON), so every replica's dashboard shows the recompute one replica runs.
    id: 'pg-013-scheduled-runs-progress',
    sql: addColumn(d, SCHEDULED_RUNS, 'progress'),
  },
  {
    // An evidence append in one round trip (pg-evidence.ts): the ticket's advisory lock, the freeze check, the chain
    // head and the inserts happen here, in the database. Each entry's hash is sha256(prev_hash || head || seq || tail),
    // the body the connector hashes (evidence/hash-entry.ts hashBodyAroundSeq) with the seq only known here. The
    // chain trigger (pg-002) still checks every insert. In a VOLATILE function each statement takes a fresh snapshot
    // (READ COMMITTED), so the head read after the lock sees an append committed while this one waited for it.
    // Nothing is appended to a frozen ticket: no rows come back.
    id: 'pg-014-evidence-append',
    sql: `
CREATE FUNCTION evidence_append(p_host TEXT, p_ticket TEXT, p_type TEXT[], p_at TEXT[], p_by TEXT[], p_data TEXT[],
  p_head TEXT[], p_tail TEXT[]) RETURNS TABLE (out_seq INTEGER, out_hash TEXT) LANGUAGE plpgsql AS $$
DECLARE
  last_seq INTEGER;
  last_hash TEXT;
  h TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('evidence:' || p_host || '/' || p_ticket, 0));
  IF EXISTS (SELECT 1 FROM evidence_entries e WHERE e.host = p_host AND e.ticket_id = p_ticket AND e.type = 'freeze') THEN
    RETURN;
  END IF;
  SELECT e.seq, e.hash INTO last_seq, last_hash FROM evidence_entries e
    WHERE e.host = p_host AND e.ticket_id = p_ticket ORDER BY e.seq DESC LIMIT 1;
  last_seq := COALESCE(last_seq, 0);
  last_hash := COALESCE(last_hash, repeat('0', 64));
  FOR i IN 1 .. COALESCE(array_length(p_type, 1), 0) LOOP
    h := encode(sha256(convert_to(last_hash || p_head[i] || (last_seq + 1)::text || p_tail[i], 'UTF8')), 'hex');
    INSERT INTO evidence_entries (host, ticket_id, seq, type, at, by, data, prev_hash, hash)
      VALUES (p_host, p_ticket, last_seq + 1, p_type[i], p_at[i], p_by[i], p_data[i], last_hash, h);
    last_seq := last_seq + 1;
    last_hash := h;
    out_seq := last_seq;
    out_hash := h;
    RETURN NEXT;
  END LOOP;
END $$;`,
  },
];
