/**
 * Errors carry a code; `toHttp` (in server/error-handler.ts) turns them into HTTP responses in one place.
 */
export type ErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_request'
  | 'invalid_policy'
  | 'conflict'
  | 'precondition_failed'
  | 'unavailable'
  | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  invalid_request: 400,
  invalid_policy: 422,
  conflict: 409,
  precondition_failed: 412,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Machine-readable details, e.g. `[{ path: 'event.comment.body', message: 'Required' }]`. Never secrets or bodies. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
