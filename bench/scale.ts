/**
 * `scale`: several connectors on one PostgreSQL (docs/several-connectors.md), in one run with its baselines:
 * - ingest: signed webhook acks (autocannon, loopback, worker off) on PostgreSQL vs SQLite vs a bare Express 5
 *   handler (bench/ingest.ts's load; BENCH_SCALE_INGEST=0 leaves it out);
 * - end to end: events/s from the first post to every event processed and written to a local fake Zendesk (no
 *   rate limit), for 1 and for 3 connector processes on one database, each with the default PROCESS_CONCURRENCY
 *   and with 1 (one ticket at a time, the worker before it processed tickets concurrently); with the CPU each
 *   part used per event, the cores the run kept busy, and SQL statements per event (bench/scale-end-to-end.ts);
 * - the same 1 vs 3 replicas against a host that answers in 150 ms (the fake host delays each call);
 * - the ceiling of this machine for that work: its cores / the CPU all parts need per event;
 * - takeover: a replica SIGKILLed right after the events were acknowledged, time until the survivors have done
 *   everything (its leases expire after 10 s; the others poll every second).
 * Needs PostgreSQL binaries (as the tests); without them it prints why and measures nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleServer, startFlakyZendesk } from '../test/integration/faults/fault-kit';
import { postgresBinDir, startPostgres } from '../test/support/postgres-server';
import { bare, real } from './ingest';
import type { BenchRow } from './print-table';
import { enableStatementCounts, endToEnd, type RunResult } from './scale-end-to-end';

const TICKETS = Number(process.env.BENCH_SCALE_TICKETS ?? 200);

/** CPU per event of each part, the cores kept busy, statements per event. */
function detailRows(bench: string, subject: string, r: RunResult): BenchRow[] {
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

export async function run(): Promise<BenchRow[]> {
  if (!postgresBinDir()) {
    process.stderr.write('bench scale: no PostgreSQL binaries (install the postgresql package or set PG_BIN); nothing measured\n');
    return [];
  }
  const bench = 'scale';
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
    // Alternated, so a change in the machine's load hits both kinds alike.
    const oneSerial = await run1(1, 60_000, 1);
    const one = await run1(1, 61_000);
    const threeSerial = await run1(3, 70_000, 1);
    const three = await run1(3, 71_000);
    // A host that answers in 150 ms, as a real API does: the work waits on the host, not on this machine's cores.
    const slowOne = await endToEnd(pg, server, zd, { replicas: 1, tickets: TICKETS, base: 90_000, hostDelayMs: 150 }, false);
    const slowThree = await endToEnd(pg, server, zd, { replicas: 3, tickets: TICKETS, base: 91_000, hostDelayMs: 150 }, false);
    const takeover = await endToEnd(pg, server, zd, { replicas: 3, tickets: TICKETS, base: 80_000, kill: true }, false);
    const metric = `events/s ack → host write (${TICKETS} tickets)`;
    const [S1s, S1, S3s, S3] = [
      '1 replica, 1 ticket at a time',
      '1 replica on PostgreSQL',
      '3 replicas, 1 ticket at a time each',
      '3 replicas on PostgreSQL',
    ];
    const cpuPerEvent = (r: RunResult) =>
      r.cpu.replicas == null || r.cpu.postgres == null ? NaN : (r.cpu.replicas + r.cpu.postgres + r.cpu.bench) / TICKETS;
    const ceiling = cpus().length / cpuPerEvent(three);
    rows.push(
      { bench, subject: S1s, metric, value: oneSerial.value, unit: 'ev/s' },
      ...detailRows(bench, S1s, oneSerial),
      {
        bench,
        subject: S1,
        metric: `${metric}, default concurrency`,
        value: one.value,
        unit: 'ev/s',
        baseline: S1s,
        ratio: one.value / oneSerial.value,
      },
      ...detailRows(bench, S1, one),
      { bench, subject: S3s, metric, value: threeSerial.value, unit: 'ev/s', baseline: S1s, ratio: threeSerial.value / oneSerial.value },
      ...detailRows(bench, S3s, threeSerial),
      {
        bench,
        subject: S3,
        metric: `${metric}, default concurrency`,
        value: three.value,
        unit: 'ev/s',
        baseline: S1,
        ratio: three.value / one.value,
        target: '≥ 2×',
        pass: three.value / one.value >= 2,
      },
      ...detailRows(bench, S3, three),
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
        subject: 'this machine',
        metric: `ceiling: ${cpus().length} cores / all CPU per event (3 replicas)`,
        value: ceiling,
        unit: 'ev/s',
        baseline: S1,
        ratio: ceiling / one.value,
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
    return rows;
  } finally {
    await zd.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
