/**
 * Entry of the admin worker thread (built to dist/node/admin-worker.js): the admin console's heavy work —
 * dry runs (run-dry-run.ts), the policy editor's checks (validate-candidate.ts) and, on SQLite, the dashboard's
 * window aggregates (ticket-facts.ts) and the verified evidence list (list-evidence.ts) — on a
 * connection of its own: a read-only one to the connector's SQLite file (WAL: readers never block the writer), or
 * a pool of at most 2 connections to its PostgreSQL database. The connector's event loop keeps acknowledging
 * webhooks meanwhile. Protocol: start-admin-worker.ts.
 */
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { recentDryRunTickets } from './collect-facts';
import { pgDryRunTickets } from './pg-dry-run-tickets';
import { runDryRun } from './run-dry-run';
import { kpisFromFacts } from './ticket-facts';
import { validateCandidate } from './validate-candidate';
import { defaultEvidencePort, frozenRecords } from './list-evidence';
import type { AdminWorkerData, WorkerReply, WorkerRequest } from './start-admin-worker';
import type { DryRunTicket } from './compute-dry-run';

const { dbFile, pgUrl } = workerData as AdminWorkerData;
let db: Database.Database | null = null;
let pool: Pool | null = null;

function connection(): Database.Database | null {
  if (!db && dbFile) {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
  }
  return db;
}

function recent(): ((limit: number) => Promise<DryRunTicket[]>) | null {
  if (pgUrl) {
    pool ??= new Pool({ connectionString: pgUrl, max: 2, application_name: 'complaint-desk-admin', connectionTimeoutMillis: 5000 });
    const p = pool;
    return (n) =>
      pgDryRunTickets(
        {
          query: (text, values) => p.query(text, values as unknown[]),
          atomic: () => {
            throw new Error('read-only');
          },
        },
        n,
      );
  }
  const c = connection();
  return c ? async (n) => recentDryRunTickets(c, n) : null;
}

async function answer(m: WorkerRequest): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  if (m.kind === 'dry-run') {
    const a = await runDryRun(recent(), m.job);
    const bytes = new TextEncoder().encode(a.body);
    return { reply: { id: m.id, ok: true, status: a.status, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  if (m.kind === 'validate') {
    // On SQLite the active version is read here once per id; on PostgreSQL the server sends its JSON along.
    const readActive = (id: number) =>
      (connection()?.prepare('SELECT json FROM policy_versions WHERE id = ?').get(id) as { json: string } | undefined)?.json;
    const bytes = new TextEncoder().encode(validateCandidate(m.job, readActive));
    return { reply: { id: m.id, ok: true, status: 200, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  const c = connection();
  if (!c) throw new Error('the admin worker computes dashboard aggregates on SQLite only (PostgreSQL computes them in the server)');
  if (m.kind === 'evidence')
    return { reply: { id: m.id, ok: true, records: frozenRecords(c, defaultEvidencePort(c), m.limit) }, transfer: [] };
  return { reply: { id: m.id, ok: true, kpis: kpisFromFacts(c, m.opts) }, transfer: [] };
}

parentPort!.on('message', (m: WorkerRequest) => {
  answer(m).then(
    ({ reply, transfer }) => parentPort!.postMessage(reply, transfer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, message: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
  );
});
