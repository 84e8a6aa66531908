/**
 * Host status / priority / channel / tag values → our host-neutral ids (see team contract
 * "Host statuses"). Unknown values give null so the caller can ignore or reject them.
 */
import type { PriorityId, StatusId } from '../../../policies/src/ids';

const STATUS: Record<string, StatusId> = {
  new: 'new', open: 'open', pending: 'pending', hold: 'on_hold', on_hold: 'on_hold', solved: 'solved', closed: 'closed',
  // Freshdesk names and numbers
  resolved: 'solved', waiting_on_customer: 'on_hold', waiting_on_third_party: 'on_hold',
  '2': 'open', '3': 'pending', '4': 'solved', '5': 'closed', '6': 'on_hold', '7': 'on_hold',
};

export function normalizeStatus(value: unknown): StatusId | null {
  if (value === null || value === undefined) return null;
  const key = String(value).trim().toLowerCase().replace(/[\s-]+/g, '_');
  return STATUS[key] ?? null;
}

const PRIORITY: Record<string, PriorityId> = {
  urgent: 'urgent', high: 'high', normal: 'normal', medium: 'normal', low: 'low',
  '4': 'urgent', '3': 'high', '2': 'normal', '1': 'low',
};

export function normalizePriority(value: unknown): PriorityId | null {
  if (value === null || value === undefined) return null;
  return PRIORITY[String(value).trim().toLowerCase()] ?? null;
}

/** Host channel names (`web_service`, `Mail`, `Portal`, `Feedback Widget`…) → a channel key. */
export function normalizeChannel(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const v = value.trim().toLowerCase();
  if (/mail/.test(v)) return 'email';
  if (/chat|messag/.test(v)) return 'chat';
  if (/phone|voice|call/.test(v)) return 'phone';
  if (/mobile|sdk|app/.test(v)) return 'app';
  if (/twitter|facebook|social|whatsapp|wechat|instagram/.test(v)) return 'social';
  if (/api|web_service|rule/.test(v)) return 'api';
  if (/web|portal|widget|form/.test(v)) return 'web';
  return v.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || undefined;
}

/** Zendesk placeholders give space-separated tags, Freshdesk comma-separated. */
export function splitTags(value: string | string[] | null | undefined, separator: RegExp): string[] {
  if (Array.isArray(value)) return value.map((t) => t.trim()).filter(Boolean);
  return (value ?? '').split(separator).map((t) => t.trim()).filter(Boolean);
}

/** Host timestamps (ISO with nanoseconds, `2025-01-08 12:56:17 +0000`…) → ISO; null when unparsable. */
export function toIso(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const trimmed = value.trim().replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Freshdesk placeholders give HTML; we keep text only. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
