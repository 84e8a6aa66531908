/**
 * A VERIFIED trigger/automation body that is not valid JSON becomes a minimal `ticket.updated {id}` event when
 * the ticket id reads safely from the body's fixed prefix (recover-ticket-id.ts); processing then re-reads the
 * ticket from the host API. Anything else is a 400 naming the JSON error. Nothing from the broken text is kept.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { Decoded } from './decode-body';
import type { ParseResult } from '../hosts/parse-result';
import { triggerBase } from '../hosts/zendesk/parse-zendesk-trigger';
import { recoverTicketId } from './recover-ticket-id';

export function recoverFromBrokenJson(
  host: 'zendesk' | 'freshdesk',
  decoded: Extract<Decoded, { json: false }>,
  raw: Buffer,
  invocationId: string | undefined,
  receivedAt: string,
  signedDigest?: string,
): ParseResult {
  const found = recoverTicketId(decoded.text);
  const expected = host === 'zendesk' ? 'zendesk-trigger-v1' : 'freshdesk-automation-v1';
  if (!found || found.format !== expected) {
    throw new AppError('invalid_request', `the body is not valid JSON: ${decoded.error}`, [{ path: '(body)', message: 'invalid JSON' }]);
  }
  const event = { kind: 'ticket.updated' as const, ticket: { id: found.ticketId } };
  if (host === 'zendesk') return { ignored: false, event: { ...triggerBase(found.ticketId, invocationId, receivedAt, signedDigest), occurredAt: receivedAt, event } };
  const eventId = `fd-${createHash('sha256').update(raw).digest('hex').slice(0, 40)}`;
  return { ignored: false, event: { host: 'freshdesk', eventId, ticketId: found.ticketId, occurredAt: receivedAt, receivedAt, event } };
}
