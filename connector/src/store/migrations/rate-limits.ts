/**
 * The host rate limit, shared by every connector process on the database (store/rate-limits-repo.ts): a log
 * of recent call starts per host account (at most `limit` rows each) and a pause per account (a 429's Retry-After).
 */
import { HOST_RATE_PAUSES, HOST_RATE_SLOTS } from '../schema/other-tables';
import { createTable, createTableWithIndexes } from '../schema/render-ddl';
import type { Migration } from './index';

export const rateLimitMigrations: Migration[] = [
  {
    id: 'rate-001-host-calls',
    sql: [createTableWithIndexes('sqlite', HOST_RATE_SLOTS), createTable('sqlite', HOST_RATE_PAUSES)].join('\n'),
  },
];
