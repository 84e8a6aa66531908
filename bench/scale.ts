/**
 * `scale`: several connectors on one PostgreSQL (docs/several-connectors.md), in one run with its baselines:
 * - ingest: signed webhook acks (autocannon, loopback, worker off) on PostgreSQL vs SQLite vs a bare Express 5
 *   handler (bench/ingest.ts's load; BENCH_SCALE_INGEST=0 leaves it out);
 * - end to end: events/s from the first post to every event processed and written to a local fake Zendesk (no
 *   rate limit), for 1 and for 3 connector processes on one database: the headline, BENCH_SCALE_PAIRS (default 2)
 *   alternated pairs at the default PROCESS_CONCURRENCY, pooled; then each with PROCESS_CONCURRENCY 1; with the CPU
 *   each part used per event, the cores the run kept busy, and SQL statements per event (bench/scale-end-to-end.ts;
 *   BENCH_SCALE_STATEMENTS=1 lists them per event on stderr). The verdict on the ≥ 2× target is printed in words on
 *   stderr with the load average and what this machine's ceiling allows. BENCH_SCALE_QUICK=1: ingest and the
 *   headline pairs only;
 * - capped: the same 1 vs 3 replicas with each replica held to a fixed CPU allotment, as a container's CPU limit holds
 *   it (BENCH_SCALE_REPLICA_CPU cores each, default 0.25; a cgroup per replica, test/support/cpu-cap.ts; PostgreSQL,
 *   the load generator and the fake host are not capped): how throughput grows with replicas when each brings its
 *   own CPU. Each replica's measured cores are checked against its allotment. Where no cgroup can be made, stderr
 *   says why and the capped rows are left out; `0` or `off` leaves them out too;
 * - the same 1 vs 3 replicas against a host that answers in 150 ms (the fake host delays each call);
 * - the ceiling of this machine for that work: its cores / the CPU all parts need per event;
 * - takeover: a replica SIGKILLed right after the events were acknowledged, time until the survivors have done
 *   everything (its leases expire after 10 s; the others poll every second).
 * Needs PostgreSQL binaries (as the tests); without them it prints why and measures nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleServer, startFlakyZendesk } from '../test/integration/faults/fault-kit';
import { postgresBinDir, startPostgres } from '../test/support/postgres-server';
import { bare, real } from './ingest';
import type { BenchRow } from './print-table';
import { runCapped } from './scale-capped';
import { enableStatementCounts, endToEnd } from './scale-end-to-end';
import { cpuPerEvent, detailRows, PAIRS, pairRows, runPairs, TICKETS } from './scale-pairs';

/** BENCH_SCALE_QUICK=1: only the ingest rows and the headline pairs (no one-at-a-time, slow-host or takeover runs). */
const QUICK = process.env.BENCH_SCALE_QUICK === '1';

