/**
 * All schema migrations, applied in this order by openDatabase() and recorded in `schema_migrations`.
 * Each area owns one file; add new migrations at the end of its array, never edit an applied one.
 */
import { coreMigrations } from './core';
import { evidenceMigrations } from './evidence';
import { factsMigrations } from './facts';
import { policyMigrations } from './policy';
import { rateLimitMigrations } from './rate-limits';
import { reconcileMigrations } from './reconcile';
import { sandboxMigrations } from './sandbox';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  ...coreMigrations,
  ...evidenceMigrations,
  ...policyMigrations,
  ...sandboxMigrations,
  ...reconcileMigrations,
  ...factsMigrations,
  ...rateLimitMigrations,
];
