/** Policy versions: every accepted policy (file, admin, rollback) is a row; exactly one is active. Append only. */
import { POLICY_VERSIONS } from '../schema/other-tables';
import { createTableWithIndexes } from '../schema/render-ddl';
import type { Migration } from './index';

export const policyMigrations: Migration[] = [{ id: 'policy-001-versions', sql: createTableWithIndexes('sqlite', POLICY_VERSIONS) }];
