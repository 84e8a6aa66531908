/**
 * POST /webhooks/zendesk and /webhooks/freshdesk. Order of checks: method/path (405) → 415 → 413
 * (readRawBody) → 401 signature/secret on the raw bytes → 400 body (empty, not UTF-8, too deep; decode-body.ts)
 * → 400 schema (field named; a verified trigger body that is not JSON keeps its ticket id only) → durable
 * `pipeline.ingest` (group commit: one SQLite transaction per event-loop turn) → 202 new / 200
 * `{duplicate:true}`. The ack is sent only after the commit; a store failure is a 503 with Retry-After
 * (Zendesk retries only then; Freshdesk may not retry at all: the reconciliation job re-reads changed tickets).
 */
import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type Database from 'better-sqlite3';
import { createGroupCommit, directIngest, type IngestTarget } from './create-group-commit';
import { eventLogger, type Logger } from '../ops/create-logger';
import type { Metrics } from '../ops/create-metrics';
import { readRawBody, type RawBodyRequest } from './read-raw-body';
import { decodeBody } from './decode-body';
import { recoverFromBrokenJson } from './recover-from-broken-json';
import { FRESHDESK_SECRET_HEADER, verifyFreshdeskSecret } from '../hosts/freshdesk/verify-freshdesk-secret';
import { parseFreshdeskAutomation } from '../hosts/freshdesk/parse-freshdesk-automation';
import type { ParseResult, WebhookVerifyResult } from '../hosts/parse-result';
import { parseZendeskEvent } from '../hosts/zendesk/parse-zendesk-event';
import { parseZendeskTrigger } from '../hosts/zendesk/parse-zendesk-trigger';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyZendeskSignature } from '../hosts/zendesk/verify-zendesk-signature';

export type { IngestTarget };

export interface WebhookDeps {
  pipeline: IngestTarget;
  /** When given, concurrent deliveries share one commit (group commit); acks still follow the commit. */
  db?: Database.Database;
  clock: Clock;
  /** Clock for signature freshness (default `clock`): the wall clock, never the sandbox's virtual one. */
  verifyClock?: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Read on every request so secrets can be rotated by restart without code changes. */
  secrets: () => { zendesk: string[]; freshdesk: string | null };
}

type Host = 'zendesk' | 'freshdesk';

export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const count = (host: Host, result: string) => deps.metrics.webhooks.inc({ host, result });
  const ingest = deps.db && deps.pipeline.sync !== false ? createGroupCommit(deps.db, deps.pipeline) : directIngest(deps.pipeline);

  const handle = (host: Host, verify: (req: RawBodyRequest) => WebhookVerifyResult, parse: (body: unknown, req: Request, receivedAt: string) => ParseResult) =>
    async (req: RawBodyRequest, res: Response, next: NextFunction) => {
      const verdict = verify(req);
      if (!verdict.ok) {
        count(host, 'unauthorized');
        deps.logger.warn({ host, reason: verdict.reason }, 'webhook rejected: not verified');
        return next(new AppError('unauthorized', verdict.reason));
      }
      const receivedAt = new Date(deps.clock.now()).toISOString();
      let parsed: ParseResult;
      let recovered = false;
      try {
        const raw = req.rawBody ?? Buffer.alloc(0);
        const decoded = decodeBody(raw);
        if (decoded.json) parsed = parse(decoded.value, req, receivedAt);
        else {
          // Verified, but not JSON (a ticket text the host did not escape?): keep the ticket id if it reads safely.
          parsed = recoverFromBrokenJson(host, decoded, raw, req.get('x-zendesk-webhook-invocation-id'), receivedAt, host === 'zendesk' ? signedDigest(req) : undefined);
          recovered = true;
          deps.logger.warn({ host, ticketId: parsed.ignored ? undefined : parsed.event.ticketId }, 'webhook body is not valid JSON: keeping only the ticket id (the ticket is re-read from the host)');
        }
      } catch (e) {
        count(host, 'invalid');
        return next(e);
      }
      if (parsed.ignored) {
        count(host, 'ignored');
        deps.logger.info({ host, ticketId: parsed.ticketId, reason: parsed.reason }, 'webhook ignored');
        return res.status(200).json({ ignored: true, reason: parsed.reason });
      }
      const log = eventLogger(deps.logger, { ...parsed.event, kind: parsed.event.event.kind });
      let inserted: boolean;
      try {
        inserted = (await ingest(parsed.event)).inserted;
      } catch (e) {
        count(host, 'error');
        log.error({ err: e }, 'webhook not stored');
        return next(new AppError('unavailable', 'the event could not be stored; retry after the Retry-After delay'));
      }
      count(host, inserted ? 'accepted' : 'duplicate');
      log.info({ duplicate: !inserted }, inserted ? 'webhook stored' : 'webhook duplicate');
      if (!inserted) return res.status(200).json({ duplicate: true });
      res.status(202).json({ accepted: true, eventId: parsed.event.eventId, ...(recovered ? { recovered: 'ticket id only: the body was not valid JSON' } : {}) });
    };

  const zendesk = handle(
    'zendesk',
    (req) => verifyZendeskSignature({ rawBody: req.rawBody!, signature: req.get(SIGNATURE_HEADER), timestamp: req.get(TIMESTAMP_HEADER), secrets: deps.secrets().zendesk, nowMs: (deps.verifyClock ?? deps.clock).now() }),
    (body, req, at) => (isEventSubscription(body) ? parseZendeskEvent(body, at) : parseZendeskTrigger(body, req.get('x-zendesk-webhook-invocation-id'), at, signedDigest(req))),
  );
  const freshdesk = handle(
    'freshdesk',
    (req) => verifyFreshdeskSecret(req.get(FRESHDESK_SECRET_HEADER), deps.secrets().freshdesk),
    (body, _req, at) => parseFreshdeskAutomation(body, at),
  );

  for (const [host, handler] of [['zendesk', zendesk], ['freshdesk', freshdesk]] as const) {
    const path = `/webhooks/${host}`;
    router.post(path, (req, _res, next) => {
      // Count 415/413 rejections too, then let the error handler answer.
      readRawBody()(req, _res, (err?: unknown) => {
        if (err instanceof AppError) count(host, err.code === 'payload_too_large' ? 'too_large' : err.code);
        next(err);
      });
    }, handler);
    router.all(path, (req, res, next) => {
      res.set('Allow', 'POST');
      next(new AppError('method_not_allowed', `${req.method} is not allowed on ${path}; webhooks are POSTed`));
    });
  }
  return router;
}

/** SHA-256 of what the Zendesk signature covers (timestamp + raw body): the identity of a trigger delivery. */
function signedDigest(req: RawBodyRequest): string {
  return createHash('sha256').update(req.get(TIMESTAMP_HEADER) ?? '').update(req.rawBody ?? Buffer.alloc(0)).digest('hex').slice(0, 40);
}

/** Event subscriptions carry `type: "zen:event-type:…"`; trigger bodies are ours and have no `type`. */
function isEventSubscription(body: unknown): boolean {
  return Boolean(body && typeof body === 'object' && 'type' in body);
}
