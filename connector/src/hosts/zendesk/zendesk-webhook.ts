/**
 * Zendesk's side of webhook receiving: HMAC-SHA256 signature over timestamp + raw body (several secrets for
 * rotation), event-subscription bodies (`type: "zen:event-type:…"`) vs. our trigger body, and the identity of a
 * trigger delivery taken from what the signature covers (replays with new invocation ids are still duplicates).
 */
import { createHash } from 'node:crypto';
import type { WebhookDelivery, WebhookHost } from '../webhook-host';
import { parseZendeskEvent } from './parse-zendesk-event';
import { parseZendeskTrigger, triggerBase } from './parse-zendesk-trigger';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyZendeskSignature } from './verify-zendesk-signature';

const INVOCATION_HEADER = 'x-zendesk-webhook-invocation-id';

export function createZendeskWebhook(secrets: () => string[]): WebhookHost {
  return {
    host: 'zendesk',
    verify: (d, nowMs) =>
      verifyZendeskSignature({
        rawBody: d.rawBody,
        signature: d.header(SIGNATURE_HEADER),
        timestamp: d.header(TIMESTAMP_HEADER),
        secrets: secrets(),
        nowMs,
      }),
    parse: (body, d, at) =>
      isEventSubscription(body) ? parseZendeskEvent(body, at) : parseZendeskTrigger(body, d.header(INVOCATION_HEADER), at, signedDigest(d)),
    recoverFormat: 'zendesk-trigger-v1',
    recover: (ticketId, d, at) => ({
      ignored: false,
      event: {
        ...triggerBase(ticketId, d.header(INVOCATION_HEADER), at, signedDigest(d)),
        occurredAt: at,
        event: { kind: 'ticket.updated', ticket: { id: ticketId } },
      },
    }),
  };
}

/** SHA-256 of what the signature covers (timestamp + raw body): the identity of a trigger delivery. */
function signedDigest(d: WebhookDelivery): string {
  return createHash('sha256')
    .update(d.header(TIMESTAMP_HEADER) ?? '')
    .update(d.rawBody)
    .digest('hex')
    .slice(0, 40);
}

/** Event subscriptions carry `type: "zen:event-type:…"`; trigger bodies are ours and have no `type`. */
function isEventSubscription(body: unknown): boolean {
  return Boolean(body && typeof body === 'object' && 'type' in body);
}
