/**
 * Dashboard facts: one row per ticket, kept current by the pipeline as events are processed (admin/ticket-facts.ts).
 * Rendered from ../schema/other-tables.ts TICKET_FACTS (shared with PostgreSQL's pg-011/pg-012).
 */
import { TICKET_FACTS } from '../schema/other-tables';
import { addColumn, createIndexes, createTableWithIndexes } from '../schema/render-ddl';
import type { Migration } from './index';

const d = 'sqlite';
const LATER_INDEXES = [
  'ticket_facts_day',
  'ticket_facts_first_response',
  'ticket_facts_resolution',
  'ticket_facts_overdue',
  'ticket_facts_batch',
];

export const factsMigrations: Migration[] = [
  { id: 'facts-001-ticket-facts', sql: createTableWithIndexes(d, TICKET_FACTS, { except: ['policy_id'] }, { except: LATER_INDEXES }) },
  {
    // A policy change (activate, rollback, file) leaves rows of another policy id (or null) to recompute in the
    // background (admin/recompute-facts.ts), resuming after a restart.
    id: 'facts-002-policy-id',
    sql: addColumn(d, TICKET_FACTS, 'policy_id'),
  },
  // Narrow indexes keyed by creation day for the dashboard's window reads (no temporary B-tree).
  { id: 'facts-003-window-indexes', sql: createIndexes(d, TICKET_FACTS, { only: LATER_INDEXES }).join('\n') },
];
