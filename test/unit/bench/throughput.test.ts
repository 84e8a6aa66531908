import { steadyThroughput, type BenchClocks } from '../../../bench/throughput';

/**
 * A fake process: each call of the measured function costs CPU time and advances the wall clock by that cost
 * times `wallPerCpu` (1: a whole core; 4: a quarter of one); the first `slowCalls` calls cost `slowMs` (a cold
 * start), the rest 1 ms.
 */
function fakeRun(slowCalls: number, slowMs: number, wallPerCpu = 1) {
  let wall = 0;
  let cpu = 0;
  let calls = 0;
  const clocks: BenchClocks = { wall: () => wall, cpu: () => cpu };
  const fn = () => {
    const ms = calls++ < slowCalls ? slowMs : 1;
    cpu += ms;
    wall += wallPerCpu * ms;
  };
  return { clocks, fn, calls: () => calls };
}

const items = Array.from({ length: 10 }, (_, i) => i);

describe('steadyThroughput', () => {
  it('times only after at least warmMs of CPU time: a cold start longer than one pass is not in the figure', () => {
    // 400 slow calls (40 passes of 10) of 5 ms = 2,000 ms of CPU: all within a 2,500 ms warm-up.
    const run = fakeRun(400, 5);
    expect(steadyThroughput(items, run.fn, run.clocks, 2500, 1500)).toBe(1000);
  });

  it('counts the warm-up in CPU time, not wall time: a process on a shared core warms up as far', () => {
    // Wall runs 4× CPU (a quarter of a core): a wall-time warm-up of 2,500 ms would stop after 625 ms of CPU,
    // inside the 1,500 slow calls.
    const run = fakeRun(1500, 1.5, 4);
    // Steady: 10 items per 40 ms of wall = 250/s.
    expect(steadyThroughput(items, run.fn, run.clocks, 2500, 1500)).toBe(250);
  });

  it('warms up with at least one pass, and times at least minMs of wall time', () => {
    const run = fakeRun(0, 1);
    expect(steadyThroughput(items, run.fn, run.clocks, 0, 100)).toBe(1000);
    // One warm-up pass of 10 calls (warmMs 0), then 10 timed passes reaching 100 ms.
    expect(run.calls()).toBe(10 + 100);
  });
});
