/**
 * In-process pipelines on one real PostgreSQL server per test file, as several connector processes have them: each
 * its own pool (4 connections), owner, clock and recording host. Every pipeline is stopped, every store closed and
 * the server stopped after the file.
 */
import type { Clock } from '../../../connector/src/clock';
import { createPipeline, type Pipeline, type PipelineOptions } from '../../../connector/src/pipeline/create-pipeline';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import { fixedPolicyStore, loadPolicy } from '../../fixtures/connector-core/policy';
import { recordingHost } from '../../fixtures/connector-core/recording-host';
import { type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

export interface PgPipelines {
  /** Set in beforeAll. */
  server: PgServer;
  /** A pipeline on database `url`; `options` adds to (or overrides) the pipeline's options, given its store. */
  pipeline(
    url: string,
    owner: string,
    clock: Clock,
    options?: (store: PostgresStore) => Partial<PipelineOptions>,
  ): Promise<{ store: PostgresStore; host: ReturnType<typeof recordingHost>; pipeline: Pipeline }>;
}

/** `stopMs`: how long each pipeline may drain at the end. Call inside describePostgres. */
export function pgPipelines(stopMs: number): PgPipelines {
  const policy = loadPolicy();
  const stores: PostgresStore[] = [];
  const pipelines: Pipeline[] = [];
  const suite: PgPipelines = {
    server: undefined as unknown as PgServer,
    async pipeline(url, owner, clock, options = () => ({})) {
      const store = await openPostgresStore(url, { max: 4 });
      stores.push(store);
      const host = recordingHost();
      const pipeline = createPipeline({
        store,
        hosts: { zendesk: host },
        policyStore: fixedPolicyStore(policy),
        clock,
        owner,
        ...options(store),
      });
      pipelines.push(pipeline);
      return { store, host, pipeline };
    },
  };
  beforeAll(async () => {
    suite.server = await sharedPostgres();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pipelines.map((p) => p.stop(stopMs)));
    await Promise.all(stores.map((s) => s.close()));
    await suite.server?.stop();
  });
  return suite;
}
