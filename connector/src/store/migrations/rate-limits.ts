/**
 * The host rate limit, shared by every connector process on the database (store/rate-limits-repo.ts): a log
 * of recent call starts per host account (at most `limit` rows each) and a pause per account (a 429's Retry-After).
 */
import type { Migration } from './index';

export const rateLimitMigrations: Migration[] = [
  {
    id: 'rate-001-host-calls',
    sql: `
CREATE TABLE host_rate_slots (
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX host_rate_slots_key ON host_rate_slots (key, at);
CREATE TABLE host_rate_pauses (
  key TEXT PRIMARY KEY,
  until INTEGER NOT NULL
);`,
  },
];
