import { AppError } from '../../../../../connector/src/errors';
import { HostError } from '../../../../../connector/src/hosts/host-client';
import { toHttp } from '../../../../../connector/src/server/error-handler';
import { isJsonContentType } from '../../../../../connector/src/webhooks/read-raw-body';

describe('toHttp', () => {
  it('maps AppError codes to their status with the JSON error shape', () => {
    expect(toHttp(new AppError('invalid_request', 'bad', [{ path: 'a', message: 'b' }]))).toEqual({
      status: 400,
      body: { error: { code: 'invalid_request', message: 'bad', details: [{ path: 'a', message: 'b' }] } },
    });
    expect(toHttp(new AppError('payload_too_large', 'big')).status).toBe(413);
  });

  it('maps HostError: rate limits to 503 with Retry-After, not_found to 404, the rest to 502', () => {
    expect(toHttp(new HostError('rate_limited', '429', 429, 30_500))).toMatchObject({
      status: 503,
      headers: { 'Retry-After': '31' },
      body: { error: { code: 'host_rate_limited' } },
    });
    expect(toHttp(new HostError('not_found', 'gone', 404)).status).toBe(404);
    expect(toHttp(new HostError('permanent', 'nope', 422)).status).toBe(502);
  });

  it('maps body-parser errors and hides unknown errors behind a 500', () => {
    expect(toHttp(Object.assign(new Error('x'), { type: 'entity.too.large', limit: 10 })).status).toBe(413);
    expect(toHttp(Object.assign(new Error('x'), { type: 'entity.parse.failed' })).body.error.code).toBe('invalid_request');
    const internal = toHttp(new Error('SQLITE_CORRUPT at /secret/path'));
    expect(internal).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal error; see the connector log' } } });
  });
});

describe('isJsonContentType', () => {
  it('accepts application/json with or without a UTF-8 charset, nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/json; charset=latin1')).toBe(false);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});
