/** The connector's policy store at start-up (part of the composition root, start-connector.ts): per process on SQLite, shared by every replica on PostgreSQL. */
import type { Clock } from './clock';
import { explainPolicyError } from './config/startup-error';
import type { Logger } from './ops/create-logger';
import { createPolicyStore, type PolicyStore } from './policy/create-policy-store';
import { createSharedPolicyStore } from './policy/create-shared-policy-store';
import type { SharedModels } from './admin/retrain/shared-models';
import type { Db } from './store/open-database';
import type { PostgresStore } from './store/postgres/open-postgres-store';

/**
 * The policy store. A bad POLICY_FILE with a policy already stored starts on the stored active version
 * (the store logs the file's problems at error level); with nothing stored it refuses to start.
 */
export function startPolicyStore(db: Db, file: string, logger: Logger, clock: Clock): PolicyStore {
  try {
    return createPolicyStore({ db, file, logger, clock });
  } catch (e) {
    throw explainPolicyError(file, e);
  }
}

export async function startSharedPolicyStore(
  pg: PostgresStore,
  file: string,
  logger: Logger,
  clock: Clock,
  models: SharedModels,
): Promise<PolicyStore> {
  try {
    return await createSharedPolicyStore({
      versions: pg.policyVersions,
      listen: pg.listen,
      file,
      logger,
      clock,
      ensureModel: models.ensure,
    });
  } catch (e) {
    throw explainPolicyError(file, e);
  }
}
