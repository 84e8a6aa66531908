/**
 * Calendar days in a reader's time zone, for the dashboard's per-day charts: a day is numbered as its local date
 * at UTC midnight (days since the epoch), so 2026-11-30 in Asia/Shanghai and in America/New_York are the same
 * number while the instants they cover differ. Pure (Intl only).
 */
const DAY_MS = 86_400_000;
const parts = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in minutes (480 for Asia/Shanghai). */
export function offsetMinutes(zone: string, ms: number): number {
  let f = parts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    parts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((wall - (ms - (ms % 60_000))) / 60_000);
}

/** The local day number of an instant. */
export const localDay = (zone: string, ms: number): number => Math.floor((ms + offsetMinutes(zone, ms) * 60_000) / DAY_MS);

/** The instant local day `day` starts in `zone` (its first minute; a DST jump at midnight moves it forward). */
export function startOfLocalDay(zone: string, day: number): number {
  let ms = day * DAY_MS - offsetMinutes(zone, day * DAY_MS) * 60_000;
  // The offset may differ at the true start (a transition between the two guesses): one correction settles it.
  ms = day * DAY_MS - offsetMinutes(zone, ms) * 60_000;
  return localDay(zone, ms) < day ? ms + 3_600_000 : ms;
}
