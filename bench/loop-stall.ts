/**
 * The event loop's stall while work runs, next to an idle control of the same length interleaved with it in slices
 * (same process, same stretch of machine load): monitorEventLoopDelay's p99 and max, and the CPU the loop's own thread
 * spent per request (Linux per-thread accounting; load-independent, unlike any wall-clock delay). On a shared box
 * an idle loop already sees tens of ms of delay when the process is descheduled: the control says how much.
 */
import { readFileSync } from 'node:fs';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface Stall {
  p99: number;
  max: number;
}

export interface UnderLoad {
  /** Median time of one call (ms). */
  ms: number;
  runs: number;
  stall: Stall;
  /** The idle loop over as long, in slices interleaved with the load's. */
  idle: Stall;
  /** CPU ms the event loop's thread spent per call, or null where per-thread accounting is not available. */
  loopCpuMs: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU ms used so far by the main thread (utime + stime in 10 ms ticks), or null off Linux. */
function loopCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * A sampler of the loop's delay (monitorEventLoopDelay's method: a timer every RES_MS, delay = lateness) that files
 * each sample under the current mode. One timer for both modes: a histogram disabled and enabled again would
 * record the gap as a delay.
 */
function sampler() {
  const load = createHistogram();
  const idle = createHistogram();
  let mode: 'load' | 'idle' | null = null;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - RES_MS;
    last = now;
    if (mode) (mode === 'load' ? load : idle).record(Math.max(1, Math.round(late * 1e6)));
  }, RES_MS);
  const of = (h: RecordableHistogram): Stall => ({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 });
  return {
    set: (m: typeof mode) => {
      mode = m;
    },
    stop: () => {
      clearInterval(timer);
      return { load: of(load), idle: of(idle) };
    },
  };
}

const RES_MS = 2;

/**
 * Calls `fn` back to back (after one warm-up call) in slices of about `SLICE_MS` (at least one call each), each
 * followed by as long an idle slice, until at least `minRuns` calls and `minMs` of load have passed: the loop's
 * delay under load and idle is sampled over the same stretch of the machine's noise. The loop thread's CPU is
 * counted over both (the idle slices add only the sampler's wake-ups) and divided by the calls.
 */
export async function stallUnderLoad(fn: () => Promise<unknown> | unknown, minRuns = 10, minMs = 1000): Promise<UnderLoad> {
  await fn();
  const s = sampler();
  await sleep(20); // the sampling timer runs before the work starts
  const cpu0 = loopCpuMs();
  const times: number[] = [];
  let loadMs = 0;
  while (times.length < minRuns || loadMs < minMs) {
    s.set('load');
    const s0 = performance.now();
    do {
      const a = performance.now();
      await fn();
      times.push(performance.now() - a);
      // Requests arrive one by one: timers (the delay sampler's too) run between them, as they would between requests.
      await new Promise((r) => setImmediate(r));
    } while (performance.now() - s0 < SLICE_MS);
    const slice = performance.now() - s0;
    loadMs += slice;
    s.set('idle');
    await sleep(slice);
  }
  const cpu1 = loopCpuMs();
  const { load, idle } = s.stop();
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(times.length / 2)],
    runs: times.length,
    stall: load,
    idle,
    loopCpuMs: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / times.length,
  };
}

const SLICE_MS = 200;
