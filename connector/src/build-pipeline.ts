/**
 * The connector's pipeline for its store: on PostgreSQL several replicas share the work (replica id in leases,
 * LISTEN/NOTIFY wake-ups, facts written by the store); on SQLite one process owns the database (webhook group commit,
 * facts kept by the SQLite updater).
 */
import { createFactsUpdater } from './admin/ticket-facts';
import { updateStoreFacts } from './admin/store-facts-updater';
import type { Config } from './config/load-config';
import type { Clock } from './clock';
import type { HostClient } from './hosts/host-client';
import type { Logger } from './ops/create-logger';
import type { Metrics } from './ops/create-metrics';
import type { ConnectorStore } from './open-connector-store';
import { createPipeline, type Pipeline, type PipelineOptions } from './pipeline/create-pipeline';
import type { PolicyStore } from './policy/create-policy-store';

export interface BuildPipelineOptions {
  opened: ConnectorStore;
  config: Config;
  hosts: Partial<Record<string, HostClient>>;
  policyStore: PolicyStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** PostgreSQL only: this replica's name and its wake-ups. */
  owner: string;
  wake: PipelineOptions['wake'];
  tuning?: { pollMs?: number; retryBaseMs?: number; retryMaxMs?: number };
}

export function buildPipeline(o: BuildPipelineOptions): Pipeline {
  const { opened, config, hosts, policyStore, clock, logger, metrics } = o;
  const common = { store: opened.store, hosts, policyStore, clock, logger, metrics, pollMs: config.pollMs ?? undefined };
  if (opened.kind === 'postgres')
    return createPipeline({
      ...common,
      owner: o.owner,
      wake: o.wake,
      afterEvent: updateStoreFacts,
      processConcurrency: config.processConcurrency ?? undefined,
      ...o.tuning,
    });
  const activeId = (p: unknown) => (policyStore.current().policy === p ? policyStore.current().id : null);
  return createPipeline({ ...common, db: opened.db, afterEvent: createFactsUpdater(opened.db, activeId), ...o.tuning });
}
