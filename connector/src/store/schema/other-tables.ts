/**
 * Evidence, policy history, host rate limit, dashboard facts, reconciliation cursors, and the PostgreSQL-only
 * shared-job and model tables. Evidence's append-only triggers stay per dialect in the migrations (evidence.ts,
 * postgres/migrations.ts): SQLite triggers and PL/pgSQL functions share no syntax worth describing neutrally.
 */
import { oneOf, opt, req, serialId } from './columns';
import type { TableSpec } from './table-spec';

export const EVIDENCE_ENTRIES: TableSpec = {
  name: 'evidence_entries',
  columns: [
    req('host'),
    req('ticket_id'),
    req('seq', 'int', { check: 'seq >= 1' }),
    req('type', 'text', { check: oneOf('type', ['comment', 'attachment', 'event', 'action', 'item', 'review', 'freeze']) }),
    req('at'),
    opt('by'),
    req('data'),
    req('prev_hash', 'text', { check: 'length(prev_hash) = 64' }),
    req('hash', 'text', { check: 'length(hash) = 64' }),
  ],
  primaryKey: ['host', 'ticket_id', 'seq'],
  withoutRowid: true,
};

export const POLICY_VERSIONS: TableSpec = {
  name: 'policy_versions',
  columns: [
    serialId,
    req('version'),
    req('json'),
    req('sha256'),
    req('source', 'text', { check: oneOf('source', ['file', 'admin', 'rollback']) }),
    req('by'),
    req('activated_at'),
    req('active', 'int', { default: '0', check: 'active IN (0, 1)' }),
  ],
  indexes: [
    { name: 'policy_versions_one_active', columns: ['active'], unique: true, where: 'active = 1' },
    { name: 'policy_versions_sha', columns: ['sha256'] },
  ],
};

/** A sliding log of call starts per host account (store/rate-limits-repo.ts; PostgreSQL: reserve_host_call). */
export const HOST_RATE_SLOTS: TableSpec = {
  name: 'host_rate_slots',
  columns: [req('key'), req('at', 'bigint')],
  indexes: [{ name: 'host_rate_slots_key', columns: ['key', 'at'] }],
};

export const HOST_RATE_PAUSES: TableSpec = {
  name: 'host_rate_pauses',
  columns: [{ name: 'key', type: 'text', primaryKey: true }, req('until', 'bigint')],
};

export const TICKET_FACTS: TableSpec = {
  name: 'ticket_facts',
  columns: [
    req('host'),
    req('ticket_id'),
    req('subject'),
    req('created_at'),
    req('created_day', 'int'),
    req('category'),
    req('severity'),
    req('is_open', 'int'),
    req('escalated', 'int'),
    opt('first_response_ms', 'bigint'),
    opt('resolution_ms', 'bigint'),
    req('reopened', 'int'),
    req('breached', 'int'),
    opt('warn_at'),
    opt('due_at'),
    opt('batch'),
    opt('csat', 'real'),
    // The active policy's id the row was computed under: a policy change leaves rows of another id to recompute.
    opt('policy_id', 'bigint'),
  ],
  primaryKey: ['host', 'ticket_id'],
  indexes: [
    // Covering index for the dashboard's window queries: they read the index only, never the table.
    {
      name: 'ticket_facts_window',
      columns: ['created_at'],
      include: [
        'created_day',
        'category',
        'severity',
        'is_open',
        'escalated',
        'breached',
        'reopened',
        'first_response_ms',
        'resolution_ms',
        'due_at',
        'csat',
        'batch',
      ],
    },
    { name: 'ticket_facts_due', columns: ['is_open', 'due_at'] },
    // SQLite's per-day window reads (store/facts-repo.ts windowAggregates): read in index order, one column each.
    {
      name: 'ticket_facts_day',
      columns: ['created_day', 'category', 'severity', 'escalated', 'breached', 'reopened', 'csat', 'resolution_ms'],
      only: 'sqlite',
    },
    {
      name: 'ticket_facts_first_response',
      columns: ['created_day', 'first_response_ms'],
      where: 'first_response_ms IS NOT NULL',
      only: 'sqlite',
    },
    { name: 'ticket_facts_resolution', columns: ['created_day', 'resolution_ms'], where: 'resolution_ms IS NOT NULL', only: 'sqlite' },
    { name: 'ticket_facts_overdue', columns: ['is_open', 'breached', 'due_at', 'created_day'], only: 'sqlite' },
    { name: 'ticket_facts_batch', columns: ['created_day', 'batch', 'is_open'], where: 'batch IS NOT NULL', only: 'sqlite' },
  ],
};

export const RECONCILE_CURSORS: TableSpec = {
  name: 'reconcile_cursors',
  columns: [{ name: 'host', type: 'text', primaryKey: true }, req('cursor'), req('updated_at')],
};

/** Jobs that run once per period across all replicas (postgres/pg-schedule.ts): PostgreSQL only. */
export const SCHEDULED_RUNS: TableSpec = {
  name: 'scheduled_runs',
  columns: [
    { name: 'name', type: 'text', primaryKey: true },
    req('next_run_at', 'bigint'),
    opt('owner'),
    opt('started_at', 'bigint'),
    opt('running_until', 'bigint'),
    // JSON: how far the current or last run got (the dashboard's recompute progress, readable on every replica).
    opt('progress'),
  ],
};

/** Retrained models by SHA-256, shared by replicas (postgres/pg-model-files.ts); SQLite keeps the file beside the database. */
export const MODEL_FILES: TableSpec = {
  name: 'model_files',
  columns: [{ name: 'sha256', type: 'text', primaryKey: true, check: 'length(sha256) = 64' }, req('name'), req('body'), req('created_at')],
};
