/** Core tables: inbox, outbox, timers, ticket projection, decisions, clusters. Append new migrations; never edit one. */
import type { Migration } from './index';

export const coreMigrations: Migration[] = [
  {
    id: 'core-001-inbox-outbox',
    sql: `
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
CREATE INDEX inbox_pending ON inbox (state, id);
CREATE INDEX inbox_ticket ON inbox (host, ticket_id, id);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('apply_change', 'create_ticket')),
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error_code TEXT,
  last_error TEXT,
  result TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT,
  inbox_id INTEGER REFERENCES inbox (id)
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_ticket ON outbox (host, ticket_id, id);`,
  },
  {
    id: 'core-002-timers-tickets',
    sql: `
CREATE TABLE timers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  fired_at TEXT,
  cancelled_at TEXT,
  UNIQUE (host, ticket_id, kind, due_at)
);
CREATE INDEX timers_due ON timers (fired_at, cancelled_at, due_at);
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
  PRIMARY KEY (host, id)
);
CREATE INDEX tickets_requester ON tickets (host, requester_id, created_at);
CREATE INDEX tickets_batch ON tickets (host, batch, created_at);
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  inbox_id INTEGER REFERENCES inbox (id),
  kind TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  at TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX decisions_ticket ON decisions (host, ticket_id, id);
CREATE TABLE clusters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  host TEXT NOT NULL,
  batch TEXT NOT NULL,
  problem_ticket_id TEXT,
  members TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (host, batch)
);`,
  },
  {
    id: 'core-003-ticket-fetches',
    sql: `
CREATE TABLE ticket_fetches (
  host TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error_code TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (host, ticket_id)
);`,
  },
  {
    id: 'core-004-ticket-dispatch-group',
    sql: `ALTER TABLE tickets ADD COLUMN dispatch_group TEXT;`,
  },
  {
    // 'refresh': re-read a known ticket (a webhook whose body was not valid JSON carried only its id).
    id: 'core-006-ticket-fetch-purpose',
    sql: `ALTER TABLE ticket_fetches ADD COLUMN purpose TEXT NOT NULL DEFAULT 'bootstrap' CHECK (purpose IN ('bootstrap', 'refresh'));`,
  },
];
