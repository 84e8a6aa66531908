/**
 * `scale`: several connectors on one PostgreSQL (docs/several-connectors.md), in one run with its baselines:
 * - ingest: signed webhook acks (autocannon, loopback, worker off) on PostgreSQL vs SQLite vs a bare Express 5
 *   handler (bench/ingest.ts's load);
 * - end to end: events/s from the first post to every event processed and written to a local fake Zendesk (no
 *   rate limit), for 1 and for 3 connector processes (test/support/fleet.ts) on one database;
 * - takeover: a replica SIGKILLed right after the events were acknowledged, time until the survivors have done
 *   everything (its leases expire after 10 s; polls every few seconds).
 * Needs PostgreSQL binaries (as the tests); without them it prints why and measures nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleServer, startFlakyZendesk, waitUntil, type FlakyZendesk } from '../test/integration/faults/fault-kit';
import { settled, ticketEvent } from '../test/integration/several/replica-kit';
import { roundRobin, startFleet } from '../test/support/fleet';
import { postgresBinDir, startPostgres, type PgServer } from '../test/support/postgres-server';
import { bare, real } from './ingest';
import type { BenchRow } from './print-table';

const TICKETS = Number(process.env.BENCH_SCALE_TICKETS ?? 200);
const UNLIMITED = { HOST_RATE_LIMIT_PER_MIN: '1000000' };

/** Posts one ticket.created per ticket over the fleet (16 at a time); resolves when all are acknowledged. */
async function postAll(client: ReturnType<typeof roundRobin>, ids: number[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const status = await client.post(ticketEvent(id, 0));
      if (status !== 202) throw new Error(`scale bench: ticket ${id} not acknowledged (${status})`);
    }
  }));
}

async function endToEnd(pg: PgServer, server: string, zd: FlakyZendesk, n: number, base: number, kill = false): Promise<number> {
  const url = await pg.createDatabase();
  const fleet = await startFleet({ server, pgUrl: url, zendeskUrl: zd.url, n, env: UNLIMITED });
  try {
    const ids = Array.from({ length: TICKETS }, (_, i) => base + i);
    for (const id of ids) zd.seed(id);
    const t0 = Date.now();
    await postAll(roundRobin(fleet), ids);
    const t1 = Date.now();
    if (kill) await fleet.kill(0);
    await waitUntil(() => settled(url), 'every event processed and written', 600_000);
    return kill ? Date.now() - t1 : TICKETS / ((Date.now() - t0) / 1000);
  } finally {
    await fleet.stop();
  }
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
    const express = await bare();
    const sqlite = await real();
    const postgres = await real(await pg.createDatabase());
    for (const [name, r] of [['SQLite', sqlite], ['PostgreSQL', postgres]] as const) {
      if (r.non2xx || r.errors) throw new Error(`scale bench: ingest on ${name}: ${r.non2xx} non-2xx, ${r.errors} errors of ${r.total}`);
    }
    const one = await endToEnd(pg, server, zd, 1, 60_000);
    const three = await endToEnd(pg, server, zd, 3, 70_000);
    const takeoverMs = await endToEnd(pg, server, zd, 3, 80_000, true);
    const E = 'bare Express 5 (200)';
    return [
      { bench, subject: E, metric: 'ingest req/s', value: express.rps, unit: 'req/s' },
      { bench, subject: E, metric: 'ingest p99', value: express.p99, unit: 'ms' },
      { bench, subject: 'ingest on SQLite', metric: 'req/s (signed, durable)', value: sqlite.rps, unit: 'req/s', baseline: E, ratio: sqlite.rps / express.rps },
      { bench, subject: 'ingest on SQLite', metric: 'p99', value: sqlite.p99, unit: 'ms' },
      { bench, subject: 'ingest on PostgreSQL', metric: 'req/s (signed, durable)', value: postgres.rps, unit: 'req/s', baseline: 'ingest on SQLite', ratio: postgres.rps / sqlite.rps },
      { bench, subject: 'ingest on PostgreSQL', metric: 'p99', value: postgres.p99, unit: 'ms' },
      { bench, subject: '1 replica on PostgreSQL', metric: `events/s ack → host write (${TICKETS} tickets)`, value: one, unit: 'ev/s' },
      { bench, subject: '3 replicas on PostgreSQL', metric: `events/s ack → host write (${TICKETS} tickets)`, value: three, unit: 'ev/s', baseline: '1 replica on PostgreSQL', ratio: three / one, target: '≥ 2×', pass: three / one >= 2 },
      { bench, subject: '3 replicas, one SIGKILLed after the acks', metric: 'kill → all its work done by the others', value: takeoverMs, unit: 'ms', target: '< 30 000 ms', pass: takeoverMs < 30_000 },
    ];
  } finally {
    await zd.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
