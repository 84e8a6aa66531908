/**
 * GET /healthz (the process answers), GET /readyz (database answers within `dbTimeoutMs` and a policy is loaded;
 * 503 with the failing checks otherwise; on PostgreSQL also the LISTEN connection's state under `notices`, which
 * never fails readiness: while it is down the safety poll finds the work), GET /metrics (Prometheus text format).
 */
import { Router } from 'express';
import type { ListenerState } from '../store/postgres/pg-notify-hub';
import type { Metrics } from './create-metrics';
import { withTimeout } from './watch-database';

export interface ReadinessChecks {
  /** A cheap query (`SELECT 1`); throws or rejects when the database is unusable. */
  pingDb: () => void | Promise<void>;
  /** How long /readyz waits for the database (default 2000 ms). */
  dbTimeoutMs?: number;
  /** Returns the active policy version; throws when none is loaded. */
  policyVersion: () => string;
  /** Several replicas (PostgreSQL): the state of the connection that receives the other replicas' notices. */
  listener?: () => ListenerState;
}

export function createOpsRouter(metrics: Metrics, checks: ReadinessChecks): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const result: Record<string, { ok: boolean; detail?: string }> = {};
    try {
      await withTimeout(Promise.resolve().then(checks.pingDb), checks.dbTimeoutMs ?? 2000, 'the database');
      result.database = { ok: true };
    } catch (e) {
      result.database = { ok: false, detail: (e as Error).message };
    }
    try {
      result.policy = { ok: true, detail: checks.policyVersion() };
    } catch (e) {
      result.policy = { ok: false, detail: (e as Error).message };
    }
    const ok = Object.values(result).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ ok, checks: result, ...(checks.listener ? { notices: checks.listener() } : {}) });
  });
  router.get('/metrics', async (_req, res, next) => {
    try {
      res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (e) {
      next(e);
    }
  });
  return router;
}
