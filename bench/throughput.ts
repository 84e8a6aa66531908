/**
 * Steady-state throughput of a function over a corpus (the classify bench's legs): untimed warm-up passes first,
 * at least one and at least `warmMs` of the process's CPU time, then passes for at least `minMs` of wall time.
 *
 * Why the warm-up is long and counted in CPU time: a classify leg's first pass compiles its policy object (~0.6 s
 * of CPU for the default policy), and the passes after it run while V8 still optimises the code paths that leg is
 * the first to use and collects the compile's garbage. Round 17 measured the learned layer's CFPB leg running its
 * next 1,000–4,000 tickets at a third to a half of its later speed; timed right after one warm-up pass, the 1.5 s
 * were mostly that, the more so the busier the machine (V8 optimises code as it runs, not by the clock, and a
 * process on a shared core runs little per wall second). A connector prepares a policy once per load and then
 * classifies at the steady rate, which is what the bench's target is about.
 */
export interface BenchClocks {
  /** Wall time, ms. */
  wall(): number;
  /** This process's CPU time, ms (every thread: V8's compiler and collector threads count as warm-up work too). */
  cpu(): number;
}

export const processClocks: BenchClocks = {
  wall: () => performance.now(),
  cpu: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
};

export const WARM_MS = 2500;
export const MIN_MS = 1500;

/** Items per second (wall time) of `fn` over `items` in its steady state (see above). */
export function steadyThroughput<T>(
  items: readonly T[],
  fn: (item: T) => unknown,
  clocks: BenchClocks = processClocks,
  warmMs = WARM_MS,
  minMs = MIN_MS,
): number {
  const warm = clocks.cpu();
  do for (const t of items) fn(t);
  while (clocks.cpu() - warm < warmMs);
  let n = 0;
  const start = clocks.wall();
  let elapsed = 0;
  do {
    for (const t of items) fn(t);
    n += items.length;
    elapsed = clocks.wall() - start;
  } while (elapsed < minMs);
  return n / (elapsed / 1000);
}
