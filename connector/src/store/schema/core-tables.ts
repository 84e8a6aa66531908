/**
 * The queue and projection tables (SQLite: migrations/core.ts; PostgreSQL: postgres/migrations.ts pg-001). Indexes
 * marked `only` differ on purpose: each serves its own dialect's claim and due queries (PostgreSQL's are partial).
 */
import { json, oneOf, opt, req, serialId } from './columns';
import type { TableSpec } from './table-spec';

export const INBOX: TableSpec = {
  name: 'inbox',
  columns: [
    serialId,
    req('host'),
    req('event_id'),
    req('ticket_id'),
    req('kind'),
    req('occurred_at'),
    req('received_at'),
    req('payload'),
    req('state', 'text', { default: "'pending'", check: oneOf('state', ['pending', 'done', 'failed']) }),
    req('attempts', 'int', { default: '0' }),
    opt('error'),
    opt('policy_version'),
    opt('processed_at'),
  ],
  unique: [['host', 'event_id']],
  indexes: [
    { name: 'inbox_pending', columns: ['state', 'id'], only: 'sqlite' },
    { name: 'inbox_pending', columns: ['id'], where: "state = 'pending'", only: 'postgres' },
    { name: 'inbox_ticket', columns: ['host', 'ticket_id', 'id'] },
  ],
};

/** Per-ticket leases between processes: PostgreSQL only (one SQLite process needs none). */
export const INBOX_LEASES: TableSpec = {
  name: 'inbox_leases',
  columns: [req('host'), req('ticket_id'), req('owner'), req('until', 'bigint')],
  primaryKey: ['host', 'ticket_id'],
};

export const OUTBOX: TableSpec = {
  name: 'outbox',
  columns: [
    serialId,
    req('host'),
    req('ticket_id'),
    req('op', 'text', { check: oneOf('op', ['apply_change', 'create_ticket']) }),
    req('payload'),
    req('state', 'text', { default: "'pending'", check: oneOf('state', ['pending', 'done', 'parked']) }),
    req('attempts', 'int', { default: '0' }),
    req('next_attempt_at', 'bigint', { default: '0' }),
    opt('last_error_code'),
    opt('last_error'),
    opt('result'),
    req('created_at'),
    opt('done_at'),
    opt('inbox_id', 'bigint', { references: 'inbox (id)' }),
    // Several processes claim outbox rows on PostgreSQL; one SQLite process needs no claim.
    opt('claimed_by', 'text', { only: 'postgres' }),
    req('claim_until', 'bigint', { default: '0', only: 'postgres' }),
  ],
  indexes: [
    { name: 'outbox_pending', columns: ['state', 'next_attempt_at', 'id'], only: 'sqlite' },
    { name: 'outbox_ticket', columns: ['host', 'ticket_id', 'id'], only: 'sqlite' },
    { name: 'outbox_pending', columns: ['host', 'ticket_id', 'id'], where: "state = 'pending'", only: 'postgres' },
  ],
};

export const TIMERS: TableSpec = {
  name: 'timers',
  columns: [
    serialId,
    req('host'),
    req('ticket_id'),
    req('kind'),
    req('due_at', 'bigint'),
    json('data', '{}'),
    req('created_at'),
    opt('fired_at'),
    opt('cancelled_at'),
  ],
  unique: [['host', 'ticket_id', 'kind', 'due_at']],
  indexes: [
    { name: 'timers_due', columns: ['fired_at', 'cancelled_at', 'due_at'], only: 'sqlite' },
    { name: 'timers_due', columns: ['due_at', 'id'], where: 'fired_at IS NULL AND cancelled_at IS NULL', only: 'postgres' },
  ],
};

export const TICKETS: TableSpec = {
  name: 'tickets',
  columns: [
    req('host'),
    req('id'),
    opt('requester_id'),
    req('subject', 'text', { default: "''" }),
    req('created_at'),
    opt('channel'),
    req('status'),
    json('status_history', '[]'),
    opt('first_agent_reply_at'),
    req('category'),
    req('severity'),
    json('signals', '[]'),
    req('classification'),
    opt('correction'),
    req('tier'),
    json('escalation_history', '[]'),
    json('remedy', '{}'),
    json('fields', '{}'),
    json('tags', '[]'),
    opt('batch'),
    json('snapshot', '{}'),
    opt('problem_id'),
    req('policy_version'),
    req('updated_at'),
    opt('dispatch_group'),
  ],
  primaryKey: ['host', 'id'],
  indexes: [
    { name: 'tickets_requester', columns: ['host', 'requester_id', 'created_at'] },
    { name: 'tickets_batch', columns: ['host', 'batch', 'created_at'] },
  ],
};

export const DECISIONS: TableSpec = {
  name: 'decisions',
  columns: [
    serialId,
    req('host'),
    req('ticket_id'),
    opt('inbox_id', 'bigint', { references: 'inbox (id)' }),
    req('kind'),
    req('policy_version'),
    req('at'),
    json('data', '{}'),
  ],
  indexes: [{ name: 'decisions_ticket', columns: ['host', 'ticket_id', 'id'] }],
};

export const CLUSTERS: TableSpec = {
  name: 'clusters',
  columns: [serialId, req('host'), req('batch'), opt('problem_ticket_id'), json('members', '[]'), req('created_at')],
  unique: [['host', 'batch']],
};

export const TICKET_FETCHES: TableSpec = {
  name: 'ticket_fetches',
  columns: [
    req('host'),
    req('ticket_id'),
    req('state', 'text', { default: "'pending'", check: oneOf('state', ['pending', 'done', 'parked']) }),
    req('attempts', 'int', { default: '0' }),
    req('next_attempt_at', 'bigint', { default: '0' }),
    opt('last_error_code'),
    req('created_at'),
    // 'refresh': re-read a known ticket (a webhook whose body was not valid JSON carried only its id).
    req('purpose', 'text', { default: "'bootstrap'", check: oneOf('purpose', ['bootstrap', 'refresh']) }),
  ],
  primaryKey: ['host', 'ticket_id'],
};
