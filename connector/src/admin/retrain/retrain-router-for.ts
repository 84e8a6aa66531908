/**
 * Builds the retrain router from the connector's config: candidates next to the SQLite file (on PostgreSQL, in
 * ./data/models of the working directory), the corpus from TRAINING_CORPUS.
 */
import path from 'node:path';
import { builtInPolicyDir } from '../../../../policies/cli/cli-io';
import type { Config } from '../../config/load-config';
import { parseDatabaseUrl } from '../../store/database-url';
import { createRetrainRouter, type RetrainRouterDeps } from './create-retrain-router';

/** Where retrained candidates are written: MODELS_DIR, else `<folder of the SQLite file>/models`, else `./data/models`. */
export function modelsDirFor(config: Config): string {
  if (config.modelsDir) return path.resolve(config.modelsDir);
  const target = parseDatabaseUrl(config.databaseUrl);
  const file = target.ok && target.target.kind === 'sqlite' ? target.target.file : ':memory:';
  return path.join(file === ':memory:' ? path.resolve('data') : path.dirname(path.resolve(file)), 'models');
}

export function retrainRouterFor(
  config: Config,
  deps: Pick<RetrainRouterDeps, 'data' | 'policyStore' | 'clock' | 'requireAdmin' | 'rootDir' | 'shared'>,
) {
  return createRetrainRouter({
    ...deps,
    modelsDir: modelsDirFor(config),
    policyDir: path.dirname(path.resolve(config.policyFile)),
    corpusFile: path.resolve(config.trainingCorpus ?? path.join(builtInPolicyDir(), 'training', 'train.jsonl')),
    epochs: config.trainingEpochs ?? undefined,
  });
}
