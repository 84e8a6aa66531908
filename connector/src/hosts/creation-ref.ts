/**
 * The stable reference a created ticket carries so a retried creation finds it instead of making a duplicate.
 * Key = `NewTicket.idempotencyKey`, else derived from what the creation is about (kind, related ids, due date,
 * subject, body: an outbox row re-sends the identical payload, so the derived key is identical on every retry).
 * Zendesk stores it in `external_id`; Freshdesk (no external id on tickets) as a hidden marker `cd-ref:<24 hex>`
 * appended to the description (invisible zero-width characters, like note markers), so the ticket's tags stay as asked.
 */
import { createHash } from 'node:crypto';
import type { NewTicket } from './host-client';

const READABLE_KEY = /^[\x21-\x7e]{1,200}$/;

function sha(text: string, hexChars: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, hexChars);
}

/** The creation's key: the caller's, or one derived from the creation's content. */
export function creationKey(input: NewTicket): string {
  if (input.idempotencyKey) return input.idempotencyKey;
  const related = [...new Set(input.relatedTicketIds ?? [])].sort();
  return `derived:${sha(JSON.stringify([input.kind, input.relatedTicketId ?? '', related, input.dueAt ?? '', input.subject, input.body]), 40)}`;
}

/**
 * Zendesk `external_id`. With a caller key: `complaint-desk:<key>` (hashed when long or not printable ASCII).
 * Without one but with a related ticket: the format used since the first release
 * (`complaint-desk:{kind}:{relatedTicketId}:{dueAt}`), so tickets created before the upgrade are still found.
 */
export function zendeskExternalId(input: NewTicket): string {
  if (input.idempotencyKey) {
    return READABLE_KEY.test(input.idempotencyKey)
      ? `complaint-desk:${input.idempotencyKey}`
      : `complaint-desk:ref:${sha(input.idempotencyKey, 40)}`;
  }
  if (input.relatedTicketId) return `complaint-desk:${input.kind}:${input.relatedTicketId}:${input.dueAt ?? ''}`;
  return `complaint-desk:ref:${sha(creationKey(input), 40)}`;
}

/** Freshdesk reference marker (hidden in the description): `cd-ref:` + 24 hex characters of SHA-256(key). */
export function freshdeskRefMarker(input: NewTicket): string {
  return `cd-ref:${sha(creationKey(input), 24)}`;
}

/**
 * Whether to look the reference up BEFORE the POST: `retry: true` yes, `retry: false` no. Omitted (a caller that
 * does not say): each host keeps its earlier behaviour (Zendesk looked up, Freshdesk did not).
 */
export function mayAlreadyExist(options: { retry?: boolean } | undefined, whenUnknown: boolean): boolean {
  return options?.retry ?? whenUnknown;
}
