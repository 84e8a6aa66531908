/**
 * How the agent reads times and amounts: one format, used by the connector (which writes them into the view for
 * the reader's locale and zone, `displayFor`) and by the sidebar (for anything the view did not carry, and
 * offline). The connector writes them because a page's first use of Intl loads ICU's data, 30–45 ms in a new
 * Chromium renderer (bench/sidebar.ts), while the connector's process has it loaded already.
 * Browser-safe: Intl only.
 */
import type { Locale } from '../types';

/** The view's times and amounts as text for one reader: `times` keyed by epoch milliseconds, `money` by amount. */
export interface ViewDisplay {
  locale: Locale;
  /** The canonical IANA zone the times are written in (the agent's, else the policy's zone for agents). */
  timeZone: string;
  times: Record<string, string>;
  money: Record<string, string>;
}

const TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  // h23, not `hour12: false`: with that, ICU writes the hour after midnight as 24 ("24:50") in en and zh-TW
  hourCycle: 'h23',
  timeZoneName: 'short',
};
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The canonical IANA name of a zone; null when the name is empty or unknown. */
export function canonicalZone(raw: unknown): string | null {
  const v = typeof raw === 'string' ? raw.trim() : '';
  if (!v || v.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An ISO time or epoch milliseconds as the agent reads it; '' for a missing or unparsable time. */
export function formatAt(iso: string | number | null | undefined, locale: Locale, timeZone: string): string {
  if (iso == null || iso === '') return '';
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const key = `${locale}|${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...TIME_OPTIONS, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { ...TIME_OPTIONS, timeZone: 'UTC' });
    }
    timeFormats.set(key, f);
  }
  return f.format(ms);
}

/** An amount in the policy's currency, e.g. `$50.00`; `50 XYZ` for a currency Intl does not know. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function collectTimes(value: unknown, out: Set<number>, depth: number): void {
  if (depth > 8 || value == null) return;
  if (typeof value === 'string') {
    if (value.length <= 40 && ISO_TIME.test(value)) {
      const ms = Date.parse(value);
      if (Number.isFinite(ms)) out.add(ms);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) collectTimes(v, out, depth + 1);
  } else if (typeof value === 'object') {
    for (const v of Object.values(value)) collectTimes(v, out, depth + 1);
  }
}

interface ViewLike {
  remedies?: { currency?: string; options?: { effectiveCap?: number | null; capAmount?: number | null }[] } | null;
}

/** Every ISO time in `view` and every remedy cap, written for `locale` in `timeZone` (a canonical zone). */
export function displayFor(view: ViewLike, locale: Locale, timeZone: string): ViewDisplay {
  const seen = new Set<number>();
  collectTimes(view, seen, 0);
  const times: Record<string, string> = {};
  for (const ms of seen) times[ms] = formatAt(ms, locale, timeZone);
  const money: Record<string, string> = {};
  const currency = view.remedies?.currency;
  if (currency)
    for (const o of view.remedies?.options ?? [])
      for (const a of [o.effectiveCap, o.capAmount])
        if (typeof a === 'number' && Number.isFinite(a)) money[a] = formatMoney(a, currency, locale);
  return { locale, timeZone, times, money };
}
