/**
 * Freshdesk automations do not sign their webhooks: the automation sends our shared secret in the
 * `X-Complaint-Desk-Secret` header (FRESHDESK_WEBHOOK_SECRET), compared in constant time.
 */
import { constantTimeEqual } from '../../constant-time-equal';
import type { WebhookVerifyResult } from '../parse-result';

export const FRESHDESK_SECRET_HEADER = 'x-complaint-desk-secret';

export function verifyFreshdeskSecret(header: string | undefined, secret: string | null): WebhookVerifyResult {
  if (!secret) return { ok: false, reason: 'no FRESHDESK_WEBHOOK_SECRET is configured on the connector' };
  if (!header) return { ok: false, reason: 'missing X-Complaint-Desk-Secret header' };
  return constantTimeEqual(header.trim(), secret) ? { ok: true } : { ok: false, reason: 'X-Complaint-Desk-Secret does not match' };
}
