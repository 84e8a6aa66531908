/**
 * The admin console's worker threads (admin-worker-main.ts): one for dry runs, one for dashboard
 * aggregates, one for the policy editor's checks, each started on first use and kept (the dry-run one keeps the prepared active policy and
 * the model). Requests are answered in order; a crashed worker fails its pending requests and is started
 * again on the next one. The connector's event loop only posts strings and receives bytes.
 *
 * The built connector starts dist/node/admin-worker.js beside it; run from TypeScript (tests), the entry is
 * bundled in memory with esbuild. Neither available (e.g. an in-memory database): `null`, and the
 * router runs the same code in-process, in slices.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ops/create-logger';
import type { DryRunJob } from './run-dry-run';
import type { ValidateJob } from './validate-candidate';
import type { FrozenRecord } from './list-evidence';
import type { Kpis } from './compute-kpis';
import type { WindowOptions } from './ticket-facts';

export type WorkerRequest =
  | { id: number; kind: 'dry-run'; job: DryRunJob }
  | { id: number; kind: 'dashboard'; opts: WindowOptions }
  | { id: number; kind: 'validate'; job: ValidateJob }
  | { id: number; kind: 'evidence'; limit?: number };

export type WorkerReply =
  | { id: number; ok: true; status: number; bytes: Uint8Array }
  | { id: number; ok: true; kpis: Kpis }
  | { id: number; ok: true; records: FrozenRecord[] }
  | { id: number; ok: false; message: string };

export interface AdminWorker {
  /** The dry run's HTTP status and serialized JSON body. */
  dryRun(job: DryRunJob): Promise<{ status: number; bytes: Uint8Array }>;
  dashboard(opts: WindowOptions): Promise<Kpis>;
  /** The policy editor's check (validate-candidate.ts): the serialized JSON body. */
  validate(job: ValidateJob): Promise<Uint8Array>;
  /** The frozen evidence records, each verified (list-evidence.ts; SQLite only). */
  evidence(limit?: number): Promise<FrozenRecord[]>;
  close(): Promise<void>;
}

type Spawn = () => Promise<Worker>;
type Unsent = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** The entry bundled from TypeScript, once per process (every connector started in a test process shares it). */
let devBundle: Promise<string> | null = null;

/** How to start the worker entry here, or null when it cannot be found. */
function spawner(workerData: AdminWorkerData): Spawn | null {
  const built = path.join(__dirname, 'admin-worker.js');
  if (__filename.endsWith('.js') && existsSync(built)) return async () => new Worker(built, { workerData });
  const source = path.join(__dirname, 'admin-worker-main.ts');
  if (!existsSync(source)) return null;
  const bundle = async (): Promise<string> => {
    const root = path.resolve(__dirname, '../../..');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const bundled = new Set(JSON.parse(readFileSync(path.join(root, 'scripts/esm-only-packages.json'), 'utf8')) as string[]);
    const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((d) => !bundled.has(d));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    // esbuild works in its own process: bundling never holds this event loop.
    const out = await esbuild.build({
      entryPoints: [source],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external,
      nodePaths: [path.join(root, 'node_modules')],
      logLevel: 'silent',
    });
    // An eval'd worker resolves packages from the working directory; point it at this checkout's.
    return `module.paths.unshift(${JSON.stringify(path.join(root, 'node_modules'))});\n${out.outputFiles[0].text}`;
  };
  return async () => new Worker(await (devBundle ??= bundle()), { eval: true, workerData });
}

function lane(spawn: Spawn, logger: Logger, name: string) {
  let next = 1;
  const pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = async (): Promise<Worker> => {
    const w = await spawn();
    w.unref();
    w.on('message', (r: WorkerReply) => {
      const p = pending.get(r.id);
      pending.delete(r.id);
      p?.resolve(r);
    });
    live = w;
    const gone = () => {
      if (live === w) {
        live = null;
        current = null;
      }
    };
    w.on('error', (e) => {
      logger.error({ err: e.message, worker: name }, 'admin worker failed');
      gone();
      failAll(e);
    });
    w.on('exit', (code) => {
      gone();
      if (pending.size) failAll(new Error(`the admin ${name} worker stopped (exit code ${code})`));
    });
    return w;
  };
  let current: Promise<Worker> | null = null;
  let live: Worker | null = null;
  return {
    async request(m: Unsent): Promise<WorkerReply> {
      const starting = (current ??= start());
      starting.catch(() => {
        if (current === starting) current = null;
      });
      const w = await starting;
      const id = next++;
      return new Promise<WorkerReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ ...m, id });
      });
    },
    async close(): Promise<void> {
      const w = current;
      current = null;
      live = null;
      if (w) await (await w.catch(() => null))?.terminate();
    },
  };
}

/** What the worker reads: the connector's SQLite file (a read-only connection) or its PostgreSQL database (a pool of its own). */
export type AdminWorkerData = { dbFile: string; pgUrl?: undefined } | { pgUrl: string; dbFile?: undefined };

export function startAdminWorker(opts: { dbFile?: string | null; pgUrl?: string | null; logger: Logger }): AdminWorker | null {
  let data: AdminWorkerData;
  if (opts.pgUrl) data = { pgUrl: opts.pgUrl };
  else if (opts.dbFile && opts.dbFile !== ':memory:') data = { dbFile: path.resolve(opts.dbFile) };
  else return null;
  const spawn = spawner(data);
  if (!spawn) {
    opts.logger.warn(
      'admin worker entry (admin-worker.js) not found beside the connector; dry runs and the dashboard run on the event loop in slices',
    );
    return null;
  }
  const dry = lane(spawn, opts.logger, 'dry-run');
  const dash = lane(spawn, opts.logger, 'dashboard');
  // Checks are quick and frequent while an admin edits: a lane of their own, never queued behind a dry run.
  const check = lane(spawn, opts.logger, 'policy-check');
  const unwrap = (r: WorkerReply) => {
    if (!r.ok) throw new Error(r.message);
    return r;
  };
  return {
    async dryRun(job) {
      const r = unwrap(await dry.request({ kind: 'dry-run', job })) as { status: number; bytes: Uint8Array };
      return { status: r.status, bytes: r.bytes };
    },
    async dashboard(o) {
      return (unwrap(await dash.request({ kind: 'dashboard', opts: o })) as { kpis: Kpis }).kpis;
    },
    async validate(job) {
      return (unwrap(await check.request({ kind: 'validate', job })) as { bytes: Uint8Array }).bytes;
    },
    async evidence(limit) {
      return (unwrap(await dash.request({ kind: 'evidence', limit })) as { records: FrozenRecord[] }).records;
    },
    async close() {
      await Promise.all([dry.close(), dash.close(), check.close()]);
    },
  };
}
