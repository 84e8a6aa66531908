/** Policy versions: every accepted policy (file, admin, rollback) is a row; exactly one is active. Append only. */
import type { Migration } from './index';

export const policyMigrations: Migration[] = [
  {
    id: 'policy-001-versions',
    sql: `
CREATE TABLE policy_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  version TEXT NOT NULL,
  json TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('file', 'admin', 'rollback')),
  by TEXT NOT NULL,
  activated_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX policy_versions_one_active ON policy_versions (active) WHERE active = 1;
CREATE INDEX policy_versions_sha ON policy_versions (sha256);
`,
  },
];
