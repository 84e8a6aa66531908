/**
 * `wake`: how soon an idle replica processes an event another replica acknowledged, on one real PostgreSQL.
 * Replica A only ingests (the pipeline's ingest path, as the webhook route calls it; never started), replica B
 * processes. Baseline, in the same run: no notices and B polling every second (the PostgreSQL default before
 * replicas woke each other). Then: A announces each insert (NOTIFY), B follows (LISTEN) with its 5 s safety poll.
 * Measured per event: A's ack → B's `processed_at`, events spaced at varying gaps so the poll phase varies.
 * Needs PostgreSQL binaries (as the tests); without them it prints why and measures nothing.
 */
import { systemClock } from '../connector/src/clock';
import { createPipeline } from '../connector/src/pipeline/create-pipeline';
import { openPostgresStore } from '../connector/src/store/postgres/open-postgres-store';
import { pgWorkNotices } from '../connector/src/store/postgres/pg-work-notices';
import { created } from '../test/fixtures/connector-core/events';
import { fixedPolicyStore, loadPolicy } from '../test/fixtures/connector-core/policy';
import { ticket } from '../test/fixtures/connector-core/projection';
import { recordingHost } from '../test/fixtures/connector-core/recording-host';
import { postgresBinDir, startPostgres, type PgServer } from '../test/support/postgres-server';
import type { BenchRow } from './print-table';

const EVENTS = Number(process.env.BENCH_WAKE_EVENTS ?? 40);

async function latencies(server: PgServer, wake: boolean): Promise<number[]> {
  const url = await server.createDatabase();
  const [aStore, bStore] = [await openPostgresStore(url, { max: 2 }), await openPostgresStore(url, { max: 4 })];
  const policyStore = fixedPolicyStore(loadPolicy());
  const a = createPipeline({
    store: aStore,
    hosts: {},
    policyStore,
    clock: systemClock,
    owner: 'a',
    wake: wake ? pgWorkNotices(aStore, 'a') : undefined,
  });
  const b = createPipeline({
    store: bStore,
    hosts: { zendesk: recordingHost() },
    policyStore,
    clock: systemClock,
    owner: 'b',
    ...(wake ? { wake: pgWorkNotices(bStore, 'b') } : { pollMs: 1000 }),
  });
  b.start();
  try {
    if (wake) while (!bStore.listener().listening) await new Promise((r) => setTimeout(r, 10));
    const out: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      await new Promise((r) => setTimeout(r, 50 + ((i * 173) % 900)));
      const id = String(10_000 + i);
      await a.ingestAsync(created(ticket({ id, channel: 'phone', createdAt: new Date().toISOString() })));
      const acked = Date.now();
      for (;;) {
        const r = (await aStore.sql.query(`SELECT processed_at FROM inbox WHERE ticket_id = $1 AND state = 'done'`, [id])).rows[0];
        if (r) {
          out.push(Date.parse(String(r.processed_at)) - acked);
          break;
        }
        if (Date.now() - acked > 30_000) throw new Error(`event ${i} was not processed within 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    return out.sort((x, y) => x - y);
  } finally {
    await b.stop(1000);
    await a.stop(0);
    await aStore.close();
    await bStore.close();
  }
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function run(): Promise<BenchRow[]> {
  if (!postgresBinDir()) {
    process.stdout.write('wake: skipped, no PostgreSQL binaries (install postgresql or set PG_BIN)\n');
    return [];
  }
  const server = await startPostgres();
  try {
    const poll = await latencies(server, false);
    const wake = await latencies(server, true);
    const bench = 'wake';
    const base = 'B polls every 1 s, no notices';
    const rows: BenchRow[] = [];
    for (const [q, name] of [
      [0.5, 'median'],
      [0.9, 'p90'],
      [1, 'max'],
    ] as const) {
      rows.push({ bench, subject: base, metric: `ack on A → processed on B, ${name} (${EVENTS} events)`, value: at(poll, q), unit: 'ms' });
      rows.push({
        bench,
        subject: 'NOTIFY/LISTEN, 5 s safety poll',
        metric: `ack on A → processed on B, ${name} (${EVENTS} events)`,
        value: at(wake, q),
        unit: 'ms',
        baseline: base,
        ratio: at(wake, q) / Math.max(1, at(poll, q)),
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
