/**
 * The scale bench's capped run: 1 vs 3 replicas with each replica held to a fixed CPU allotment, as a container's CPU
 * limit holds it (BENCH_SCALE_REPLICA_CPU cores each, default 0.25; a cgroup per replica, test/support/cpu-cap.ts;
 * PostgreSQL, the load generator and the fake host are not capped). Each replica's measured cores are checked against
 * its allotment. Where no cgroup can be made, the reason is returned and no rows.
 */
import { cpus } from 'node:os';
import { openCpuCaps, parseCpuAllotment, PERIOD_US, type CpuCaps } from '../test/support/cpu-cap';
import type { BenchRow } from './print-table';
import type { RunResult } from './scale-end-to-end';
import { busy, cpuPerEvent, detailRows, PAIRS, pairRows, runPairs } from './scale-pairs';

/** Cores per replica in the capped runs (null: no capped run). 3 × 0.25 leaves room for PostgreSQL and the load. */
const REPLICA_CPU = parseCpuAllotment(process.env.BENCH_SCALE_REPLICA_CPU, 0.25);

/**
 * The most a replica held to `cores` can show over a run of `wallS`: its allotment, plus one period's quota (a
 * window can catch a period's quota at each end) and two /proc ticks of rounding.
 */
function capAllowance(cores: number, wallS: number): number {
  return cores + (cores * (PERIOD_US / 1e6) + 0.02) / wallS;
}

/** Runs the capped pairs (`runOne` with the caps as its CPU limit); its rows and its line for the stderr verdict. */
export async function runCapped(
  bench: string,
  metric: string,
  baseline: { subject: string; value: number },
  runOne: (replicas: 1 | 3, pair: number, cpuLimit: CpuCaps) => Promise<RunResult>,
): Promise<{ rows: BenchRow[]; line: string }> {
  const caps = REPLICA_CPU == null ? { skip: 'BENCH_SCALE_REPLICA_CPU is 0/off' } : openCpuCaps(REPLICA_CPU);
  if ('skip' in caps) return { rows: [], line: `  capped run (each replica with its own CPU allotment) skipped: ${caps.skip}` };
  const cpu = caps.cores;
  const C1 = `1 replica, ${cpu} CPU each`;
  const C3 = `3 replicas, ${cpu} CPU each`;
  const p = await runPairs((replicas, i) => runOne(replicas, i, caps));
  const { one: c1, three: c3, ratio } = p;
  const fits = (c: number | null, r: RunResult) => c != null && c <= capAllowance(cpu, r.wallS);
  // The cap is real when no replica of any run used more than its allotment (+ the allowance).
  const held = [...p.ones, ...p.threes].every((r) => r.replicaCores.every((c) => fits(c, r)));
  const coreRows = (subject: string, r: RunResult): BenchRow[] =>
    r.replicaCores.map((c, i) => ({
      bench,
      subject,
      metric: `cores used by replica ${i + 1} (CPU s ÷ wall s)`,
      value: c ?? NaN,
      unit: 'cores',
      target: `≤ ${cpu} (cgroup v${caps.version} quota)`,
      pass: fits(c, r),
    }));
  const throttleRows = (subject: string, r: RunResult): BenchRow[] =>
    r.throttledShare.map((t, i) => ({
      bench,
      subject,
      metric: `replica ${i + 1}: its active CFS periods that ran out of quota`,
      value: t == null ? NaN : t * 100,
      unit: '%',
    }));
  // What all parts would need, at the CPU per event measured with 3 capped replicas, for 3× one capped replica.
  const perEvent3 = cpuPerEvent(c3);
  const need = (3 * c1.value * perEvent3) / 1000;
  const rows: BenchRow[] = [
    {
      bench,
      subject: C1,
      metric: `${metric}, ${PAIRS} run(s)`,
      value: c1.value,
      unit: 'ev/s',
      baseline: baseline.subject,
      ratio: c1.value / baseline.value,
    },
    ...coreRows(C1, c1),
    ...throttleRows(C1, c1),
    ...detailRows(bench, C1, c1),
    {
      bench,
      subject: C3,
      metric: `${metric}, ${PAIRS} run(s)`,
      value: c3.value,
      unit: 'ev/s',
      baseline: C1,
      ratio,
      target: '≥ 2×',
      pass: ratio >= 2,
    },
    ...coreRows(C3, c3),
    ...throttleRows(C3, c3),
    ...detailRows(bench, C3, c3),
    ...pairRows(bench, 'capped pair', `events/s, 1 replica → 3, ${cpu} CPU each`, p),
    {
      bench,
      subject: 'this machine, capped',
      metric: `cores all parts need for 3× one capped replica (${perEvent3.toFixed(1)} ms CPU/event)`,
      value: need,
      unit: 'cores',
      target: `≤ ${cpus().length} (else the box bounds it)`,
      pass: need <= cpus().length,
    },
  ];
  const line =
    `  each replica held to ${cpu} CPU (a container's limit; PostgreSQL, load generator and fake host not capped): ` +
    `${c3.value.toFixed(1)} vs ${c1.value.toFixed(1)} events/s = ${ratio.toFixed(2)}× — target ≥ 2×: ` +
    `${ratio >= 2 ? 'MET' : 'NOT MET'}; cap held (every replica ≤ its allotment): ${held ? 'yes' : 'NO'}; cores busy ` +
    `${busy(c1).toFixed(2)} / ${busy(c3).toFixed(2)} of ${cpus().length}`;
  return { rows, line };
}
