/**
 * Brute-force reference for business time: classifies every minute of a window on its own,
 * reading the wall clock, weekday and date from Intl at that minute, and steps minute by minute.
 * Slow on purpose and independent of the engine's interval arithmetic.
 */
import type { CalendarSpec } from '../../../../../policies/src/schema/calendar';

const MINUTE = 60_000;
const WEEKDAY: Record<string, keyof CalendarSpec['week']> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};
const walls = new Map<string, { date: string[]; weekday: string[]; minuteOfDay: Uint16Array }>();

/** Wall clock of each minute of [from, to) in `zone` (cached: reused by every calendar in that zone). */
function wallMinutes(zone: string, from: number, to: number) {
  const key = `${zone}|${from}|${to}`;
  let w = walls.get(key);
  if (w) return w;
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const n = (to - from) / MINUTE;
  w = { date: new Array<string>(n), weekday: new Array<string>(n), minuteOfDay: new Uint16Array(n) };
  for (let i = 0; i < n; i++) {
    const p: Record<string, string> = {};
    for (const x of f.formatToParts(from + i * MINUTE)) p[x.type] = x.value;
    w.date[i] = `${p.year}-${p.month}-${p.day}`;
    w.weekday[i] = p.weekday;
    w.minuteOfDay[i] = (Number(p.hour) % 24) * 60 + Number(p.minute);
  }
  walls.set(key, w);
  return w;
}

const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export class MinuteReference {
  readonly open: Uint8Array;
  constructor(
    spec: CalendarSpec,
    readonly from: number,
    readonly to: number,
  ) {
    const w = wallMinutes(spec.timeZone, from, to);
    const holidays = new Set(spec.holidays);
    this.open = new Uint8Array(w.date.length);
    // minute-of-day table per weekday name: 1 when some interval of that weekday contains it
    const tables = new Map<string, Uint8Array>();
    for (const [short, day] of Object.entries(WEEKDAY)) {
      const table = new Uint8Array(24 * 60);
      for (const [a, b] of spec.week[day]) table.fill(1, toMin(a), toMin(b));
      tables.set(short, table);
    }
    for (let i = 0; i < w.date.length; i++) {
      if (holidays.has(w.date[i])) continue;
      this.open[i] = tables.get(w.weekday[i])![w.minuteOfDay[i]];
    }
  }

  private index(t: number): number {
    if (t % MINUTE !== 0 || t < this.from || t > this.to)
      throw new Error(`reference: ${new Date(t).toISOString()} outside window or not on a minute`);
    return (t - this.from) / MINUTE;
  }

  /** Business ms in [a, b) for minute-aligned a <= b. */
  elapsed(a: number, b: number): number {
    let n = 0;
    for (let i = this.index(a), end = this.index(b); i < end; i++) n += this.open[i];
    return n * MINUTE;
  }

  /** End of the `minutes`-th business minute at or after `start`; `start` for 0; null if the window runs out. */
  add(start: number, minutes: number): number | null {
    if (minutes === 0) return start;
    let left = minutes;
    for (let i = this.index(start); i < this.open.length; i++) {
      left -= this.open[i];
      if (left === 0) return this.from + (i + 1) * MINUTE;
    }
    return null;
  }
}
