/**
 * On PostgreSQL the admin console does not run yet (it still reads the SQLite tables directly;
 * docs/several-connectors.md "Not yet"): its paths answer 503 with that reason, never a 404 that looks like
 * a wrong URL or an empty answer that looks like no data.
 */
import { Router } from 'express';

export function notOnPostgres(): Router {
  const router = Router();
  router.use('/admin', (_req, res) => {
    res.status(503).json({
      error: {
        code: 'unavailable',
        message: 'the admin console does not run on PostgreSQL in this version; webhooks, processing, host writes, timers and the sidebar API do. '
          + 'Run a connector on SQLite (one process) for it, see docs/several-connectors.md.',
      },
    });
  });
  return router;
}
