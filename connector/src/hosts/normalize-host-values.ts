/**
 * Placeholder text helpers shared by the webhook parsers: tags, time stamps, entities, HTML. Status, priority and
 * channel values are host knowledge: connector/src/hosts/<host>/<host>-values.ts.
 */
/** Zendesk placeholders give space-separated tags, Freshdesk comma-separated. */
export function splitTags(value: string | string[] | null | undefined, separator: RegExp): string[] {
  if (Array.isArray(value)) return value.map((t) => t.trim()).filter(Boolean);
  return (value ?? '')
    .split(separator)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Host timestamps → ISO; null when unparsable or without a time zone. Accepted:
 * - ISO 8601 with a zone (`2026-11-22T10:30:00Z`, nanoseconds, `+08:00`; Zendesk `…_with_timestamp` gives `2013-12-12T05:35Z`);
 * - Rails `Time#to_s` (Freshdesk `{{ticket.created_on}}`/`{{ticket.modified_on}}`, Zendesk API dumps):
 *   `2026-11-22 10:30:00 UTC`, `2026-11-22 16:00:00 +0530`, `2025-09-03 12:56:17.000000000 +0000`;
 * - the hosts' display format with a zone: `Nov 22, 2026 at 10:30 UTC`, `November 22 2026 at 10:30 AM +0800`.
 * Display dates WITHOUT a zone (`Nov 22, 2026 at 10:30`, in the account's time zone) are not guessed: null.
 */
export function toIso(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!v || v.length > 64) return null;
  const ms = parseIsoLike(v) ?? parseDisplay(v);
  return ms !== null && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i;

function parseIsoLike(v: string): number | null {
  const m = ISO.exec(v);
  if (!m) return null;
  const frac = m[3] ? m[3].slice(0, 4) : '';
  return Date.parse(`${m[1]}T${m[2]}${frac}${zone(m[4])}`);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DISPLAY =
  /^([A-Za-z]{3,9})\.?\s*(\d{1,2}),?\s+(\d{4})(?:\s+at|,)?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s+(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/;

function parseDisplay(v: string): number | null {
  const m = DISPLAY.exec(v);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
  if (month < 0) return null;
  let hour = Number(m[4]);
  if (m[7]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[7].toLowerCase() === 'pm' ? 12 : 0);
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return Date.parse(`${m[3]}-${pad(month + 1)}-${pad(Number(m[2]))}T${pad(hour)}:${m[5]}:${m[6] ?? '00'}${zone(m[8])}`);
}

function zone(z: string): string {
  const u = z.toUpperCase();
  if (u === 'Z' || u === 'UTC' || u === 'GMT') return 'Z';
  return z.includes(':') ? z : `${z.slice(0, 3)}:${z.slice(3)}`;
}

/** HTML entities only (Freshdesk HTML-escapes some placeholder values, e.g. the subject). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d{1,7});/g, (w, n: string) => safeChar(Number(n), w))
    .replace(/&#x([0-9a-f]{1,6});/gi, (w, n: string) => safeChar(parseInt(n, 16), w))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeChar(code: number, whole: string): string {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
}

/** Freshdesk placeholders give HTML; we keep text only. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&[#a-z0-9]{1,10};/gi, (e) => decodeEntities(e))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
