/**
 * Webhook body middleware, checks in the order docs/connector.md "Webhooks in" gives: 415 (content type is not JSON) →
 * 413 (body over the limit, by Content-Length or while streaming) → the raw bytes on `req.rawBody`
 * for signature verification. JSON is parsed only after the signature is verified.
 */
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';

export const WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return !charset || /^charset="?utf-8"?$/.test(charset);
}

export function readRawBody(limit = WEBHOOK_BODY_LIMIT): RequestHandler {
  return (req: RawBodyRequest, _res, next) => {
    if (!isJsonContentType(req.headers['content-type'])) {
      next(
        new AppError(
          'unsupported_media_type',
          `send Content-Type: application/json (got ${JSON.stringify(req.headers['content-type'] ?? '')})`,
          { header: 'content-type' },
        ),
      );
      return;
    }
    const declared = Number(req.headers['content-length']);
    const tooLarge = () => new AppError('payload_too_large', `the body is larger than ${limit} bytes`, { limitBytes: limit });
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      next(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (err) {
        req.resume();
        next(err);
        return;
      }
      req.rawBody = Buffer.concat(chunks, size);
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge());
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish());
    req.on('error', (e) => finish(new AppError('invalid_request', `the request body could not be read: ${e.message}`)));
  };
}
