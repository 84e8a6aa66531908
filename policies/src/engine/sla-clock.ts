/**
 * One SLA clock, walked over the segments of a ticket's life. A segment either runs the clock,
 * pauses it, or stops it; `elapsed` counts business (or calendar) ms of running segments only.
 *
 * Rules (documented in docs/policy.md "Calendars and SLA clocks"):
 * - `dueAt` is the instant the budget is used up. It is found where it happened when that is in
 *   the past; otherwise it is projected from now (running or paused: as if running from now on,
 *   so time spent paused pushes it out) or from the stop instant (stopped).
 * - A running clock is `breached` from its due instant on (`now >= dueAt`) and in `warning` from
 *   `warnAt` on; a stopped clock is `met` when it stopped at or before `dueAt`, else `breached`;
 *   a paused clock is `paused` unless it was already breached.
 * - `remainingMs` = budget - elapsed: negative once business time has run past the due instant
 *   (0 while a breached clock waits in closed hours right after a deadline at closing time).
 */
import type { SlaClock, ClockId, ClockState } from '../types';
import { addBusinessTime, elapsedBusinessTime, type CompiledCalendar } from './business-time';

export type SegmentMode = 'run' | 'pause' | 'stop';
export interface Segment {
  from: number;
  to: number;
  mode: SegmentMode;
}

export interface ClockResult {
  clock: SlaClock;
  running: boolean;
  changesAt: number[];
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export function walkClock(
  id: ClockId,
  cal: CompiledCalendar,
  budgetMs: number,
  warnMs: number,
  segments: Segment[],
  now: number,
): ClockResult {
  let elapsed = 0;
  let warnAt: number | null = null;
  let dueAt: number | null = null;
  for (const seg of segments) {
    if (seg.mode !== 'run' || seg.to <= seg.from) continue;
    const d = elapsedBusinessTime(cal, seg.from, seg.to);
    if (warnAt === null && elapsed + d >= warnMs) warnAt = addBusinessTime(cal, seg.from, warnMs - elapsed);
    if (dueAt === null && elapsed + d >= budgetMs) dueAt = addBusinessTime(cal, seg.from, budgetMs - elapsed);
    elapsed += d;
  }
  const last = segments[segments.length - 1];
  const stoppedAt = last.mode === 'stop' ? last.from : null;
  const anchor = stoppedAt ?? now;
  if (warnAt === null) warnAt = addBusinessTime(cal, anchor, warnMs - elapsed);
  if (dueAt === null) dueAt = addBusinessTime(cal, anchor, budgetMs - elapsed);

  let state: ClockState;
  if (last.mode === 'stop') state = stoppedAt! <= dueAt ? 'met' : 'breached';
  else if (now >= dueAt) state = 'breached';
  else if (last.mode === 'pause') state = 'paused';
  else state = now >= warnAt ? 'warning' : 'ok';

  const running = last.mode === 'run';
  const changesAt = running ? [warnAt, dueAt].filter((t) => t > now) : [];
  const clock: SlaClock = {
    id,
    state,
    dueAt: iso(dueAt),
    warnAt: iso(warnAt),
    budgetMs,
    elapsedMs: elapsed,
    remainingMs: budgetMs - elapsed,
    percent: Math.round((elapsed / budgetMs) * 1000) / 10,
    stoppedAt: iso(stoppedAt),
  };
  return { clock, running, changesAt };
}
