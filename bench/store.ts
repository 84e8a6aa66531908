/**
 * `store`: the store's share of processing, per backend, in one run: events/s through claim → transaction
 * (lease check, projection read, decision insert, mark done) → release, on a SQLite file (one process, the
 * baseline) and on a throwaway local PostgreSQL (fsync off, so this is an upper bound) with 1 and 3
 * claimers in this process (each its own pool) and 1 vs 3 separate worker processes (forked), as separate
 * connector processes would be. No host, no decide
 * step: it measures what the database allows, not the connector end to end (issue 13's `scale` bench needs
 * the pipeline on the Store first). Skipped when no PostgreSQL binaries are installed.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../connector/src/store/open-database';
import { openPostgresStore } from '../connector/src/store/postgres/open-postgres-store';
import { createSqliteStore } from '../connector/src/store/sqlite-store';
import type { Store } from '../connector/src/store/store';
import { postgresBinDir, startPostgres } from '../test/support/postgres-server';
import type { BenchRow } from './print-table';

const TICKETS = 400;
const EVENTS_PER_TICKET = 5;

async function fill(store: Store): Promise<void> {
  const at = new Date().toISOString();
  for (let n = 0; n < EVENTS_PER_TICKET; n++) {
    await store.transaction(async (tx) => {
      for (let t = 0; t < TICKETS; t++)
        await tx.inbox.insert({
          host: 'zendesk',
          eventId: `e${t}-${n}`,
          ticketId: String(t),
          kind: 'comment.added',
          occurredAt: at,
          receivedAt: at,
          payload: { n },
        });
    });
  }
}

async function worker(owner: string, store: Store): Promise<number> {
  let done = 0;
  for (let idle = 0; idle < 2;) {
    const claims = await store.inbox.claim(owner, Date.now(), 30_000, 10);
    if (!claims.length) {
      idle++;
      continue;
    }
    idle = 0;
    for (const c of claims) {
      for (const row of c.rows) {
        const ok = await store.transaction(async (tx) => {
          if (!(await tx.inbox.holds(owner, c.host, c.ticketId, Date.now()))) return false;
          await tx.tickets.get(c.host, c.ticketId);
          await tx.decisions.record(c.host, c.ticketId, row.id, 'processed', 'bench', new Date().toISOString());
          return tx.inbox.markDone(row.id, 'bench', new Date().toISOString());
        });
        if (!ok) break;
        done++;
      }
      await store.inbox.release(owner, c.host, c.ticketId);
    }
  }
  return done;
}

async function measure(stores: Store[]): Promise<number> {
  await fill(stores[0]);
  const t0 = process.hrtime.bigint();
  const counts = await Promise.all(stores.map((s, i) => worker(`w${i}`, s)));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== TICKETS * EVENTS_PER_TICKET) throw new Error(`processed ${total} of ${TICKETS * EVENTS_PER_TICKET} events`);
  return total / seconds;
}

const WORKER_ENV = 'CD_BENCH_STORE_WORKER';

/** In a forked worker (bench/main.ts calls this first): open the store, wait for "go", work, report the count. */
export async function runWorkerIfForked(): Promise<boolean> {
  const spec = process.env[WORKER_ENV];
  if (!spec) return false;
  const { url, owner } = JSON.parse(spec) as { url: string; owner: string };
  const store = await openPostgresStore(url, { max: 2 });
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!('ready');
  });
  const n = await worker(owner, store);
  await store.close();
  process.send!(n);
  return true;
}

/** Events/s with `n` worker processes on one database (the database filled first; timing from "go" to the last report). */
async function measureProcesses(url: string, n: number): Promise<number> {
  const filler = await openPostgresStore(url, { max: 2 });
  await fill(filler);
  await filler.close();
  const kids = [...Array(n).keys()].map((i) =>
    fork(process.argv[1], [], { env: { ...process.env, [WORKER_ENV]: JSON.stringify({ url, owner: `p${i}` }) }, stdio: 'inherit' }),
  );
  await Promise.all(kids.map((k) => new Promise((r) => k.once('message', r))));
  const t0 = process.hrtime.bigint();
  const counts = await Promise.all(
    kids.map((k) => {
      const done = new Promise<number>((r) => k.once('message', (m) => r(Number(m))));
      k.send('go');
      return done;
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== TICKETS * EVENTS_PER_TICKET) throw new Error(`processes processed ${total} of ${TICKETS * EVENTS_PER_TICKET} events`);
  return total / seconds;
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-bench-store-'));
  const rows: BenchRow[] = [];
  try {
    const sqlite = createSqliteStore(openDatabase(join(dir, 'bench.db')));
    const base = await measure([sqlite]).finally(() => sqlite.close());
    rows.push({ bench: 'store', subject: 'SQLite file, 1 process', metric: 'events/s', value: base, unit: 'ev/s' });
    if (!postgresBinDir()) {
      process.stderr.write('bench store: no PostgreSQL binaries (install the postgresql package or set PG_BIN); PostgreSQL rows skipped\n');
      return rows;
    }
    const pg = await startPostgres();
    try {
      const one = await openPostgresStore(await pg.createDatabase('bench_one'), { max: 2 });
      const single = await measure([one]).finally(() => one.close());
      const url = await pg.createDatabase('bench_three');
      const three = await Promise.all([0, 1, 2].map(() => openPostgresStore(url, { max: 2 })));
      const triple = await measure(three).finally(() => Promise.all(three.map((s) => s.close())));
      rows.push({
        bench: 'store',
        subject: 'PostgreSQL, 1 claimer',
        metric: 'events/s',
        value: single,
        unit: 'ev/s',
        baseline: 'SQLite file',
        ratio: single / base,
      });
      rows.push({
        bench: 'store',
        subject: 'PostgreSQL, 3 claimers',
        metric: 'events/s',
        value: triple,
        unit: 'ev/s',
        baseline: 'PostgreSQL, 1 claimer',
        ratio: triple / single,
      });
      const p1 = await measureProcesses(await pg.createDatabase('bench_p1'), 1);
      const p3 = await measureProcesses(await pg.createDatabase('bench_p3'), 3);
      rows.push({
        bench: 'store',
        subject: 'PostgreSQL, 1 worker process',
        metric: 'events/s',
        value: p1,
        unit: 'ev/s',
        baseline: 'SQLite file',
        ratio: p1 / base,
      });
      rows.push({
        bench: 'store',
        subject: 'PostgreSQL, 3 worker processes',
        metric: 'events/s',
        value: p3,
        unit: 'ev/s',
        baseline: 'PostgreSQL, 1 worker process',
        ratio: p3 / p1,
        target: '≥ 2× (issue 13, end to end)',
        pass: p3 / p1 >= 2,
      });
    } finally {
      await pg.stop();
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
