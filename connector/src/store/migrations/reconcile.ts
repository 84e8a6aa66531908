/** The reconciliation job's durable cursor: per host, where the last listing of changed tickets ended. */
import { RECONCILE_CURSORS } from '../schema/other-tables';
import { createTable } from '../schema/render-ddl';
import type { Migration } from './index';

export const reconcileMigrations: Migration[] = [{ id: 'reconcile-001-cursors', sql: createTable('sqlite', RECONCILE_CURSORS) }];
