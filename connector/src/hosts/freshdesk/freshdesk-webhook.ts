/**
 * Freshdesk's side of webhook receiving: automations do not sign, so the automation sends our shared secret in
 * a header (constant-time compare); the body is the automation body docs/freshdesk.md gives; a delivery's
 * identity is the hash of its raw bytes when the body is not JSON.
 */
import { createHash } from 'node:crypto';
import type { WebhookHost } from '../webhook-host';
import { parseFreshdeskAutomation } from './parse-freshdesk-automation';
import { FRESHDESK_SECRET_HEADER, verifyFreshdeskSecret } from './verify-freshdesk-secret';

export function createFreshdeskWebhook(secret: () => string | null): WebhookHost {
  return {
    host: 'freshdesk',
    verify: (d) => verifyFreshdeskSecret(d.header(FRESHDESK_SECRET_HEADER), secret()),
    parse: (body, _d, at) => parseFreshdeskAutomation(body, at),
    recoverFormat: 'freshdesk-automation-v1',
    recover: (ticketId, d, at) => ({
      ignored: false,
      event: {
        host: 'freshdesk',
        eventId: `fd-${createHash('sha256').update(d.rawBody).digest('hex').slice(0, 40)}`,
        ticketId,
        occurredAt: at,
        receivedAt: at,
        event: { kind: 'ticket.updated', ticket: { id: ticketId } },
      },
    }),
  };
}
