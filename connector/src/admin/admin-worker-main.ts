/**
 * Entry of the admin worker thread (built to dist/node/admin-worker.js): the admin console's heavy work —
 * dry runs (run-dry-run.ts), the policy editor's checks (validate-candidate.ts), the dashboard's window
 * aggregates (ticket-facts.ts) and the verified evidence list (list-evidence.ts) — on a read-only
 * connection of its own to the connector's SQLite file (WAL: readers never block the writer), so the
 * connector's event loop keeps acknowledging webhooks meanwhile. Protocol: start-admin-worker.ts.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runDryRun } from './run-dry-run';
import { kpisFromFacts } from './ticket-facts';
import { validateCandidate } from './validate-candidate';
import { defaultEvidencePort, frozenRecords } from './list-evidence';
import type { WorkerReply, WorkerRequest } from './start-admin-worker';

const { dbFile } = workerData as { dbFile: string | null };
let db: Database.Database | null = null;

function connection(): Database.Database | null {
  if (!db && dbFile) {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
  }
  return db;
}

async function answer(m: WorkerRequest): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  if (m.kind === 'dry-run') {
    const a = await runDryRun(connection(), m.job);
    const bytes = new TextEncoder().encode(a.body);
    return { reply: { id: m.id, ok: true, status: a.status, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  if (m.kind === 'validate') {
    const readActive = (id: number) => (connection()?.prepare('SELECT json FROM policy_versions WHERE id = ?').get(id) as { json: string } | undefined)?.json;
    const bytes = new TextEncoder().encode(validateCandidate(m.job, readActive));
    return { reply: { id: m.id, ok: true, status: 200, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  const c = connection();
  if (!c) throw new Error('the admin worker has no database file');
  if (m.kind === 'evidence') {
    const bytes = new TextEncoder().encode(JSON.stringify({ records: frozenRecords(c, defaultEvidencePort(c)) }));
    return { reply: { id: m.id, ok: true, status: 200, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  return { reply: { id: m.id, ok: true, kpis: kpisFromFacts(c, m.opts) }, transfer: [] };
}

parentPort!.on('message', (m: WorkerRequest) => {
  answer(m).then(
    ({ reply, transfer }) => parentPort!.postMessage(reply, transfer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, message: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
  );
});
