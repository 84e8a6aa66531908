/**
 * The Express 5 app: ops routes, webhooks (raw body, before any JSON parser), the policy API, the
 * routers other areas pass in (sidebar, sandbox, admin), then 404 and the one error handler.
 */
import type Database from 'better-sqlite3';
import express, { type Express, type Router } from 'express';
import type { Clock } from '../clock';
import type { Logger } from '../ops/create-logger';
import type { Metrics } from '../ops/create-metrics';
import { createOpsRouter, type ReadinessChecks } from '../ops/create-ops-router';
import { createWebhookRouter, type IngestTarget } from '../webhooks/create-webhook-router';
import { errorHandler, notFound } from './error-handler';
import { securityHeaders } from './security-headers';

export interface AppDeps {
  clock: Clock;
  /** Clock for webhook signature freshness (default `clock`; the connector passes the wall clock). */
  verifyClock?: Clock;
  logger: Logger;
  metrics: Metrics;
  pipeline: IngestTarget;
  /** The pipeline's database: enables group commit of concurrent webhook deliveries. */
  db?: Database.Database;
  readiness: ReadinessChecks;
  webhookSecrets: () => { zendesk: string[]; freshdesk: string | null };
  /** Routers mounted after the JSON body parser, in order (policy API, sidebar API, sandbox, admin…). */
  routers?: Router[];
  /** JSON body limit for the API routers (not webhooks: those have their own 256 KB). */
  jsonLimit?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(createOpsRouter(deps.metrics, deps.readiness));
  app.use(
    createWebhookRouter({
      pipeline: deps.pipeline,
      db: deps.db,
      clock: deps.clock,
      verifyClock: deps.verifyClock,
      logger: deps.logger,
      metrics: deps.metrics,
      secrets: deps.webhookSecrets,
    }),
  );
  app.use(securityHeaders);
  app.use(express.json({ limit: deps.jsonLimit ?? '1mb' }));
  for (const r of deps.routers ?? []) app.use(r);
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
