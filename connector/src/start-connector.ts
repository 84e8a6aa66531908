/**
 * Starts the whole connector in-process: config → database → policy store → host clients (or the
 * sandbox host when no host credentials) → pipeline → app → listen. main.ts calls it; tests start the
 * real thing with `{ env: {...}, port: 0 }` and a temp DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Router, type Express } from 'express';
import { asAdjustable, systemClock, type AdjustableClock, type Clock } from './clock';
import { requireAdmin } from './auth/require-admin';
import { wireAppIdentity } from './wire-app-identity';
import { buildHosts, hostModes, sharedLimiters } from './build-host-clients';
import { scheduleReconcile } from './reconcile/schedule-reconcile';
import { loadConfig, type Config } from './config/load-config';
import { StartupError } from './config/startup-error';
import type { HostClient } from './hosts/host-client';
import { createLogger, type Logger } from './ops/create-logger';
import { createMetrics, type Metrics } from './ops/create-metrics';
import { watchDatabase } from './ops/watch-database';
import { registerOutboxGauge } from './ops/register-outbox-gauge';
import { createPolicyRouter } from './policy/create-policy-router';
import type { PolicyStore } from './policy/create-policy-store';
import { startPolicyStore, startSharedPolicyStore } from './start-policy-store';
import { replicaId } from './ops/replica-id';
import { watchPolicyFile } from './policy/watch-policy-file';
import type { Pipeline } from './pipeline/create-pipeline';
import { buildPipeline } from './build-pipeline';
import { pgWorkNotices } from './store/postgres/pg-work-notices';
import { createSandboxHelpdesk, type SandboxHelpdesk } from './sandbox/create-sandbox-helpdesk';
import { createSandboxRouter } from './sandbox/create-sandbox-router';
import { createAdminRouter } from './admin/create-admin-router';
import { createFactsRecompute } from './admin/recompute-facts';
import { createPgFactsRecompute } from './admin/recompute-facts-pg';
import { modelsDirFor, retrainRouterFor } from './admin/retrain/retrain-router-for';
import { sharedModels } from './admin/retrain/shared-models';
import { startAdminWorker } from './admin/start-admin-worker';
import { pgAdminData } from './admin/pg-admin-data';
import { sqliteAdminData } from './admin/admin-data';
import { createSidebarRouter } from './api/create-sidebar-router';
import { createApp } from './server/create-app';
import type { Db } from './store/open-database';
import type { Store } from './store/store';
import { openConnectorStore } from './open-connector-store';
import { listen } from './server/listen';

export interface StartOptions {
  /** Environment to read the config from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Overrides PORT (tests: 0). */
  port?: number;
  /** Interface to bind (default: HOST, i.e. 0.0.0.0, or 127.0.0.1 in sandbox mode; tests: 127.0.0.1). */
  hostname?: string;
  clock?: Clock;
  logger?: Logger;
  /** Watch the policy file and reload on SIGHUP (main: true). */
  watchPolicy?: boolean;
  /** Start the pipeline's worker loop (default true; tests may drive `runDue/idle` themselves). */
  startPipeline?: boolean;
  /** Host clients to use instead of building them from the config (tests). */
  hosts?: Partial<Record<'zendesk' | 'freshdesk', HostClient>>;
  /** Routers to mount after the connector's own (e.g. the admin console). */
  routers?: Router[];
  rootDir?: string;
  /** Where the signed-mode sidebar page loads the ZAF SDK from (default Zendesk's CDN; browser tests serve the npm copy). */
  zafSdkSrc?: string;
  /** Retry timings (tests shorten them; defaults suit production). */
  tuning?: {
    hostRetry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
    pipeline?: { pollMs?: number; retryBaseMs?: number; retryMaxMs?: number };
    /** How long POST /sandbox/clock waits for the pipeline (default 5 s). */
    sandboxClockIdleMs?: number;
  };
}

export interface RunningConnector {
  url: string;
  port: number;
  app: Express;
  server: Server;
  config: Config;
  /** SQLite: the store's database. PostgreSQL: an empty in-memory database (all state is in PostgreSQL). */
  db: Db;
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  policyStore: PolicyStore;
  pipeline: Pipeline;
  sandbox: SandboxHelpdesk | null;
  /** Secrets in effect (generated in sandbox mode when not configured). */
  secrets: { appSharedSecret: string | null; adminToken: string | null };
  close(): Promise<void>;
}

