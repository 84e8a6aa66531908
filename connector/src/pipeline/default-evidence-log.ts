/**
 * The evidence log processing uses by default: the evidence module (connector/src/evidence, owned by the
 * classifier+evidence engineer) over the same database, so appends share the processing transaction.
 */
import type { Db } from '../store/open-database';
import type { EvidenceLogPort } from './evidence-port';

export function defaultEvidenceLog(db: Db): EvidenceLogPort {
  // Loaded lazily so the pipeline can be built with an injected log while that module is in progress.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('../evidence/create-evidence-log') as { createEvidenceLog(db: Db): EvidenceLogPort };
  return mod.createEvidenceLog(db);
}
