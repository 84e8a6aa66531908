/**
 * POST /webhooks/zendesk and /webhooks/freshdesk. Order of checks: method/path (405) → 415 → 413
 * (readRawBody) → 401 signature/secret on the raw bytes → 400 body (empty, not UTF-8, too deep; decode-body.ts)
 * → 400 schema (field named; a verified trigger body that is not JSON keeps its ticket id only) → durable
 * `pipeline.ingest` (group commit: one SQLite transaction per event-loop turn) → 202 new / 200
 * `{duplicate:true}`. The ack is sent only after the commit; a store failure is a 503 with Retry-After
 * (Zendesk retries only then; Freshdesk may not retry at all: the reconciliation job re-reads changed tickets).
 */
import { Router, type NextFunction, type Response } from 'express';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type Database from 'better-sqlite3';
import { createGroupCommit, directIngest, type IngestTarget } from './create-group-commit';
import { eventLogger, type Logger } from '../ops/create-logger';
import type { Metrics } from '../ops/create-metrics';
import { readRawBody, type RawBodyRequest } from './read-raw-body';
import { decodeBody } from './decode-body';
import { recoverFromBrokenJson } from './recover-from-broken-json';
import type { ParseResult } from '../hosts/parse-result';
import type { WebhookDelivery, WebhookHost } from '../hosts/webhook-host';
import { createZendeskWebhook } from '../hosts/zendesk/zendesk-webhook';
import { createFreshdeskWebhook } from '../hosts/freshdesk/freshdesk-webhook';

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

export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const count = (host: string, result: string) => deps.metrics.webhooks.inc({ host, result });
  const ingest = deps.db && deps.pipeline.sync !== false ? createGroupCommit(deps.db, deps.pipeline) : directIngest(deps.pipeline);
  // Each host's knowledge (headers, signature, body formats) lives in its own folder; this file only receives.
  const hosts: WebhookHost[] = [createZendeskWebhook(() => deps.secrets().zendesk), createFreshdeskWebhook(() => deps.secrets().freshdesk)];

  const handle = (h: WebhookHost) => async (req: RawBodyRequest, res: Response, next: NextFunction) => {
    const host = h.host;
    const delivery: WebhookDelivery = { rawBody: req.rawBody ?? Buffer.alloc(0), header: (name) => req.get(name) };
    const verdict = h.verify(delivery, (deps.verifyClock ?? deps.clock).now());
    if (!verdict.ok) {
      count(host, 'unauthorized');
      deps.logger.warn({ host, reason: verdict.reason }, 'webhook rejected: not verified');
      return next(new AppError('unauthorized', verdict.reason));
    }
    const receivedAt = new Date(deps.clock.now()).toISOString();
    let parsed: ParseResult;
    let recovered = false;
    try {
      const decoded = decodeBody(delivery.rawBody);
      if (decoded.json) parsed = h.parse(decoded.value, delivery, receivedAt);
      else {
        // Verified, but not JSON (a ticket text the host did not escape?): keep the ticket id if it reads safely.
        parsed = recoverFromBrokenJson(h, decoded, delivery, receivedAt);
        recovered = true;
        deps.logger.warn(
          { host, ticketId: parsed.ignored ? undefined : parsed.event.ticketId },
          'webhook body is not valid JSON: keeping only the ticket id (the ticket is re-read from the host)',
        );
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
    res.status(202).json({
      accepted: true,
      eventId: parsed.event.eventId,
      ...(recovered ? { recovered: 'ticket id only: the body was not valid JSON' } : {}),
    });
  };

  for (const h of hosts) {
    const host = h.host;
    const path = `/webhooks/${host}`;
    router.post(
      path,
      (req, _res, next) => {
        // Count 415/413 rejections too, then let the error handler answer.
        readRawBody()(req, _res, (err?: unknown) => {
          if (err instanceof AppError) count(host, err.code === 'payload_too_large' ? 'too_large' : err.code);
          next(err);
        });
      },
      handle(h),
    );
    router.all(path, (req, res, next) => {
      res.set('Allow', 'POST');
      next(new AppError('method_not_allowed', `${req.method} is not allowed on ${path}; webhooks are POSTed`));
    });
  }
  return router;
}
