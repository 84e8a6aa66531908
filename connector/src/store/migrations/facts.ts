/** Dashboard facts: one row per ticket, kept current by the pipeline as events are processed (admin/ticket-facts.ts). */
import type { Migration } from './index';

export const factsMigrations: Migration[] = [
  {
    id: 'facts-001-ticket-facts',
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
  first_response_ms INTEGER,
  resolution_ms INTEGER,
  reopened INTEGER NOT NULL,
  breached INTEGER NOT NULL,
  warn_at TEXT,
  due_at TEXT,
  batch TEXT,
  csat REAL,
  PRIMARY KEY (host, ticket_id)
);
-- Covering index for the dashboard's window queries: they read the index only, never the table.
CREATE INDEX ticket_facts_window ON ticket_facts (created_at, created_day, category, severity, is_open, escalated, breached, reopened,
  first_response_ms, resolution_ms, due_at, csat, batch);
CREATE INDEX ticket_facts_due ON ticket_facts (is_open, due_at);`,
  },
  {
    // The active policy's id the row was computed under: a policy change (activate, rollback, file) leaves rows of
    // another id (or null) to recompute in the background (admin/recompute-facts.ts), resuming after a restart.
    id: 'facts-002-policy-id',
    sql: 'ALTER TABLE ticket_facts ADD COLUMN policy_id INTEGER;',
  },
  {
    // Narrow indexes keyed by creation day for the dashboard's window reads (store/facts-repo.ts windowAggregates):
    // the per-day grouping reads in index order (no temporary B-tree), each measure reads only its own column.
    id: 'facts-003-window-indexes',
    sql: `
CREATE INDEX ticket_facts_day ON ticket_facts (created_day, category, severity, escalated, breached, reopened, csat, resolution_ms);
CREATE INDEX ticket_facts_first_response ON ticket_facts (created_day, first_response_ms) WHERE first_response_ms IS NOT NULL;
CREATE INDEX ticket_facts_resolution ON ticket_facts (created_day, resolution_ms) WHERE resolution_ms IS NOT NULL;
CREATE INDEX ticket_facts_overdue ON ticket_facts (is_open, breached, due_at, created_day);
CREATE INDEX ticket_facts_batch ON ticket_facts (created_day, batch, is_open) WHERE batch IS NOT NULL;`,
  },
];
