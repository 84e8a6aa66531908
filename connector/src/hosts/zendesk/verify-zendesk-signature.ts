/**
 * Zendesk webhook signatures: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp +
 * raw body)), `X-Zendesk-Webhook-Signature-Timestamp` must be within ±5 minutes of our clock.
 * Any configured secret may match (rotation). Constant-time comparison.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../constant-time-equal';
import type { WebhookVerifyResult } from '../parse-result';

export const SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export function signZendeskPayload(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

export interface ZendeskSignatureInput {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  secrets: string[];
  nowMs: number;
  toleranceMs?: number;
}

export function verifyZendeskSignature(input: ZendeskSignatureInput): WebhookVerifyResult {
  if (input.secrets.length === 0) return { ok: false, reason: 'no ZENDESK_WEBHOOK_SECRET is configured on the connector' };
  if (!input.signature) return { ok: false, reason: 'missing X-Zendesk-Webhook-Signature header' };
  if (!input.timestamp) return { ok: false, reason: 'missing X-Zendesk-Webhook-Signature-Timestamp header' };
  const at = Date.parse(input.timestamp);
  if (!Number.isFinite(at)) return { ok: false, reason: 'X-Zendesk-Webhook-Signature-Timestamp is not a date' };
  if (Math.abs(input.nowMs - at) > (input.toleranceMs ?? SIGNATURE_TOLERANCE_MS))
    return { ok: false, reason: 'stale signature: the timestamp is more than 5 minutes from the connector clock' };
  // Check every secret (no early exit) so timing does not reveal which one matched.
  let matched = false;
  for (const secret of input.secrets) {
    if (constantTimeEqual(signZendeskPayload(secret, input.timestamp, input.rawBody), input.signature.trim())) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'signature does not match any configured secret' };
}
