/**
 * Policy versions on PostgreSQL (table `policy_versions`, migration pg-003), shared by every replica: the history,
 * which version is active, and a change notice. An activation deactivates the old row and inserts the new one in
 * one transaction under an advisory lock (so two replicas activating at once leave exactly one active row, and
 * the same text activated twice is one version), then `pg_notify`s the new id on `complaint_desk_policy`, which
 * PostgreSQL delivers to every listening replica at commit. The process's one LISTEN connection (pg-notify-hub.ts)
 * receives it and reconnects with back-off when it drops (the policy store also polls, docs/several-connectors.md).
 */
import type { Sql } from './sql';

export const POLICY_CHANNEL = 'complaint_desk_policy';
/** Arbitrary constant naming the activation lock (pg_advisory_xact_lock key; pruning model files takes it too). */
export const ACTIVATION_LOCK = 7_240_113_003;

export interface StoredPolicyVersion {
  id: number;
  version: string;
  json: string;
  sha256: string;
  source: 'file' | 'admin' | 'rollback';
  by: string;
  activatedAt: string;
  active: boolean;
}

export interface NewPolicyVersion {
  version: string;
  json: string;
  sha256: string;
  source: StoredPolicyVersion['source'];
  by: string;
  at: string;
}

export interface PolicyVersionsStore {
  active(): Promise<StoredPolicyVersion | null>;
  /** The id of the active version only (the cheap poll). */
  activeId(): Promise<number | null>;
  /** sha256 of the newest version loaded from the policy file, or null. */
  lastFileSha(): Promise<string | null>;
  /** Makes `v` the active version; when the active one already has its sha256, nothing changes (`unchanged`). */
  activate(v: NewPolicyVersion): Promise<{ row: StoredPolicyVersion; unchanged: boolean }>;
  /** Newest first, without the JSON text. */
  history(): Promise<Omit<StoredPolicyVersion, 'json'>[]>;
  get(id: number): Promise<StoredPolicyVersion | null>;
}

const toVersion = (r: Record<string, unknown>): StoredPolicyVersion => ({
  id: Number(r.id),
  version: String(r.version),
  json: r.json == null ? '' : String(r.json),
  sha256: String(r.sha256),
  source: r.source as StoredPolicyVersion['source'],
  by: String(r.by),
  activatedAt: String(r.activated_at),
  active: Number(r.active) === 1,
});

export function pgPolicyVersions(sql: Sql): PolicyVersionsStore {
  return {
    async active() {
      const r = (await sql.query('SELECT * FROM policy_versions WHERE active = 1')).rows[0];
      return r ? toVersion(r) : null;
    },
    async activeId() {
      const r = (await sql.query('SELECT id FROM policy_versions WHERE active = 1')).rows[0];
      return r ? Number(r.id) : null;
    },
    async lastFileSha() {
      const r = (await sql.query("SELECT sha256 FROM policy_versions WHERE source = 'file' ORDER BY id DESC LIMIT 1")).rows[0];
      return r ? String(r.sha256) : null;
    },
    activate: (v) =>
      sql.atomic(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ACTIVATION_LOCK]);
        const cur = (await tx.query('SELECT * FROM policy_versions WHERE active = 1')).rows[0];
        if (cur && String(cur.sha256) === v.sha256) return { row: toVersion(cur), unchanged: true };
        await tx.query('UPDATE policy_versions SET active = 0 WHERE active = 1');
        const row = (
          await tx.query(
            `INSERT INTO policy_versions (version, json, sha256, source, by, activated_at, active)
        VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING *`,
            [v.version, v.json, v.sha256, v.source, v.by, v.at],
          )
        ).rows[0];
        await tx.query('SELECT pg_notify($1, $2)', [POLICY_CHANNEL, String(row.id)]);
        return { row: toVersion(row), unchanged: false };
      }),
    async history() {
      return (
        await sql.query('SELECT id, version, sha256, source, by, activated_at, active FROM policy_versions ORDER BY id DESC')
      ).rows.map((r) => {
        const { json: _json, ...meta } = toVersion(r);
        return meta;
      });
    },
    async get(id) {
      if (!Number.isSafeInteger(id)) return null;
      const r = (await sql.query('SELECT * FROM policy_versions WHERE id = $1', [id])).rows[0];
      return r ? toVersion(r) : null;
    },
  };
}
