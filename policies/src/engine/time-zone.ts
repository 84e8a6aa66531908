/**
 * UTC offsets of an IANA time zone, read from `Intl.DateTimeFormat` (works in Node and in the
 * browser; no time-zone database of our own). Offsets are in ms: `wall = utc + offset`.
 * Zone transitions happen on whole seconds, so an offset read at a second is valid for all of it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time at `utcMs` in `timeZone`, as ms since 1970-01-01T00:00 of that wall clock (seconds resolution). */
export function wallTime(timeZone: string, utcMs: number): number {
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0;
  for (const p of formatter(timeZone).formatToParts(utcMs)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value) % 24;
        break; // some engines print midnight as "24"
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
      default:
        break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Offset in ms (`wall - utc`) in force at `utcMs`. */
export function zoneOffset(timeZone: string, utcMs: number): number {
  const sec = Math.floor(utcMs / 1000) * 1000;
  return wallTime(timeZone, sec) - sec;
}

/**
 * Constant-offset pieces covering [fromMs, toMs): `starts[k]` is where piece k begins (the first at
 * `fromMs`), `offsets[k]` its offset. Sampled every 6 h; a change is narrowed to the exact second by
 * bisection, so any transitions at least 6 h apart are found (real zones are months apart).
 */
export function offsetPieces(timeZone: string, fromMs: number, toMs: number): { starts: number[]; offsets: number[] } {
  const STEP = 6 * 3_600_000;
  const starts = [fromMs];
  const offsets = [zoneOffset(timeZone, fromMs)];
  let t = Math.floor(fromMs / 1000) * 1000;
  let o = offsets[0];
  while (t < toMs) {
    const next = Math.min(t + STEP, Math.ceil(toMs / 1000) * 1000);
    const on = zoneOffset(timeZone, next);
    if (on === o) {
      t = next;
      continue;
    }
    let lo = t,
      hi = next; // offset(lo) = o, offset(hi) != o
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zoneOffset(timeZone, mid) === o) lo = mid;
      else hi = mid;
    }
    if (hi >= toMs) break;
    o = zoneOffset(timeZone, hi);
    starts.push(hi);
    offsets.push(o);
    t = hi;
  }
  return { starts, offsets };
}
