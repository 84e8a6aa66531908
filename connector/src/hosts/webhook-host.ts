/**
 * What the generic webhook router (webhooks/create-webhook-router.ts) needs from a host: how its deliveries are
 * verified, parsed and, when a verified body is not JSON, reduced to the ticket id. Each host implements it in
 * its own folder (hosts/zendesk/zendesk-webhook.ts, hosts/freshdesk/freshdesk-webhook.ts).
 */
import type { ParseResult, WebhookVerifyResult } from './parse-result';

export type WebhookHostId = 'zendesk' | 'freshdesk';

/** The parts of an HTTP request a host looks at: the raw bytes and the headers (lower-case names). */
export interface WebhookDelivery {
  rawBody: Buffer;
  header(name: string): string | undefined;
}

export interface WebhookHost {
  host: WebhookHostId;
  /** Checks the raw bytes before anything is parsed; `nowMs` is the wall clock (signature freshness). */
  verify(d: WebhookDelivery, nowMs: number): WebhookVerifyResult;
  /** Parses a verified JSON body into an inbox event (or says why it is ignored); bad shape throws a 400. */
  parse(body: unknown, d: WebhookDelivery, receivedAt: string): ParseResult;
  /** The format marker of the documented body, read by recover-ticket-id.ts from a body that is not JSON. */
  recoverFormat: 'zendesk-trigger-v1' | 'freshdesk-automation-v1';
  /** A `ticket.updated {id}` event for a verified body that is not JSON (the ticket is re-read from the host). */
  recover(ticketId: string, d: WebhookDelivery, receivedAt: string): ParseResult;
}
