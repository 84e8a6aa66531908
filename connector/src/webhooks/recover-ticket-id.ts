/**
 * When a verified trigger/automation body is not valid JSON (a host that does not JSON-escape placeholder values
 * can break it with a quote or newline in a ticket's text), the ticket id can still be read SAFELY: the documented
 * bodies start with `"complaint_desk"`, `"event"` and `"ticket": {"id": …`, before any free text, so an anchored
 * match on that prefix cannot be forged by the customer's text that follows. Nothing else is trusted.
 */
const PREFIX =
  /^\s*\{\s*"complaint_desk"\s*:\s*"(zendesk-trigger-v1|freshdesk-automation-v1)"\s*,\s*"event"\s*:\s*"([a-z_]{1,40})"\s*,\s*"ticket"\s*:\s*\{\s*"id"\s*:\s*(?:"\s*(\d{1,20})\s*"|(\d{1,20}))\s*[,}]/;

export interface RecoveredId {
  format: 'zendesk-trigger-v1' | 'freshdesk-automation-v1';
  event: string;
  ticketId: string;
}

export function recoverTicketId(text: string): RecoveredId | null {
  const m = PREFIX.exec(text.slice(0, 512));
  if (!m) return null;
  return { format: m[1] as RecoveredId['format'], event: m[2], ticketId: m[3] ?? m[4] };
}
