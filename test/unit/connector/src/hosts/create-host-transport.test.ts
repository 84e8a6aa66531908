import nock from 'nock';
import { createHostTransport } from '../../../../../connector/src/hosts/create-host-transport';
import { HostError } from '../../../../../connector/src/hosts/host-client';
import { fastQueue, recorder, retry, useNock, type Recorder } from './host-test-kit';

const BASE = 'https://acme.zendesk.com';
const AUTH = `Basic ${Buffer.from('bot@acme.example/token:SECRET-TOKEN').toString('base64')}`;
const NOW = Date.parse('2026-11-22T10:00:00Z');

function transport(r: Recorder, overrides: Partial<Parameters<typeof createHostTransport>[0]> = {}) {
  return createHostTransport({
    host: 'zendesk',
    baseUrl: BASE,
    authorization: AUTH,
    queue: fastQueue,
    retry,
    sleep: r.sleep,
    random: () => 0.5,
    now: () => NOW,
    logger: r.logger,
    metrics: r.metrics,
    ...overrides,
  });
}

async function failure(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    return e as HostError;
  }
  throw new Error('expected the call to fail');
}

describe('createHostTransport', () => {
  useNock();

  it('sends auth, accept and JSON body and parses the answer', async () => {
    const r = recorder();
    const seen: unknown[] = [];
    nock(BASE, { reqheaders: { authorization: AUTH, accept: 'application/json', 'content-type': 'application/json' } })
      .put('/api/v2/tickets/1.json', (b) => {
        seen.push(b);
        return true;
      })
      .reply(200, { ticket: { id: 1 } });
    await expect(
      transport(r).send({ method: 'PUT', path: '/api/v2/tickets/1.json', body: { ticket: { priority: 'high' } } }),
    ).resolves.toEqual({ ticket: { id: 1 } });
    expect(seen).toEqual([{ ticket: { priority: 'high' } }]);
    expect(r.calls).toEqual([{ host: 'zendesk', status: '200' }]);
  });

  it('429 waits Retry-After seconds through the injected sleep, then retries', async () => {
    const r = recorder();
    nock(BASE).get('/api/v2/tickets/1.json').reply(429, { error: 'TooManyRequests' }, { 'Retry-After': '7' });
    nock(BASE)
      .get('/api/v2/tickets/1.json')
      .reply(200, { ticket: { id: 1 } });
    await expect(transport(r).get('/api/v2/tickets/1.json')).resolves.toEqual({ ticket: { id: 1 } });
    expect(r.sleeps).toEqual([7000]);
    expect(r.calls.map((c) => c.status)).toEqual(['429', '200']);
    expect(r.retries).toEqual([{ host: 'zendesk' }]);
  });

  // Freshdesk answers 503 with Retry-After during maintenance/overload (developers.freshdesk.com/api/#ratelimit,
  // "Retry-After"); Zendesk likewise for 503 (developer.zendesk.com/api-reference/introduction/rate-limits).
  it("with a shared limiter: every attempt starts through it, and a 429's Retry-After pauses it for all processes", async () => {
    const r = recorder();
    const seen: string[] = [];
    const limiter = {
      acquire: async () => {
        seen.push('acquire');
      },
      pause: async (ms: number) => {
        seen.push(`pause ${ms}`);
      },
    };
    nock(BASE).get('/api/v2/tickets/1.json').reply(429, { error: 'TooManyRequests' }, { 'Retry-After': '7' });
    nock(BASE)
      .get('/api/v2/tickets/1.json')
      .reply(200, { ticket: { id: 1 } });
    await expect(transport(r, { limiter }).get('/api/v2/tickets/1.json')).resolves.toEqual({ ticket: { id: 1 } });
    expect(seen).toEqual(['acquire', 'pause 7000', 'acquire']);
  });

  it('503 with Retry-After waits that long instead of the backoff, then retries', async () => {
    const r = recorder();
    nock(BASE).get('/api/v2/tickets/1').reply(503, { code: 'service_unavailable' }, { 'Retry-After': '9' });
    nock(BASE).get('/api/v2/tickets/1').reply(200, { id: 1 });
    await expect(transport(r).get('/api/v2/tickets/1')).resolves.toEqual({ id: 1 });
    expect(r.sleeps).toEqual([9000]);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const r = recorder();
    nock(BASE).get('/x').reply(429, '', { 'Retry-After': 'Sun, 22 Nov 2026 10:00:42 GMT' });
    nock(BASE).get('/x').reply(200, {});
    await transport(r).get('/x');
    expect(r.sleeps).toEqual([42_000]);
  });

  it('429 on every attempt ends as rate_limited with retryAfterMs for the outbox', async () => {
    const r = recorder();
    nock(BASE).get('/x').times(3).reply(429, '', { 'Retry-After': '2' });
    const err = await failure(transport(r).get('/x'));
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 2000 });
    expect(r.sleeps).toEqual([2000, 2000]);
  });

  it('a Retry-After beyond maxRetryAfterMs is handed to the outbox instead of slept on', async () => {
    const r = recorder();
    nock(BASE).get('/x').reply(429, '', { 'Retry-After': '3600' });
    const err = await failure(transport(r, { retry: { ...retry, maxRetryAfterMs: 60_000 } }).get('/x'));
    expect(err).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(r.sleeps).toEqual([]);
  });

  it('5xx backs off exponentially with full jitter, then succeeds', async () => {
    const r = recorder();
    nock(BASE).get('/x').reply(503, { error: 'Unavailable' });
    nock(BASE).get('/x').reply(502, 'bad gateway');
    nock(BASE).get('/x').reply(200, { ok: true });
    await expect(transport(r).get('/x')).resolves.toEqual({ ok: true });
    expect(r.sleeps).toEqual([50, 100]);
    expect(r.retries).toHaveLength(2);
  });

  it('5xx on every attempt throws server_error after maxAttempts', async () => {
    const r = recorder();
    nock(BASE).get('/x').times(3).reply(500, {});
    const err = await failure(transport(r).get('/x'));
    expect(err).toMatchObject({ code: 'server_error', status: 500 });
    expect(r.calls).toHaveLength(3);
  });

  it('network errors retry, and exhaust as network', async () => {
    const r = recorder();
    nock(BASE).get('/x').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(BASE).get('/x').reply(200, { ok: 1 });
    await expect(transport(r).get('/x')).resolves.toEqual({ ok: 1 });
    expect(r.calls.map((c) => c.status)).toEqual(['network', '200']);

    const r2 = recorder();
    nock(BASE).get('/y').times(3).replyWithError('connection refused');
    expect(await failure(transport(r2).get('/y'))).toMatchObject({ code: 'network' });
    expect(r2.sleeps).toHaveLength(2);
  });

  it.each([400, 403, 422])('%i is permanent at once, without retry', async (status) => {
    const r = recorder();
    nock(BASE)
      .put('/x')
      .reply(status, { error: 'RecordInvalid', details: { group: [{ description: 'secret value 123' }] } });
    const err = await failure(transport(r).send({ method: 'PUT', path: '/x', body: {} }));
    expect(err).toMatchObject({ code: 'permanent', status });
    expect(err.message).toContain('RecordInvalid');
    expect(err.message).toContain('fields group');
    expect(err.message).not.toContain('secret value');
    expect(r.sleeps).toEqual([]);
    expect(r.calls).toHaveLength(1);
    expect(nock.isDone()).toBe(true);
  });

  it('404 is not_found and 409 is conflict, both without retry', async () => {
    const r = recorder();
    nock(BASE).get('/gone').reply(404, { error: 'RecordNotFound' });
    nock(BASE).put('/busy').reply(409, { error: 'UpdateConflict' });
    expect(await failure(transport(r).get('/gone'))).toMatchObject({ code: 'not_found', status: 404 });
    expect(await failure(transport(r).send({ method: 'PUT', path: '/busy', body: {} }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(r.sleeps).toEqual([]);
  });

  it('asks alreadyApplied before re-sending an ambiguous write', async () => {
    const r = recorder();
    nock(BASE).post('/notes').reply(502, {});
    let asked = 0;
    const result = await transport(r).send({
      method: 'POST',
      path: '/notes',
      body: { body: 'x' },
      alreadyApplied: async () => {
        asked++;
        return true;
      },
    });
    expect(result).toBeUndefined();
    expect(asked).toBe(1);
    expect(r.calls).toHaveLength(1);
  });

  it('logs method, path, status and attempt, never the credentials or bodies', async () => {
    const r = recorder();
    nock(BASE).put('/x').reply(500, {});
    nock(BASE).put('/x').reply(200, {});
    await transport(r).send({ method: 'PUT', path: '/x', body: { comment: { body: 'customer phone 138-0000' } } });
    expect(r.logs.map((l) => l.obj)).toEqual([
      { host: 'zendesk', method: 'PUT', path: '/x', attempt: 1, status: 500 },
      { host: 'zendesk', method: 'PUT', path: '/x', attempt: 2, status: 200 },
    ]);
    const text = JSON.stringify(r.logs);
    expect(text).not.toContain('SECRET-TOKEN');
    expect(text).not.toContain(AUTH);
    expect(text).not.toContain('138-0000');
  });

  it('the rate-limit queue starts calls in submission order', async () => {
    const r = recorder();
    const order: string[] = [];
    for (const id of ['1', '2', '3', '4']) {
      nock(BASE)
        .get(`/api/v2/tickets/${id}.json`)
        .reply(() => {
          order.push(id);
          return [200, { id }];
        });
    }
    const t = transport(r, { queue: { intervalCap: 1, interval: 10, concurrency: 1 } });
    const results = await Promise.all(['1', '2', '3', '4'].map((id) => t.get(`/api/v2/tickets/${id}.json`)));
    expect(order).toEqual(['1', '2', '3', '4']);
    expect(results).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }]);
  });

  it('the rate-limit queue holds calls beyond intervalCap until the interval resets', async () => {
    const r = recorder();
    const started: string[] = [];
    for (const id of ['a', 'b', 'c'])
      nock(BASE)
        .get(`/${id}`)
        .reply(() => {
          started.push(id);
          return [200, {}];
        });
    const t = transport(r, { queue: { intervalCap: 2, interval: 1500 } });
    const calls = ['a', 'b', 'c'].map((id) => t.get(`/${id}`));
    await Promise.all(calls.slice(0, 2));
    expect(started).toEqual(['a', 'b']);
    await calls[2];
    expect(started).toEqual(['a', 'b', 'c']);
  });
});
