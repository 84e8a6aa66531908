/**
 * On PostgreSQL the sidebar API and the admin console do not run yet (they still read the SQLite tables
 * directly; docs/several-connectors.md "Not yet"): their paths answer 503 with that reason, never a 404
 * that looks like a wrong URL or an empty answer that looks like no data.
 */
import { Router } from 'express';

export function notOnPostgres(): Router {
  const router = Router();
  router.use(['/api/v1', '/admin'], (_req, res) => {
    res.status(503).json({
      error: {
        code: 'unavailable',
        message: 'the sidebar API and the admin console do not run on PostgreSQL in this version; webhooks, processing, host writes and timers do. '
          + 'Run the connector on SQLite (one process) for them, see docs/several-connectors.md.',
      },
    });
  });
  return router;
}
