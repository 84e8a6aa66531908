/**
 * The scale bench's pieces shared by its unconstrained and capped 1-vs-3 runs: alternated pairs of runs, pooled, and
 * the rows each run gets (CPU per event per part, cores busy, statements per event).
 */
import { cpus } from 'node:os';
import type { BenchRow } from './print-table';
import type { RunResult } from './scale-end-to-end';

export const TICKETS = Number(process.env.BENCH_SCALE_TICKETS ?? 200);
/** Alternated 1-replica / 3-replica runs behind each 1-vs-3 ratio. */
export const PAIRS = Math.max(1, Number(process.env.BENCH_SCALE_PAIRS ?? 2));

/** Several runs as one: all their events over all their time, CPU and statements summed (per event: divided by TICKETS × runs). */
export function pooled(rs: RunResult[]): RunResult {
  const n = rs.length;
  const sum = (f: (r: RunResult) => number | null) =>
    rs.some((r) => f(r) == null) ? null : rs.reduce((a, r) => a + (f(r) as number), 0) / n;
  const wallS = rs.reduce((a, r) => a + r.wallS, 0);
  return {
    value: (TICKETS * n) / wallS,
    wallS: wallS / n,
    cpu: { replicas: sum((r) => r.cpu.replicas), postgres: sum((r) => r.cpu.postgres), bench: sum((r) => r.cpu.bench) as number },
    statementsPerEvent: sum((r) => r.statementsPerEvent),
    // Each replica's share of throttled periods: the runs' mean.
    throttledShare: rs[0].throttledShare.map((_, i) =>
      rs.some((r) => r.throttledShare[i] == null) ? null : rs.reduce((a, r) => a + (r.throttledShare[i] as number), 0) / n,
    ),
    // Each replica's cores over all the runs' time.
    replicaCores: rs[0].replicaCores.map((_, i) =>
      rs.some((r) => r.replicaCores[i] == null) ? null : rs.reduce((a, r) => a + (r.replicaCores[i] as number) * r.wallS, 0) / wallS,
    ),
  };
}

/** CPU per event of each part, the cores kept busy, statements per event. */
export function detailRows(bench: string, subject: string, r: RunResult): BenchRow[] {
  const per = (s: number | null) => (s == null ? NaN : (s * 1000) / TICKETS);
  const { replicas, postgres, bench: gen } = r.cpu;
  const total = replicas == null || postgres == null ? null : replicas + postgres + gen;
  return [
    { bench, subject, metric: 'CPU ms/event: connector processes', value: per(replicas), unit: 'ms' },
    { bench, subject, metric: 'CPU ms/event: PostgreSQL (all backends)', value: per(postgres), unit: 'ms' },
    { bench, subject, metric: 'CPU ms/event: load generator + fake host', value: per(gen), unit: 'ms' },
    {
      bench,
      subject,
      metric: 'cores busy (all CPU / wall time)',
      value: total == null ? NaN : total / r.wallS,
      unit: 'cores',
      target: `${cpus().length} on this machine`,
    },
    ...(r.statementsPerEvent == null
      ? []
      : [{ bench, subject, metric: 'SQL statements/event (connectors)', value: r.statementsPerEvent, unit: 'stmts' }]),
  ];
}

/** All parts' CPU per event, ms (NaN where a part's CPU could not be read). */
export const cpuPerEvent = (r: RunResult): number =>
  r.cpu.replicas == null || r.cpu.postgres == null ? NaN : ((r.cpu.replicas + r.cpu.postgres + r.cpu.bench) * 1000) / TICKETS;

/** All parts' CPU ÷ wall time. */
export const busy = (r: RunResult): number =>
  r.cpu.replicas == null || r.cpu.postgres == null ? NaN : (r.cpu.replicas + r.cpu.postgres + r.cpu.bench) / r.wallS;

export interface Pairs {
  ones: RunResult[];
  threes: RunResult[];
  one: RunResult;
  three: RunResult;
  ratio: number;
}

/** PAIRS pairs, alternated (1, 3, 1, 3, …) so a change in the machine's load hits both alike; each side pooled. */
export async function runPairs(runOne: (replicas: 1 | 3, pair: number) => Promise<RunResult>): Promise<Pairs> {
  const ones: RunResult[] = [];
  const threes: RunResult[] = [];
  for (let i = 0; i < PAIRS; i++) {
    ones.push(await runOne(1, i));
    threes.push(await runOne(3, i));
  }
  const one = pooled(ones);
  const three = pooled(threes);
  return { ones, threes, one, three, ratio: three.value / one.value };
}

/** One row per pair: its 3-replica events/s against its 1-replica run. */
export const pairRows = (bench: string, subject: string, metric: string, p: Pairs): BenchRow[] =>
  p.ones.map((o, i) => ({
    bench,
    subject: `${subject} ${i + 1}: 3 vs 1 replica`,
    metric,
    value: p.threes[i].value,
    unit: 'ev/s',
    baseline: `${o.value.toFixed(1)} ev/s`,
    ratio: p.threes[i].value / o.value,
  }));
