/** Every decision processing takes, with the policy version it used (audit trail). */
import type { Db } from './open-database';

export interface DecisionRow {
  id: number;
  kind: string;
  policyVersion: string;
  at: string;
  data: Record<string, unknown>;
}

export function createDecisionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO decisions (host, ticket_id, inbox_id, kind, policy_version, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const list = db.prepare(`SELECT id, kind, policy_version, at, data FROM decisions WHERE host = ? AND ticket_id = ? ORDER BY id`);
  return {
    record(
      host: string,
      ticketId: string,
      inboxId: number | null,
      kind: string,
      policyVersion: string,
      at: string,
      data: unknown = {},
    ): void {
      insert.run(host, ticketId, inboxId, kind, policyVersion, at, JSON.stringify(data));
    },
    list(host: string, ticketId: string): DecisionRow[] {
      return (list.all(host, ticketId) as Record<string, unknown>[]).map((r) => ({
        id: Number(r.id),
        kind: String(r.kind),
        policyVersion: String(r.policy_version),
        at: String(r.at),
        data: JSON.parse(String(r.data)),
      }));
    },
  };
}

export type DecisionsRepo = ReturnType<typeof createDecisionsRepo>;
