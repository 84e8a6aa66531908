/**
 * Builds the retrain router from the connector's config: candidates next to the SQLite file (on PostgreSQL, in
 * ./data/models of the working directory), the corpus from TRAINING_CORPUS.
 */
import path from 'node:path';
import { builtInPolicyDir } from '../../../../policies/cli/cli-io';
import type { Config } from '../../config/load-config';
import { parseDatabaseUrl } from '../../store/database-url';
import { createRetrainRouter, type RetrainRouterDeps } from './create-retrain-router';

export function retrainRouterFor(config: Config, deps: Pick<RetrainRouterDeps, 'data' | 'policyStore' | 'clock' | 'requireAdmin' | 'rootDir'>) {
  const target = parseDatabaseUrl(config.databaseUrl);
  const file = target.ok && target.target.kind === 'sqlite' ? target.target.file : ':memory:';
  const dataDir = file === ':memory:' ? path.resolve('data') : path.dirname(path.resolve(file));
  return createRetrainRouter({
    ...deps, modelsDir: path.join(dataDir, 'models'), policyDir: path.dirname(path.resolve(config.policyFile)),
    corpusFile: path.resolve(config.trainingCorpus ?? path.join(builtInPolicyDir(), 'training', 'train.jsonl')),
    epochs: config.trainingEpochs ?? undefined,
  });
}
