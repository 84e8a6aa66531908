/**
 * Auth for the evidence bundle: the admin token, or sidebar app auth from an agent whose role ranks at or
 * above the role the policy's evidence review requirement names (`evidence.requirements[type=review].role`,
 * ranks from `remedies.roles`). Other app roles get 403 saying which role is needed.
 */
import type { Request, RequestHandler, Response } from 'express';
import { isEvidenceReviewer, reviewRank } from '../../../policies/src/engine';
import type { Policy } from '../../../policies/src/types';
import { AppError } from '../errors';

export function adminOrReviewer(auth: { app: RequestHandler; admin: RequestHandler }, policy: () => Policy): RequestHandler {
  return (req: Request, res: Response, next) => {
    auth.admin(req, res, (adminErr?: unknown) => {
      if (!adminErr) return next();
      res.removeHeader('WWW-Authenticate');
      auth.app(req, res, (appErr?: unknown) => {
        if (appErr) {
          const why = appErr instanceof Error ? appErr.message : String(appErr);
          return next(
            new AppError(
              'unauthorized',
              `the evidence bundle needs Authorization: Bearer <ADMIN_TOKEN>, or sidebar app auth from a reviewer (${why})`,
            ),
          );
        }
        const agent = res.locals.agent as { role: string } | undefined;
        const p = policy();
        const need = reviewRank(p);
        if (!need)
          return next(
            new AppError(
              'forbidden',
              'the policy names no evidence review role (evidence.requirements of type "review"), so only the admin token can export evidence',
            ),
          );
        const role = agent?.role ?? '';
        if (!isEvidenceReviewer(p, role)) {
          return next(
            new AppError(
              'forbidden',
              `exporting evidence needs role "${need.role}" or a role ranked at or above it (remedies.roles); your role is "${role || 'unknown'}"`,
            ),
          );
        }
        next();
      });
    });
  };
}
