/**
 * The active policy. Every accepted policy (from the file, the admin console, a rollback) is a row in
 * `policy_versions`; exactly one row is active. A bad policy is rejected with its problems and the
 * running policy stays. At start the file wins only when it changed since it was last loaded, so an
 * admin activation survives restarts.
 */
import type Database from 'better-sqlite3';
import type { Policy } from '../../../policies/src/types';
import type { PolicyResult } from '../../../policies/src/validate-policy';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { AppError } from '../errors';
import type { Logger } from '../ops/create-logger';
import { checkPolicyInput, checkStoredVersion, createPolicyPreparer, versionText } from './check-policy-version';
import { readPolicyFile, rejectFileAtStart, reloadPolicyFile } from './read-policy-file';

export type PolicySource = 'file' | 'admin' | 'rollback';

export interface ActivePolicy {
  policy: Policy;
  version: string;
  /** Strong ETag: the SHA-256 of the canonical JSON, quoted. */
  etag: string;
  id: number;
}

export interface PolicyVersionRow {
  id: number;
  version: string;
  sha256: string;
  source: PolicySource;
  by: string;
  activatedAt: string;
  active: boolean;
}

export type ActivateResult = PolicyResult & { version?: string; id?: number; unchanged?: boolean };

type MaybeAsync<T> = T | Promise<T>;

/**
 * The active policy and its version history. `current()` is always synchronous (the pipeline reads it per event);
 * the history's reads and writes are synchronous on SQLite (createPolicyStore) and asynchronous on PostgreSQL
 * (create-shared-policy-store.ts, shared by every replica): callers `await` them.
 */
export interface PolicyStore {
  current(): ActivePolicy;
  /** Validates and activates JSON text or an already-parsed value. */
  activate(json: string | unknown, source: PolicySource, by: string): MaybeAsync<ActivateResult>;
  history(): MaybeAsync<PolicyVersionRow[]>;
  /** JSON of one version (admin diff). */
  get(id: number): MaybeAsync<{ row: PolicyVersionRow; json: string } | null>;
  rollback(id: number, by: string): MaybeAsync<ActivateResult>;
  /** Re-reads the policy file (file watch, SIGHUP); a bad file is logged with paths and ignored. */
  reloadFile(): MaybeAsync<ActivateResult>;
  /** Readies a candidate policy for classification as the active one is (both scripts, the model): admin dry runs. */
  prepare(policy: Policy): Policy;
  onChange(cb: (p: ActivePolicy) => void): () => void;
  /** Stops background work (PostgreSQL: the change listener and poll). */
  close?(): Promise<void>;
}

/** The SQLite policy store: every call answers synchronously. */
export interface LocalPolicyStore extends PolicyStore {
  activate(json: string | unknown, source: PolicySource, by: string): ActivateResult;
  history(): PolicyVersionRow[];
  get(id: number): { row: PolicyVersionRow; json: string } | null;
  rollback(id: number, by: string): ActivateResult;
  reloadFile(): ActivateResult;
}

export interface PolicyStoreOptions {
  db: Database.Database;
  file: string;
  logger: Logger;
  clock?: Clock;
}

type Row = {
  id: number;
  version: string;
  json: string;
  sha256: string;
  source: PolicySource;
  by: string;
  activated_at: string;
  active: number;
};

export function createPolicyStore(opts: PolicyStoreOptions): LocalPolicyStore {
  const { db, file, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<(p: ActivePolicy) => void>();
  const activeRow = db.prepare('SELECT * FROM policy_versions WHERE active = 1');
  const lastFileSha = db.prepare("SELECT sha256 FROM policy_versions WHERE source = 'file' ORDER BY id DESC LIMIT 1");
  const insert = db.prepare(
    'INSERT INTO policy_versions (version, json, sha256, source, by, activated_at, active) VALUES (?, ?, ?, ?, ?, ?, 1)',
  );
  const deactivate = db.prepare('UPDATE policy_versions SET active = 0 WHERE active = 1');
  let active: ActivePolicy | null = null;
  const { prepare } = createPolicyPreparer(file, logger);

  const load = (row: Row): ActivePolicy => ({
    policy: prepare(checkStoredVersion(row)),
    version: row.version,
    etag: `"${row.sha256}"`,
    id: row.id,
  });

  const activate = (input: string | unknown, source: PolicySource, by: string): ActivateResult => {
    const result = checkPolicyInput(input);
    return result.ok ? commit(result, source, by) : result;
  };

  /** Activates a policy that has passed the schema (the file's is validated once, by readPolicyFile). */
  const commit = (result: { ok: true; policy: Policy }, source: PolicySource, by: string): ActivateResult => {
    const { json, sha } = versionText(result.policy);
    if (active && `"${sha}"` === active.etag) return { ...result, version: active.version, id: active.id, unchanged: true };
    const id = db.transaction(() => {
      deactivate.run();
      return Number(insert.run(result.policy.version, json, sha, source, by, new Date(clock.now()).toISOString()).lastInsertRowid);
    })();
    active = { policy: prepare(result.policy), version: result.policy.version, etag: `"${sha}"`, id };
    logger.info({ policyVersion: active.version, policyId: id, source, by }, 'policy activated');
    for (const cb of listeners) cb(active);
    return { ...result, version: active.version, id };
  };

  const reloadFile = (): ActivateResult => reloadPolicyFile(file, logger, (policy, source, by) => commit({ ok: true, policy }, source, by));

  // Start-up: the stored active policy, unless the file changed since it was last loaded.
  const stored = activeRow.get() as Row | undefined;
  if (stored) active = load(stored);
  const fromFile = readPolicyFile(file);
  if (!fromFile.ok) rejectFileAtStart(file, fromFile.problems, !!active, logger);
  else if (!active || (lastFileSha.get() as { sha256: string } | undefined)?.sha256 !== fromFile.sha) {
    commit({ ok: true, policy: fromFile.policy }, 'file', `file:${file}`);
  }

  return {
    current() {
      if (!active) throw new AppError('unavailable', 'no policy is loaded');
      return active;
    },
    activate,
    // Without the texts: each is a whole policy, and the admin console reads the history on every editor open.
    history: () =>
      (db.prepare('SELECT id, version, sha256, source, by, activated_at, active FROM policy_versions ORDER BY id DESC').all() as Row[]).map(
        toMeta,
      ),
    get(id) {
      const row = db.prepare('SELECT * FROM policy_versions WHERE id = ?').get(id) as Row | undefined;
      return row ? { row: toMeta(row), json: row.json } : null;
    },
    rollback(id, by) {
      const row = db.prepare('SELECT * FROM policy_versions WHERE id = ?').get(id) as Row | undefined;
      if (!row) throw new AppError('not_found', `no policy version ${id}; see the version history`);
      return activate(row.json, 'rollback', by);
    },
    reloadFile,
    prepare,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

function toMeta(r: Row): PolicyVersionRow {
  return {
    id: r.id,
    version: r.version,
    sha256: r.sha256,
    source: r.source,
    by: r.by,
    activatedAt: r.activated_at,
    active: r.active === 1,
  };
}
