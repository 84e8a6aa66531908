/**
 * The event loop's stall while work runs, next to an idle control measured right after it for the same length of
 * time (same process, same machine load): monitorEventLoopDelay's p99 and max, and the CPU the loop's own thread
 * spent per request (Linux per-thread accounting; load-independent, unlike any wall-clock delay). On a shared box
 * an idle loop already sees tens of ms of delay when the process is descheduled: the control says how much.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface Stall {
  p99: number;
  max: number;
}

export interface UnderLoad {
  /** Median time of one call (ms). */
  ms: number;
  runs: number;
  stall: Stall;
  /** The idle loop over the same length of time, measured right after. */
  idle: Stall;
  /** CPU ms the event loop's thread spent per call, or null where per-thread accounting is not available. */
  loopCpuMs: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function histogram(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: 2 });
  h.enable();
  return h;
}

const stallOf = (h: IntervalHistogram): Stall => ({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 });

/** CPU ms used so far by the main thread (utime + stime in 10 ms ticks), or null off Linux. */
function loopCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The idle loop's delay over `ms`. */
export async function idleStall(ms: number): Promise<Stall> {
  const h = histogram();
  await sleep(ms);
  h.disable();
  return stallOf(h);
}

/**
 * Calls `fn` back to back (after one warm-up call) until at least `minRuns` calls and `minMs` have passed, then
 * leaves the loop idle for as long: the loop's delay during each, and the loop thread's CPU per call.
 */
export async function stallUnderLoad(fn: () => Promise<unknown> | unknown, minRuns = 10, minMs = 1000): Promise<UnderLoad> {
  await fn();
  const h = histogram();
  await sleep(20); // the sampling timer runs before the work starts
  const cpu0 = loopCpuMs();
  const times: number[] = [];
  const t0 = performance.now();
  while (times.length < minRuns || performance.now() - t0 < minMs) {
    const a = performance.now();
    await fn();
    times.push(performance.now() - a);
    // Requests arrive one by one: timers (the delay sampler's too) run between them, as they would between requests.
    await new Promise((r) => setImmediate(r));
  }
  const wall = performance.now() - t0;
  const cpu1 = loopCpuMs();
  h.disable();
  const stall = stallOf(h);
  const idle = await idleStall(wall);
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], runs: times.length, stall, idle, loopCpuMs: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / times.length };
}