export async function startConnector(opts: StartOptions = {}): Promise<RunningConnector> {
  const config = loadConfig(opts.env ?? process.env);
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const clock: Clock = config.sandbox ? asAdjustable(opts.clock) : (opts.clock ?? systemClock);
  // Signatures and sidebar tokens are checked against real time: the sandbox's virtual clock (fast-forward)
  // must never make a genuine webhook or token look stale, nor a stale one fresh.
  const authClock: Clock = config.sandbox ? systemClock : clock;
  const secrets = {
    appSharedSecret: config.appSharedSecret ?? (config.sandbox ? randomBytes(24).toString('hex') : null),
    adminToken: config.adminToken ?? (config.sandbox ? randomBytes(24).toString('hex') : null),
  };
  const opened = await openConnectorStore(config.databaseUrl, logger);
  const { db, store } = opened;
  const onPg = opened.kind === 'postgres';
  let startedPolicy: PolicyStore | null = null;
  try {
    if (onPg && config.sandbox) {
      throw new StartupError(
        'DATABASE_URL',
        'DATABASE_URL is PostgreSQL, but no host is configured: the sandbox runs on SQLite only.\n' +
          'Fix: configure ZENDESK_* or FRESHDESK_* (and SANDBOX=off), or use sqlite:PATH for the sandbox. Then start again.',
      );
    }
    // On PostgreSQL the version history is shared: an activation on any replica changes every replica's policy.
    const models = opened.postgres ? sharedModels(opened.postgres.store.modelFiles, modelsDirFor(config)) : undefined;
    const policyStore = opened.postgres
      ? await startSharedPolicyStore(opened.postgres.store, config.policyFile, logger, clock, models!)
      : startPolicyStore(db, config.policyFile, logger, clock);
    startedPolicy = policyStore;
    const getPolicy = () => policyStore.current().policy;
    registerOutboxGauge(metrics, store);
    // Several processes share one database: each host account's rate limit (and a 429's pause) is kept in it.
    const limiters = onPg ? sharedLimiters(config, store) : {};
    const hosts: Partial<Record<string, HostClient>> = { ...buildHosts(config, opts, getPolicy, logger, metrics, limiters) };
    let pipeline: Pipeline | null = null;
    const sandbox = config.sandbox ? createSandboxHelpdesk(db, { pipeline: () => pipeline!, clock, getPolicy }) : null;
    if (sandbox) hosts.sandbox = sandbox;
    // Replicas wake each other (NOTIFY after each commit that leaves work for anyone; one LISTEN connection per process).
    const owner = replicaId();
    const wake = opened.postgres ? pgWorkNotices(opened.postgres.store, owner) : undefined;
    pipeline = buildPipeline({ opened, config, hosts, policyStore, clock, logger, metrics, owner, wake, tuning: opts.tuning?.pipeline });
    const { appAuth, privilegedIdentity, signedSidebar } = wireAppIdentity({
      config,
      getPolicy,
      clock,
      authClock,
      appSharedSecret: secrets.appSharedSecret,
      zendeskLimiter: limiters.zendesk,
      logger,
      metrics,
      rootDir: opts.rootDir,
      zafSdkSrc: opts.zafSdkSrc,
    });
    const adminAuth = requireAdmin(secrets.adminToken);
    const sidebar = Router();
    sidebar.use(
      '/api/v1',
      createSidebarRouter({ store, policyStore, clock, pipeline, auth: { app: appAuth, admin: adminAuth }, privilegedIdentity }),
    );
    const routers: Router[] = [createPolicyRouter(policyStore, appAuth), sidebar];
    if (signedSidebar) routers.push(signedSidebar);
    // Policy-dependent dashboard facts follow the active policy: recomputed in the background on each change (on
    // PostgreSQL by one replica, whichever claims the job).
    const facts = opened.postgres
      ? createPgFactsRecompute({
          sql: opened.postgres.store.sql,
          schedule: opened.postgres.store.schedule,
          owner: replicaId(),
          policy: () => policyStore.current(),
          now: () => clock.now(),
          logger,
        })
      : createFactsRecompute(db, { policy: () => policyStore.current(), now: () => clock.now(), logger });
    const stopFactsOnChange = facts ? policyStore.onChange(() => facts.start()) : () => undefined;
    // Heavy admin work (dry runs; SQLite's dashboard aggregates) in a worker with its own connection: a read-only one to
    // the SQLite file, or a small pool to PostgreSQL. An in-memory SQLite database has none: admin work stays in-process.
    const adminWorker = startAdminWorker({ dbFile: opened.sqliteFile, pgUrl: opened.postgres?.url, logger });
    const adminData = opened.postgres ? pgAdminData(opened.postgres.store, adminWorker) : sqliteAdminData(db, adminWorker);
    routers.push(
      createAdminRouter({
        data: adminData,
        policyStore,
        clock,
        requireAdmin: adminAuth,
        rootDir: opts.rootDir,
        policyDir: path.dirname(path.resolve(config.policyFile)),
        hosts: hostModes(config),
        factsStatus: () => facts.status(),
      }),
    );
    routers.push(
      retrainRouterFor(config, { data: adminData, policyStore, clock, requireAdmin: adminAuth, rootDir: opts.rootDir, shared: models }),
    );
    if (sandbox) {
      routers.push(
        createSandboxRouter({
          db,
          host: sandbox,
          pipeline,
          clock: clock as AdjustableClock,
          getPolicy,
          appSharedSecret: secrets.appSharedSecret!,
          rootDir: opts.rootDir,
          logger,
          clockIdleMs: opts.tuning?.sandboxClockIdleMs,
        }),
      );
    }
    routers.push(...(opts.routers ?? []));
    const app = createApp({
      clock,
      verifyClock: authClock,
      logger,
      metrics,
      pipeline,
      db: onPg ? undefined : db,
      readiness: { pingDb: () => store.ping(), policyVersion: () => policyStore.current().version, listener: wake?.state },
      webhookSecrets: () => ({ zendesk: config.webhooks.zendeskSecrets, freshdesk: config.webhooks.freshdeskSecret }),
      routers,
    });
    const server = await listen(app, opts.port ?? config.port, opts.hostname ?? config.host);
    const port = (server.address() as AddressInfo).port;
    const stopWatch = opts.watchPolicy ? watchPolicyFile(policyStore, config.policyFile, logger) : () => undefined;
    // PostgreSQL can go away under a running connector: report it (metrics, one log line, /readyz 503) and ping with back-off.
    const dbWatch = onPg ? watchDatabase({ ping: () => store.ping(), metrics, logger }) : null;
    if (opts.startPipeline !== false) pipeline.start();
    const stopReconcile =
      opts.startPipeline === false
        ? async () => undefined
        : scheduleReconcile(config, opened.postgres ? { shared: opened.postgres.store } : { store }, hosts, logger);
    // Dashboard facts missing (tickets from before the table) or computed under another policy: in the background.
    facts?.start();
    const p = pipeline;
    let closing: Promise<void> | null = null;
    // Bounded: stop taking requests, let host calls in flight finish for up to SHUTDOWN_GRACE_MS, abandon the rest
    // (their outbox/fetch rows are retried on the next start), then close the store. Nothing acknowledged is lost.
    const close = () =>
      (closing ??= (async () => {
        const until = Date.now() + config.shutdownGraceMs;
        stopWatch();
        dbWatch?.stop();
        await stopReconcile();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const { abandoned } = await p.stop(config.shutdownGraceMs);
        const grace = setTimeout(() => server.closeAllConnections(), Math.max(0, Math.min(5000, until - Date.now())));
        await closed;
        clearTimeout(grace);
        stopFactsOnChange();
        facts?.stop();
        await facts?.idle();
        await adminWorker?.close();
        await policyStore.close?.();
        await opened.close();
        logger.info({ abandoned }, 'connector stopped');
      })());
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      app,
      server,
      config,
      db,
      store,
      clock,
      logger,
      metrics,
      policyStore,
      pipeline: p,
      sandbox,
      secrets,
      close,
    };
  } catch (e) {
    await startedPolicy?.close?.(); // PostgreSQL: its LISTEN connection would keep a failed start alive
    await opened.close();
    throw e;
  }
}
