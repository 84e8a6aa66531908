/**
 * Candidate model files in PostgreSQL (table `model_files`, migration pg-012), keyed by SHA-256: a model trained
 * on one replica is stored here, and a replica that runs a policy version pinning a model it does not have on disk
 * writes it from here first (admin/retrain/shared-models.ts). Files are never changed: the hash is the identity.
 * `prune` deletes the files no policy version in the history pins (so the active model and every model a rollback
 * can return to stay) beyond the newest `keepNewest` (recent candidates an admin may still activate). It holds the
 * activation lock, so a version activated at the same moment is either seen (its model kept) or comes after.
 */
import { ACTIVATION_LOCK } from './pg-policy-versions';
import type { Sql } from './sql';

export interface ModelFilesStore {
  /** Stores the file (nothing happens when that hash is stored already). */
  put(sha256: string, name: string, body: string, at: string): Promise<void>;
  get(sha256: string): Promise<{ name: string; body: string } | null>;
  list(): Promise<{ sha256: string; name: string }[]>;
  /** Deletes unpinned files beyond the newest `keepNewest`; returns the deleted hashes. */
  prune(keepNewest: number): Promise<string[]>;
}

export function pgModelFiles(sql: Sql): ModelFilesStore {
  return {
    async put(sha256, name, body, at) {
      await sql.query('INSERT INTO model_files (sha256, name, body, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [
        sha256,
        name,
        body,
        at,
      ]);
    },
    async get(sha256) {
      const r = (await sql.query('SELECT name, body FROM model_files WHERE sha256 = $1', [sha256])).rows[0];
      return r ? { name: String(r.name), body: String(r.body) } : null;
    },
    async list() {
      return (await sql.query('SELECT sha256, name FROM model_files ORDER BY created_at')).rows.map((r) => ({
        sha256: String(r.sha256),
        name: String(r.name),
      }));
    },
    prune: (keepNewest) =>
      sql.atomic(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ACTIVATION_LOCK]);
        const r = await tx.query(
          `WITH pinned AS MATERIALIZED (
            SELECT DISTINCT json::jsonb #>> '{classification,model,sha256}' AS sha256 FROM policy_versions),
          newest AS (SELECT sha256 FROM model_files ORDER BY created_at DESC, sha256 DESC LIMIT $1)
          DELETE FROM model_files m WHERE m.sha256 NOT IN (SELECT sha256 FROM newest)
            AND NOT EXISTS (SELECT 1 FROM pinned p WHERE p.sha256 = m.sha256)
          RETURNING m.sha256`,
          [Math.max(0, Math.floor(keepNewest))],
        );
        return r.rows.map((x) => String(x.sha256)).sort();
      }),
  };
}
