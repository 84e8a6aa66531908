/**
 * One end-to-end run of the scale bench: N connector processes (test/support/fleet.ts) on a fresh database, one
 * ticket.created per ticket posted over them, until every event is processed and written to the fake Zendesk.
 * Besides events/s it measures where the CPU went (the connector processes, the whole PostgreSQL server, this
 * process, which is the load generator and the fake host) and, when pg_stat_statements can be loaded, the SQL
 * statements the connectors ran per event.
 */
import { Client } from 'pg';
import { join } from 'node:path';
import { ROOT, waitUntil, type FlakyZendesk } from '../test/integration/faults/fault-kit';
import { ticketEvent } from '../test/integration/several/replica-kit';
import { roundRobin, startFleet } from '../test/support/fleet';
import type { CpuCaps } from '../test/support/cpu-cap';
import type { PgServer } from '../test/support/postgres-server';
import { postmasterOf, processCpu, treeCpu } from './process-cpu';

const UNLIMITED = { HOST_RATE_LIMIT_PER_MIN: '1000000' };
/** Marks the bench's own queries, so the statement count leaves them out. */
const BENCH_TAG = '/* scale-bench */';

export interface RunOptions {
  replicas: number;
  tickets: number;
  /** First ticket id (each run uses its own). */
  base: number;
  /** PROCESS_CONCURRENCY of every replica (unset: the default). */
  concurrency?: number;
  /** Each host call waits this long at the fake host (a real API answers in 100-300 ms). */
  hostDelayMs?: number;
  /** SIGKILL replica 0 right after the acks; the result is then the time until the others finished its work. */
  kill?: boolean;
  /** Each replica in a cgroup of its own with this CPU allotment (a container's CPU limit). */
  cpuLimit?: CpuCaps;
}

export interface RunResult {
  /** events/s from the first post to the last write (or, with `kill`, ms from the kill to the last write) */
  value: number;
  wallS: number;
  /** CPU seconds (null where /proc cannot tell) */
  cpu: { replicas: number | null; postgres: number | null; bench: number };
  /** SQL statements the connectors ran per event (null without pg_stat_statements) */
  statementsPerEvent: number | null;
  /** Each replica's CPU seconds ÷ wall seconds over the measured part (null where /proc cannot tell) */
  replicaCores: (number | null)[];
  /** With `cpuLimit`: each replica's share of its active CFS periods that ran out of quota (cgroup cpu.stat) */
  throttledShare: (number | null)[];
}

