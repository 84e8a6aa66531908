/**
 * The policy store on PostgreSQL: the version history and which version is active live in the database
 * (store/postgres/pg-policy-versions.ts), so an activation or rollback on any replica changes the running
 * policy of every replica. Each replica keeps the active policy in memory (`current()` stays synchronous for
 * the pipeline) and follows the database two ways: a LISTEN on the change channel (the activating replica
 * NOTIFYs at commit: the others switch within milliseconds) and a poll of the active id every `pollMs`
 * (default 5 s), which covers a notice lost while the listening connection was down.
 * Start-up follows the SQLite store's rule: the stored active version, unless the policy file changed since it was
 * last loaded by any replica.
 */
import type { Policy } from '../../../policies/src/types';
import { systemClock, type Clock } from '../clock';
import { AppError } from '../errors';
import type { Logger } from '../ops/create-logger';
import { checkPolicyInput, checkStoredVersion, createPolicyPreparer, versionText } from './check-policy-version';
import { readPolicyFile, rejectFileAtStart, reloadPolicyFile } from './read-policy-file';
import { POLICY_CHANNEL, type PolicyVersionsStore, type StoredPolicyVersion } from '../store/postgres/pg-policy-versions';
import { type ActivateResult, type ActivePolicy, type PolicySource, type PolicyStore } from './create-policy-store';

export interface SharedPolicyStoreOptions {
  versions: PolicyVersionsStore;
  /** Subscribes to NOTIFYs on a channel (PostgresStore.listen); without it the poll alone follows changes. */
  listen?: (channel: string, onNotice: (payload: string | null) => void) => () => Promise<void>;
  file: string;
  logger: Logger;
  clock?: Clock;
  /** How often the active id is polled (default 5000 ms; 0: never). */
  pollMs?: number;
  /** Makes the model a version pins readable on this replica before it is loaded (admin/retrain/shared-models.ts). */
  ensureModel?: (policy: Policy, policyDir: string) => Promise<void>;
}

export interface SharedPolicyStore extends PolicyStore {
  /** Adopts the database's active version when it is not this replica's (the listener and the poll call it). */
  refresh(): Promise<boolean>;
  close(): Promise<void>;
}

export async function createSharedPolicyStore(opts: SharedPolicyStoreOptions): Promise<SharedPolicyStore> {
  const { versions, file, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<(p: ActivePolicy) => void>();
  let active: ActivePolicy | null = null;
  // Activations and refreshes one at a time, so a refresh that read an older id never replaces a newer activation.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  const { policyDir, prepare } = createPolicyPreparer(file, logger);
  const ensure = async (policy: Policy) => {
    await opts
      .ensureModel?.(policy, policyDir)
      .catch((err: unknown) =>
        logger.warn({ err: (err as Error)?.message ?? String(err) }, "cannot fetch the policy's model from the database"),
      );
    return policy;
  };
  const load = async (row: StoredPolicyVersion): Promise<ActivePolicy> => ({
    policy: prepare(await ensure(checkStoredVersion(row))),
    version: row.version,
    etag: `"${row.sha256}"`,
    id: row.id,
  });
  const adopt = (next: ActivePolicy) => {
    active = next;
    for (const cb of listeners) cb(next);
  };

  const activateNow = async (input: string | unknown, source: PolicySource, by: string): Promise<ActivateResult> => {
    const result = checkPolicyInput(input);
    return result.ok ? commitNow(result, source, by) : result;
  };
  /** Activates a policy that has passed the schema (the file's is validated once, by readPolicyFile). */
  const commitNow = async (result: { ok: true; policy: Policy }, source: PolicySource, by: string): Promise<ActivateResult> => {
    const { json, sha } = versionText(result.policy);
    if (active && `"${sha}"` === active.etag) return { ...result, version: active.version, id: active.id, unchanged: true };
    const { row, unchanged } = await versions.activate({
      version: result.policy.version,
      json,
      sha256: sha,
      source,
      by,
      at: new Date(clock.now()).toISOString(),
    });
    // `unchanged`: another replica had just activated the same text; this one adopts that version.
    adopt({ policy: prepare(await ensure(result.policy)), version: row.version, etag: `"${row.sha256}"`, id: row.id });
    if (!unchanged) logger.info({ policyVersion: row.version, policyId: row.id, source, by }, 'policy activated');
    return { ...result, version: row.version, id: row.id, ...(unchanged ? { unchanged: true } : {}) };
  };
  const activate = (input: string | unknown, source: PolicySource, by: string) => serial(() => activateNow(input, source, by));

  const refresh = () =>
    serial(async (): Promise<boolean> => {
      const id = await versions.activeId();
      if (id === null || id === active?.id) return false;
      const row = await versions.get(id);
      if (!row) return false;
      adopt(await load(row));
      logger.info(
        { policyVersion: row.version, policyId: row.id, source: row.source, by: row.by },
        'policy activated on another replica; now running it',
      );
      return true;
    });

  const commit = (policy: Policy, source: PolicySource, by: string) => serial(() => commitNow({ ok: true, policy }, source, by));
  const reloadFile = async (): Promise<ActivateResult> => reloadPolicyFile(file, logger, commit);

  // Start-up: the stored active policy, unless the file changed since any replica last loaded it.
  const stored = await versions.active();
  if (stored) active = await load(stored);
  const fromFile = readPolicyFile(file);
  if (!fromFile.ok) rejectFileAtStart(file, fromFile.problems, !!active, logger);
  else if (!active || (await versions.lastFileSha()) !== fromFile.sha) {
    await commit(fromFile.policy, 'file', `file:${file}`);
  }

  // One warning per outage (the poll keeps failing every few seconds while the database is away).
  let failing = false;
  const follow = () =>
    refresh().then(
      () => {
        failing = false;
      },
      (err: unknown) => {
        if (!failing)
          logger.warn(
            { err: (err as Error)?.message ?? String(err) },
            'cannot read the active policy version from the database; keeping the running one',
          );
        failing = true;
      },
    );
  const stopListening = opts.listen?.(POLICY_CHANNEL, () => void follow()) ?? (async () => undefined);
  const pollMs = opts.pollMs ?? 5000;
  const poll = pollMs > 0 ? setInterval(() => void follow(), pollMs) : null;
  poll?.unref?.();

  return {
    current() {
      if (!active) throw new AppError('unavailable', 'no policy is loaded');
      return active;
    },
    activate,
    history: () => versions.history(),
    async get(id) {
      const row = await versions.get(id);
      if (!row) return null;
      const { json, ...meta } = row;
      return { row: meta, json };
    },
    async rollback(id, by) {
      const row = await versions.get(id);
      if (!row) throw new AppError('not_found', `no policy version ${id}; see the version history`);
      return activate(row.json, 'rollback', by);
    },
    reloadFile,
    prepare,
    refresh,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async close() {
      if (poll) clearInterval(poll);
      await stopListening();
    },
  };
}
