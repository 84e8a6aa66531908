/** Admin API auth: `Authorization: Bearer <ADMIN_TOKEN>`, constant-time. Sets `res.locals.admin = 'admin'`. */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import { constantTimeEqual } from '../constant-time-equal';

export function requireAdmin(token: string | null | (() => string | null)): RequestHandler {
  return (req, res, next) => {
    const expected = typeof token === 'function' ? token() : token;
    if (!expected) return next(new AppError('unauthorized', 'the admin API is disabled: ADMIN_TOKEN is not set on the connector'));
    const auth = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (!m || !constantTimeEqual(m[1].trim(), expected)) {
      res.set('WWW-Authenticate', 'Bearer realm="complaint-desk-admin"');
      return next(new AppError('unauthorized', 'send Authorization: Bearer <ADMIN_TOKEN>'));
    }
    res.locals.admin = 'admin';
    next();
  };
}