/** Loads pg_stat_statements into the bench's server (a restart); false when the extension is not installed. */
export async function enableStatementCounts(pg: PgServer): Promise<boolean> {
  const run = async (url: string, sql: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  try {
    await run(pg.url, `ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await pg.halt();
    await pg.restart();
    // Every database created afterwards has the view.
    await run(pg.url.replace(/\/postgres$/, '/template1'), 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return true;
  } catch {
    return false;
  }
}

/** Posts one ticket.created per ticket over the fleet (16 at a time); resolves when all are acknowledged. */
async function postAll(client: ReturnType<typeof roundRobin>, ids: number[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const status = await client.post(ticketEvent(id, 0));
        if (status !== 202) throw new Error(`scale bench: ticket ${id} not acknowledged (${status})`);
      }
    }),
  );
}

export async function endToEnd(
  pg: PgServer,
  server: string,
  zd: FlakyZendesk,
  o: RunOptions,
  countStatements: boolean,
): Promise<RunResult> {
  const url = await pg.createDatabase();
  const env: Record<string, string> = { ...UNLIMITED };
  if (o.concurrency != null) env.PROCESS_CONCURRENCY = String(o.concurrency);
  // BENCH_SCALE_PROFILE=DIR: each replica writes a V8 CPU profile there when it stops (bench/cpu-profile.cjs).
  if (process.env.BENCH_SCALE_PROFILE)
    Object.assign(env, {
      NODE_OPTIONS: `--require ${join(ROOT, 'bench/cpu-profile.cjs')}`,
      CPU_PROFILE_DIR: process.env.BENCH_SCALE_PROFILE,
    });
  // Each replica in its own session: with autogroup scheduling a session shares one slice of the CPU, and replicas
  // run on machines of their own (PostgreSQL's postmaster makes its own session too).
  const fleet = await startFleet({ server, pgUrl: url, zendeskUrl: zd.url, n: o.replicas, env, ownSessions: true, cpuLimit: o.cpuLimit });
  // One connection for the bench's own polling (a new connection per poll would cost the server a process each time).
  const db = new Client({ connectionString: url });
  await db.connect();
  const postmaster = postmasterOf(pg.port);
  const pids = fleet.replicas.map((r) => r?.child.pid);
  const sum = (xs: (number | null)[]) => (xs.some((x) => x == null) ? null : xs.reduce<number>((a, b) => a + (b as number), 0));
  const snap = () => {
    const each = pids.map(processCpu);
    const throttling = pids.map((_, i) => o.cpuLimit?.throttling(i) ?? null);
    return { each, throttling, replicas: sum(each), postgres: treeCpu(postmaster), bench: process.cpuUsage(), at: Date.now() };
  };
  const settled = async () => {
    const r = (
      await db.query(`${BENCH_TAG} SELECT (SELECT COUNT(*) FROM inbox WHERE state = 'pending') + (SELECT COUNT(*) FROM outbox WHERE state = 'pending')
      + (SELECT COUNT(*) FROM ticket_fetches WHERE state = 'pending') AS n`)
    ).rows[0];
    return Number(r.n) === 0;
  };
  try {
    // Warm-up, not measured: each process's first events pay for loading the model, lazy modules and the JIT, which
    // three processes pay three times; the run measures the steady state.
    const warm = Array.from({ length: 10 * o.replicas }, (_, i) => o.base + 500 + i);
    for (const id of warm) zd.seed(id);
    await postAll(roundRobin(fleet), warm);
    await waitUntil(settled, 'the warm-up events processed and written', 600_000);
    const ids = Array.from({ length: o.tickets }, (_, i) => o.base + i);
    for (const id of ids) zd.seed(id);
    zd.delayMs = o.hostDelayMs ?? 0;
    if (countStatements) await db.query(`${BENCH_TAG} SELECT pg_stat_statements_reset()`);
    const before = snap();
    await postAll(roundRobin(fleet), ids);
    const acked = Date.now();
    if (o.kill) await fleet.kill(0);
    await waitUntil(settled, 'every event processed and written', 600_000);
    const after = snap();
    const d = (a: number | null, b: number | null) => (a == null || b == null ? null : b - a);
    const b = process.cpuUsage(before.bench);
    let statementsPerEvent: number | null = null;
    if (countStatements) {
      const r = (
        await db.query(`${BENCH_TAG} SELECT COALESCE(SUM(calls), 0) AS n FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%scale-bench%'`)
      ).rows[0];
      statementsPerEvent = Number(r.n) / o.tickets;
      // BENCH_SCALE_STATEMENTS=1: which statements, per event (to see what a change cut).
      if (process.env.BENCH_SCALE_STATEMENTS === '1') {
        const list = (
          await db.query(`${BENCH_TAG} SELECT calls, regexp_replace(query, '\\s+', ' ', 'g') AS q FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%scale-bench%' ORDER BY calls DESC`)
        ).rows;
        process.stderr.write(`statements per event, ${o.replicas} replica(s):\n`);
        for (const x of list)
          process.stderr.write(`  ${(Number(x.calls) / o.tickets).toFixed(2).padStart(6)}  ${String(x.q).slice(0, 160)}\n`);
      }
    }
    const wallS = (after.at - before.at) / 1000;
    return {
      value: o.kill ? after.at - acked : o.tickets / wallS,
      wallS,
      statementsPerEvent,
      replicaCores: o.kill
        ? []
        : before.each.map((x, i) => {
            const c = d(x, after.each[i]);
            return c == null ? null : c / wallS;
          }),
      throttledShare: before.throttling.map((t, i) => {
        const a = after.throttling[i];
        return t == null || a == null || a.periods === t.periods ? null : (a.throttled - t.throttled) / (a.periods - t.periods);
      }),
      cpu: {
        replicas: o.kill ? null : d(before.replicas, after.replicas),
        postgres: d(before.postgres, after.postgres),
        bench: (b.user + b.system) / 1e6,
      },
    };
  } finally {
    zd.delayMs = 0;
    await db.end();
    await fleet.stop();
  }
}
