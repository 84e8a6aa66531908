/**
 * Business-time arithmetic over a policy calendar (see `calendar-blocks.ts` for the exact rule,
 * including daylight-saving changes).
 *
 * - `calendar` mode: plain arithmetic (`start + duration`, `to - from`).
 * - `business` mode: time runs only inside the weekly local-wall-time intervals, minus holidays,
 *   in the calendar's IANA zone. Work is interval arithmetic over cached 128-day blocks
 *   (binary search inside a block, whole-block skips across blocks): never a minute loop.
 *
 * Conventions:
 * - `addBusinessTime(cal, t, d)` for d > 0 is the earliest instant u > t with `elapsed(t, u) = d`,
 *   so a deadline that uses up the last minute of a day lands on the closing time (18:00), not on
 *   the next opening. For d = 0 it returns `t` itself, even when `t` is closed time.
 *   Negative or non-finite durations are a RangeError.
 * - `elapsedBusinessTime(cal, a, b)` is antisymmetric: for a > b it returns
 *   `-elapsedBusinessTime(cal, b, a)` (negative or 0), as `b - a` does in calendar mode.
 * - Instants must lie between the years 1000 and 9999 (RangeError otherwise).
 */
import type { CalendarSpec } from '../schema/calendar';
import { WEEKDAYS } from '../ids';
import { BLOCK_MS, DAY_MS, buildBlock, businessBefore, instantAt, type Block, type CalendarRules } from './calendar-blocks';

export interface CompiledCalendar {
  readonly mode: 'business' | 'calendar';
  readonly timeZone: string;
  /** Weekly hours and holidays in ms form (business mode). */
  readonly rules: CalendarRules;
  /** Lazily built blocks by block index. */
  readonly blocks: Map<number, Block>;
}

const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(9999, 0, 1);
/** Blocks kept per calendar before the cache is reset (~500 years of blocks). */
const MAX_BLOCKS = 1500;

const hhmmToMs = (s: string): number => (Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))) * 60_000;

/** Compiled calendars by spec object: every caller (SLA clocks, follow-ups, sidebar) shares the warm blocks. */
const compiled = new WeakMap<CalendarSpec, CompiledCalendar>();

/** Compiles (once per spec object; treat validated specs as immutable) a calendar for add/elapsed. */
export function compileCalendar(spec: CalendarSpec): CompiledCalendar {
  let cal = compiled.get(spec);
  if (!cal) {
    cal = compile(spec);
    compiled.set(spec, cal);
  }
  return cal;
}

function compile(spec: CalendarSpec): CompiledCalendar {
  const week = WEEKDAYS.map((d) => (spec.week[d] ?? []).flatMap(([a, b]) => [hhmmToMs(a), hhmmToMs(b)]));
  const holidays = new Set(spec.holidays.map((iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS));
  if (spec.mode === 'business' && week.every((w) => w.length === 0)) {
    throw new RangeError('compileCalendar: a business calendar needs at least one open interval in its week');
  }
  return { mode: spec.mode, timeZone: spec.timeZone, rules: { timeZone: spec.timeZone, week, holidays }, blocks: new Map() };
}

function block(cal: CompiledCalendar, index: number): Block {
  let blk = cal.blocks.get(index);
  if (!blk) {
    if (cal.blocks.size >= MAX_BLOCKS) cal.blocks.clear();
    blk = buildBlock(cal.rules, index);
    cal.blocks.set(index, blk);
  }
  return blk;
}

function checkInstant(fn: string, name: string, t: number): void {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < MIN_MS || t > MAX_MS) {
    throw new RangeError(`${fn}: ${name} must be epoch milliseconds between the years 1000 and 9999 (got ${String(t)})`);
  }
}

export function addBusinessTime(cal: CompiledCalendar, startMs: number, durationMs: number): number {
  checkInstant('addBusinessTime', 'startMs', startMs);
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`addBusinessTime: durationMs must be a finite number >= 0 (got ${String(durationMs)})`);
  }
  if (durationMs === 0) return startMs;
  if (cal.mode === 'calendar') return startMs + durationMs;
  let index = Math.floor(startMs / BLOCK_MS);
  let blk = block(cal, index);
  let target = businessBefore(blk, startMs) + durationMs;
  while (target > blk.total) {
    target -= blk.total;
    index++;
    if (index * BLOCK_MS > MAX_MS) {
      throw new RangeError('addBusinessTime: the calendar has no open time left before the year 9999');
    }
    blk = block(cal, index);
  }
  return instantAt(blk, target);
}

export function elapsedBusinessTime(cal: CompiledCalendar, fromMs: number, toMs: number): number {
  checkInstant('elapsedBusinessTime', 'fromMs', fromMs);
  checkInstant('elapsedBusinessTime', 'toMs', toMs);
  if (cal.mode === 'calendar') return toMs - fromMs;
  if (fromMs > toMs) return 0 - elapsedBusinessTime(cal, toMs, fromMs); // 0 - x: never -0
  const bf = Math.floor(fromMs / BLOCK_MS);
  const bt = Math.floor(toMs / BLOCK_MS);
  const first = block(cal, bf);
  if (bf === bt) return businessBefore(first, toMs) - businessBefore(first, fromMs);
  let sum = first.total - businessBefore(first, fromMs);
  for (let b = bf + 1; b < bt; b++) sum += block(cal, b).total;
  return sum + businessBefore(block(cal, bt), toMs);
}
