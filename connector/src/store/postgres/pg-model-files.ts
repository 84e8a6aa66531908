/**
 * Candidate model files in PostgreSQL (table `model_files`, migration pg-012), keyed by SHA-256: a model trained
 * on one replica is stored here, and a replica that runs a policy version pinning a model it does not have on disk
 * writes it from here first (admin/retrain/shared-models.ts). Files are never changed: the hash is the identity.
 */
import type { Sql } from './sql';

export interface ModelFilesStore {
  /** Stores the file (nothing happens when that hash is stored already). */
  put(sha256: string, name: string, body: string, at: string): Promise<void>;
  get(sha256: string): Promise<{ name: string; body: string } | null>;
  list(): Promise<{ sha256: string; name: string }[]>;
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
  };
}
