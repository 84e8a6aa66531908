/**
 * The sandbox helpdesk's own tables (a tiny helpdesk in the connector's database; see connector/src/sandbox).
 * `sandbox_audits` is the change log every sandbox change writes; its id makes the InboxEvent id.
 */
export const sandboxMigrations: { id: string; sql: string }[] = [
  {
    id: 'sandbox-001-helpdesk',
    sql: `
CREATE TABLE sandbox_requesters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT,
  email TEXT,
  phone TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sandbox_requesters_email ON sandbox_requesters(email) WHERE email IS NOT NULL;
CREATE TABLE sandbox_tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'problem', 'follow_up')),
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  requester_id INTEGER REFERENCES sandbox_requesters(id),
  channel TEXT,
  status TEXT NOT NULL DEFAULT 'new',
  priority TEXT,
  group_key TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  fields TEXT NOT NULL DEFAULT '{}',
  problem_id INTEGER REFERENCES sandbox_tickets(id),
  related_ticket_id INTEGER REFERENCES sandbox_tickets(id),
  due_at TEXT,
  locale TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sandbox_tickets_updated ON sandbox_tickets(updated_at);
CREATE TABLE sandbox_comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES sandbox_tickets(id),
  author TEXT NOT NULL CHECK (author IN ('customer', 'agent', 'system')),
  author_name TEXT,
  public INTEGER NOT NULL,
  body TEXT NOT NULL,
  marker TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE INDEX sandbox_comments_ticket ON sandbox_comments(ticket_id, id);
CREATE UNIQUE INDEX sandbox_comments_marker ON sandbox_comments(ticket_id, marker) WHERE marker IS NOT NULL;
CREATE TABLE sandbox_audits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES sandbox_tickets(id),
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
CREATE INDEX sandbox_audits_ticket ON sandbox_audits(ticket_id, id);
`,
  },
];
