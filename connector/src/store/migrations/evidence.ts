/**
 * The evidence log: one append-only, SHA-256 hash-chained list of entries per ticket
 * (connector/src/evidence). Triggers make the table append-only (no UPDATE, no DELETE), keep
 * `seq` contiguous and chained to the previous hash, and refuse appends after a `freeze` entry.
 * The table is rendered from ../schema/other-tables.ts (shared with PostgreSQL); the triggers are SQLite's own
 * (PostgreSQL enforces the same rules with PL/pgSQL functions under an advisory lock: postgres/migrations.ts).
 * Append new migrations; never change what an applied one creates.
 */
import { EVIDENCE_ENTRIES } from '../schema/other-tables';
import { createTable } from '../schema/render-ddl';
import type { Migration } from './index';

export const evidenceMigrations: Migration[] = [
  {
    id: 'evidence-001-entries',
    sql: `
${createTable('sqlite', EVIDENCE_ENTRIES)}
CREATE TRIGGER evidence_entries_no_update BEFORE UPDATE ON evidence_entries
BEGIN
  SELECT RAISE(ABORT, 'evidence_entries is append-only: entries cannot be changed');
END;
CREATE TRIGGER evidence_entries_no_delete BEFORE DELETE ON evidence_entries
BEGIN
  SELECT RAISE(ABORT, 'evidence_entries is append-only: entries cannot be deleted');
END;
CREATE TRIGGER evidence_entries_frozen BEFORE INSERT ON evidence_entries
WHEN EXISTS (SELECT 1 FROM evidence_entries WHERE host = NEW.host AND ticket_id = NEW.ticket_id AND type = 'freeze')
BEGIN
  SELECT RAISE(ABORT, 'evidence of this ticket is frozen: nothing can be appended');
END;
CREATE TRIGGER evidence_entries_chain BEFORE INSERT ON evidence_entries
WHEN NEW.seq <> COALESCE((SELECT MAX(seq) FROM evidence_entries WHERE host = NEW.host AND ticket_id = NEW.ticket_id), 0) + 1
  OR NEW.prev_hash <> COALESCE(
    (SELECT hash FROM evidence_entries WHERE host = NEW.host AND ticket_id = NEW.ticket_id AND seq = NEW.seq - 1),
    '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'evidence entry does not continue the chain (seq must follow the last entry and prev_hash must be its hash)');
END;`,
  },
];
