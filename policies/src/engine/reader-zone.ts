/**
 * One time zone per reader. Agents read deadlines in their own zone (the host's, else `timeZones.agents`);
 * customers read scripts in `timeZones.customers`; internal notes are written in `timeZones.notes`. A zone the
 * policy leaves out is the zone of the calendar the ticket's severity runs on (else the first calendar's).
 * Browser-safe: Intl only.
 */
import type { Policy } from '../types';

export type Reader = 'agents' | 'customers' | 'notes';

export function readerZone(policy: Policy, reader: Reader, severity?: string | null): string {
  const named = policy.timeZones?.[reader];
  if (named) return named;
  const cal = policy.severities[severity as keyof Policy['severities']]?.calendar;
  const calendars = Object.values(policy.calendars);
  return (cal && policy.calendars[cal]?.timeZone) || calendars[0]?.timeZone || 'UTC';
}

const wall = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-22 18:30` on the wall clock of `zone`; '' for a missing or unparsable time. */
export function wallClock(iso: string | number | null | undefined, zone: string): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso ?? '');
  if (!Number.isFinite(ms)) return '';
  let f = wall.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wall.set(zone, f);
  }
  const parts = f.formatToParts(ms);
  const v = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

/** `2026-11-22 18:30 (Asia/Shanghai)`: a deadline that says which zone it is in. */
export function formatDeadline(iso: string | number | null | undefined, zone: string): string {
  const w = wallClock(iso, zone);
  return w && `${w} (${zone})`;
}

const named = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone in words of the reader's locale at that moment ("China Standard Time", "中国标准时间", "中國標準時間"),
 * as Intl names it; the IANA id where Intl has no name for it.
 */
export function zoneName(ms: number, zone: string, locale: string): string {
  const key = `${locale}\u0000${zone}`;
  let f = named.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' });
    named.set(key, f);
  }
  return f.formatToParts(ms).find((x) => x.type === 'timeZoneName')?.value || zone;
}

/** `2026-11-22 18:30 (China Standard Time)`: a deadline for a customer, its zone named in their language, never an IANA id. */
export function formatCustomerDeadline(iso: string | number | null | undefined, zone: string, locale: string): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso ?? '');
  const w = wallClock(ms, zone);
  return w && `${w} (${zoneName(ms, zone, locale)})`;
}
