/**
 * A VERIFIED trigger/automation body that is not valid JSON becomes a minimal `ticket.updated {id}` event when
 * the ticket id reads safely from the body's fixed prefix (recover-ticket-id.ts) and the prefix names the host's
 * own format; processing then re-reads the ticket from the host API. Anything else is a 400 naming the JSON
 * error. Nothing from the broken text is kept.
 */
import { AppError } from '../errors';
import type { ParseResult } from '../hosts/parse-result';
import type { WebhookDelivery, WebhookHost } from '../hosts/webhook-host';
import type { Decoded } from './decode-body';
import { recoverTicketId } from './recover-ticket-id';

export function recoverFromBrokenJson(
  host: WebhookHost,
  decoded: Extract<Decoded, { json: false }>,
  d: WebhookDelivery,
  receivedAt: string,
): ParseResult {
  const found = recoverTicketId(decoded.text);
  if (!found || found.format !== host.recoverFormat) {
    throw new AppError('invalid_request', `the body is not valid JSON: ${decoded.error}`, [{ path: '(body)', message: 'invalid JSON' }]);
  }
  return host.recover(found.ticketId, d, receivedAt);
}
