/**
 * Business time of a calendar, precomputed per block of UTC time: the open intervals as UTC
 * instants plus running sums, so `add` and `elapsed` are binary searches and whole-block skips.
 *
 * The rule (DST-safe by construction): an instant is business time when its wall-clock time in
 * the calendar's zone, read at that instant, lies inside an open interval of its local weekday
 * and its local date is not a holiday.
 *  - Spring forward: skipped wall times never occur, so an interval overlapping the gap is
 *    shortened by the overlap (09:00-12:00 stays 3 h, 01:00-04:00 becomes 2 h in New York).
 *  - Fall back: repeated wall times occur twice and both occurrences count, i.e. an interval
 *    counts its real elapsed time (00:00-05:00 lasts 6 h on the day New York falls back).
 *  - Transitions at midnight (a local date that starts late or repeats an hour) follow the same rule.
 */
import { offsetPieces } from './time-zone';

export const DAY_MS = 86_400_000;
/** 128 UTC days per block: building one costs ~256 Intl calls; a 10 000 h span touches a few. */
export const BLOCK_MS = 128 * DAY_MS;

export interface Block {
  /** Open intervals [starts[i], ends[i]) in UTC ms, ascending, disjoint, clipped to the block. */
  starts: Float64Array;
  ends: Float64Array;
  /** Business ms from the block start up to ends[i]. */
  cumEnd: Float64Array;
  total: number;
}

export interface CalendarRules {
  timeZone: string;
  /** Per weekday (0 = Monday … 6 = Sunday): flat [start, end, start, end …] in ms after local midnight. */
  week: number[][];
  /** Local dates (days since 1970-01-01) that are closed. */
  holidays: Set<number>;
}

/** Weekday index (0 = Monday) of a day number (days since 1970-01-01, a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Offset pieces per (zone, block), shared by every calendar in that zone (policy reloads recompile calendars). */
const pieceCache = new Map<string, { starts: number[]; offsets: number[] }>();

function zonePieces(timeZone: string, index: number, b0: number, b1: number): { starts: number[]; offsets: number[] } {
  const key = `${timeZone}|${index}`;
  let p = pieceCache.get(key);
  if (!p) {
    if (pieceCache.size >= 4096) pieceCache.clear();
    p = offsetPieces(timeZone, b0, b1);
    pieceCache.set(key, p);
  }
  return p;
}

export function buildBlock(rules: CalendarRules, index: number): Block {
  const b0 = index * BLOCK_MS;
  const b1 = b0 + BLOCK_MS;
  const { starts: pStarts, offsets } = zonePieces(rules.timeZone, index, b0, b1);
  const s: number[] = [];
  const e: number[] = [];
  for (let k = 0; k < pStarts.length; k++) {
    const o = offsets[k];
    // This piece in wall time: [w0, w1).
    const w0 = pStarts[k] + o;
    const w1 = (k + 1 < pStarts.length ? pStarts[k + 1] : b1) + o;
    for (let day = Math.floor(w0 / DAY_MS), last = Math.floor((w1 - 1) / DAY_MS); day <= last; day++) {
      if (rules.holidays.has(day)) continue;
      const list = rules.week[weekdayOf(day)];
      const midnight = day * DAY_MS;
      for (let i = 0; i < list.length; i += 2) {
        const from = Math.max(midnight + list[i], w0);
        const to = Math.min(midnight + list[i + 1], w1);
        if (from >= to) continue;
        const us = from - o;
        const ue = to - o;
        if (e.length && e[e.length - 1] === us)
          e[e.length - 1] = ue; // touching: merge
        else {
          s.push(us);
          e.push(ue);
        }
      }
    }
  }
  const cumEnd = new Float64Array(s.length);
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    sum += e[i] - s[i];
    cumEnd[i] = sum;
  }
  return { starts: Float64Array.from(s), ends: Float64Array.from(e), cumEnd, total: sum };
}

/** Index of the last interval starting at or before `t` (-1 if none). */
function lastStartAtOrBefore(blk: Block, t: number): number {
  let lo = 0,
    hi = blk.starts.length - 1,
    ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blk.starts[mid] <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Business ms from the block start to `t` (t inside the block). */
export function businessBefore(blk: Block, t: number): number {
  const i = lastStartAtOrBefore(blk, t);
  if (i < 0) return 0;
  return blk.cumEnd[i] - (blk.ends[i] - Math.min(t, blk.ends[i]));
}

/** Earliest instant in the block at which `target` business ms (0 < target <= total) have passed since the block start. */
export function instantAt(blk: Block, target: number): number {
  let lo = 0,
    hi = blk.cumEnd.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blk.cumEnd[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return blk.ends[lo] - (blk.cumEnd[lo] - target);
}