export async function run(): Promise<BenchRow[]> {
  if (!postgresBinDir()) {
    process.stderr.write('bench scale: no PostgreSQL binaries (install the postgresql package or set PG_BIN); nothing measured\n');
    return [];
  }
  const bench = 'scale';
  const started = Date.now();
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-scale-'));
  const [pg, server, zd] = await Promise.all([startPostgres(), bundleServer(dir), startFlakyZendesk()]);
  try {
    const rows: BenchRow[] = [];
    const E = 'bare Express 5 (200)';
    if (process.env.BENCH_SCALE_INGEST !== '0') {
      const express = await bare();
      const sqlite = await real();
      const postgres = await real(await pg.createDatabase());
      for (const [name, r] of [
        ['SQLite', sqlite],
        ['PostgreSQL', postgres],
      ] as const) {
        if (r.non2xx || r.errors) throw new Error(`scale bench: ingest on ${name}: ${r.non2xx} non-2xx, ${r.errors} errors of ${r.total}`);
      }
      rows.push(
        { bench, subject: E, metric: 'ingest req/s', value: express.rps, unit: 'req/s' },
        { bench, subject: E, metric: 'ingest p99', value: express.p99, unit: 'ms' },
        {
          bench,
          subject: 'ingest on SQLite',
          metric: 'req/s (signed, durable)',
          value: sqlite.rps,
          unit: 'req/s',
          baseline: E,
          ratio: sqlite.rps / express.rps,
        },
        { bench, subject: 'ingest on SQLite', metric: 'p99', value: sqlite.p99, unit: 'ms' },
        {
          bench,
          subject: 'ingest on PostgreSQL',
          metric: 'req/s (signed, durable)',
          value: postgres.rps,
          unit: 'req/s',
          baseline: 'ingest on SQLite',
          ratio: postgres.rps / sqlite.rps,
        },
        { bench, subject: 'ingest on PostgreSQL', metric: 'p99', value: postgres.p99, unit: 'ms' },
      );
    }
    const counts = await enableStatementCounts(pg);
    const run1 = (replicas: number, base: number, concurrency?: number) =>
      endToEnd(pg, server, zd, { replicas, tickets: TICKETS, base, concurrency }, counts);
    const metric = `events/s ack → host write (${TICKETS} tickets)`;
    const [S1s, S1, S3s, S3] = [
      '1 replica, 1 ticket at a time',
      '1 replica on PostgreSQL',
      '3 replicas, 1 ticket at a time each',
      '3 replicas on PostgreSQL',
    ];
    // The headline, 1 vs 3 replicas at the default concurrency.
    const head = await runPairs((replicas, i) => run1(replicas, (replicas === 1 ? 61_000 : 71_000) + i * 20_000));
    const { one, three, ratio } = head;
    const ceiling = (cpus().length * 1000) / cpuPerEvent(three);
    rows.push(
      { bench, subject: S1, metric: `${metric}, default concurrency, ${PAIRS} run(s)`, value: one.value, unit: 'ev/s' },
      ...detailRows(bench, S1, one),
      {
        bench,
        subject: S3,
        metric: `${metric}, default concurrency, ${PAIRS} run(s)`,
        value: three.value,
        unit: 'ev/s',
        baseline: S1,
        ratio,
        target: '≥ 2×',
        pass: ratio >= 2,
      },
      ...detailRows(bench, S3, three),
      ...pairRows(bench, 'pair', `events/s, 1 replica → 3`, head),
      {
        bench,
        subject: 'this machine',
        metric: `ceiling: ${cpus().length} cores / all CPU per event (3 replicas)`,
        value: ceiling,
        unit: 'ev/s',
        baseline: S1,
        ratio: ceiling / one.value,
      },
    );
    // Capped: each replica with its own CPU allotment (a cgroup each), alternated pairs as above.
    const capped = await runCapped(bench, metric, { subject: S1, value: one.value }, (replicas, i, cpuLimit) =>
      endToEnd(pg, server, zd, { replicas, tickets: TICKETS, base: (replicas === 1 ? 261_000 : 271_000) + i * 20_000, cpuLimit }, counts),
    );
    rows.push(...capped.rows);
    if (!QUICK) {
      const oneSerial = await run1(1, 60_000, 1);
      const threeSerial = await run1(3, 70_000, 1);
      // A host that answers in 150 ms, as a real API does: the work waits on the host, not on this machine's cores.
      const slowOne = await endToEnd(pg, server, zd, { replicas: 1, tickets: TICKETS, base: 190_000, hostDelayMs: 150 }, false);
      const slowThree = await endToEnd(pg, server, zd, { replicas: 3, tickets: TICKETS, base: 191_000, hostDelayMs: 150 }, false);
      const takeover = await endToEnd(pg, server, zd, { replicas: 3, tickets: TICKETS, base: 180_000, kill: true }, false);
      rows.push(
        { bench, subject: S1s, metric, value: oneSerial.value, unit: 'ev/s', baseline: S1, ratio: oneSerial.value / one.value },
        ...detailRows(bench, S1s, oneSerial),
        { bench, subject: S3s, metric, value: threeSerial.value, unit: 'ev/s', baseline: S1s, ratio: threeSerial.value / oneSerial.value },
        ...detailRows(bench, S3s, threeSerial),
        { bench, subject: '1 replica, host answering in 150 ms', metric, value: slowOne.value, unit: 'ev/s' },
        {
          bench,
          subject: '3 replicas, host answering in 150 ms',
          metric,
          value: slowThree.value,
          unit: 'ev/s',
          baseline: '1 replica, host answering in 150 ms',
          ratio: slowThree.value / slowOne.value,
          target: '≥ 2×',
          pass: slowThree.value / slowOne.value >= 2,
        },
        {
          bench,
          subject: '3 replicas, one SIGKILLed after the acks',
          metric: 'kill → all its work done by the others',
          value: takeover.value,
          unit: 'ms',
          target: '< 30 000 ms',
          pass: takeover.value < 30_000,
        },
      );
    }
    const took = (Date.now() - started) / 1000;
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
    // Said plainly, with what bounds it: with every part on this machine's cores, three replicas can at most reach its
    // ceiling, so the ratio cannot pass ceiling ÷ one replica's events/s, whatever the replicas do.
    process.stderr.write(
      [
        `bench scale: 3 replicas vs 1 on PostgreSQL (fake host without latency, default concurrency, ${PAIRS} alternated pair(s) of ${TICKETS} events):`,
        `  ${three.value.toFixed(1)} vs ${one.value.toFixed(1)} events/s = ${ratio.toFixed(2)}× — target ≥ 2×: ${ratio >= 2 ? 'MET' : 'NOT MET'}`,
        `  pairs: ${head.ones.map((o, i) => `${(head.threes[i].value / o.value).toFixed(2)}×`).join(', ')}; this machine's ceiling ${ceiling.toFixed(0)} events/s ` +
          `(${cpus().length} cores ÷ ${cpuPerEvent(three).toFixed(1)} ms of CPU per event, all parts) allows at most ${(ceiling / one.value).toFixed(2)}× ` +
          `the one replica measured`,
        capped.line,
        `  load average ${load(loadAtStart)} at the start, ${load(loadavg())} at the end; the bench took ${took.toFixed(0)} s`,
      ].join('\n') + '\n',
    );
    return rows;
  } finally {
    await zd.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
