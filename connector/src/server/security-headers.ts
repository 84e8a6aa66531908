/**
 * Browser-facing pages (/admin, /sandbox): no framing by other sites (X-Frame-Options + CSP frame-ancestors;
 * the sandbox frames its own sidebar, so same-origin there), scripts and connections only from this origin,
 * and source maps are never served (they publish the source).
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

const csp = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

const ADMIN_CSP = csp("'none'");
const SANDBOX_CSP = csp("'self'");

export const securityHeaders: RequestHandler = (req, res, next) => {
  const p = req.path;
  const admin = p === '/admin' || p.startsWith('/admin/');
  const sandbox = p === '/sandbox' || p.startsWith('/sandbox/');
  if (!admin && !sandbox) return next();
  if (p.endsWith('.map')) return next(new AppError('not_found', `no route ${req.method} ${p}`));
  res.set({
    'X-Frame-Options': admin ? 'DENY' : 'SAMEORIGIN',
    'Content-Security-Policy': admin ? ADMIN_CSP : SANDBOX_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  next();
};
