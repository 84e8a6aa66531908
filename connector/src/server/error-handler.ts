/**
 * The ONE place errors become HTTP responses: AppError (its code → status), HostError (host API
 * trouble), body-parser errors, and anything else (500, logged with its stack, no details leaked).
 * Body: `{ error: { code, message, details } }`.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors';
import { HostError } from '../hosts/host-client';
import type { Logger } from '../ops/create-logger';

export interface HttpError {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
  headers?: Record<string, string>;
}

const HOST_STATUS: Record<HostError['code'], number> = {
  not_found: 404,
  conflict: 409,
  rate_limited: 503,
  server_error: 502,
  network: 502,
  permanent: 502,
};

/**
 * Every 503 we answer says when to come back. Zendesk retries a webhook answered 503 (or 429) only when it carries a
 * Retry-After below 60 seconds (developer.zendesk.com/api-reference/webhooks/introduction, "Webhook retries"); without
 * it the delivery is dropped. Freshdesk does not document retries of automation webhooks: reconciliation catches up.
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

export function toHttp(err: unknown): HttpError {
  if (err instanceof AppError) {
    const headers = err.code === 'unavailable' ? { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } : undefined;
    return {
      status: err.status,
      ...(headers ? { headers } : {}),
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  }
  if (err instanceof HostError) {
    const headers: Record<string, string> = {};
    if (err.retryAfterMs !== undefined) headers['Retry-After'] = String(Math.ceil(err.retryAfterMs / 1000));
    return {
      status: HOST_STATUS[err.code],
      headers,
      body: {
        error: { code: `host_${err.code}`, message: `the helpdesk API answered: ${err.message}`, details: { status: err.status ?? null } },
      },
    };
  }
  // Express decodes path parameters lazily; a malformed %-escape is the client's mistake, not a crash.
  if (err instanceof URIError)
    return toHttp(
      new AppError('invalid_request', 'the request path has a malformed %-escape (encode it as UTF-8, e.g. %C3%A9)', { path: '(url)' }),
    );
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large')
    return toHttp(new AppError('payload_too_large', 'the request body is too large', { limitBytes: (err as { limit?: number }).limit }));
  if (type === 'entity.parse.failed')
    return toHttp(new AppError('invalid_request', 'the request body is not valid JSON', { path: '(body)' }));
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return toHttp(new AppError('unsupported_media_type', 'send the body as UTF-8 JSON'));
  return { status: 500, body: { error: { code: 'internal', message: 'internal error; see the connector log' } } };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const http = toHttp(err);
    const meta = { method: req.method, path: req.path, status: http.status, code: http.body.error.code };
    if (http.status >= 500 && !(err instanceof HostError)) logger.error({ ...meta, err }, 'request failed');
    // Cheap for anyone to send: one debug line without a stack (it must not flood the log).
    else if (err instanceof URIError)
      logger.debug({ method: req.method, status: http.status, code: http.body.error.code }, 'request rejected: malformed path');
    else logger.info(meta, 'request rejected');
    if (res.headersSent) return;
    res
      .status(http.status)
      .set(http.headers ?? {})
      .json(http.body);
  };
}

/** 404 for any route nobody mounted. */
export const notFound: RequestHandler = (req, _res, next) => next(new AppError('not_found', `no route ${req.method} ${req.path}`));
