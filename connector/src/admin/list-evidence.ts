/** Frozen evidence records for the admin console, through the evidence module (connector/src/evidence). */
import type Database from 'better-sqlite3';
import { createEvidenceLog } from '../evidence/create-evidence-log';
import { verifyBundle } from '../evidence/verify-bundle';

export interface EvidencePort {
  state(host: string, ticketId: string): { frozen: boolean; frozenAt: string | null; headHash: string | null; items: unknown[] };
  exportBundle(host: string, ticketId: string): unknown;
  verifyBundle(bundle: unknown): { ok: boolean; entries: number; brokenAt?: number; reason?: string };
}

export function defaultEvidencePort(db: Database.Database): EvidencePort {
  const log = createEvidenceLog(db);
  return { state: (h, t) => log.state(h, t), exportBundle: (h, t) => log.exportBundle(h, t), verifyBundle: (b) => verifyBundle(b) };
}

export interface FrozenRecord {
  host: string;
  ticketId: string;
  subject: string;
  frozenAt: string | null;
  headHash: string | null;
  items: number;
  verify: { ok: boolean; entries: number; brokenAt?: number; reason?: string };
}

const has = (db: Database.Database, t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);

/** Every ticket with a freeze entry in the evidence log, newest first, each verified by re-hashing its exported bundle. */
export function frozenRecords(db: Database.Database, evidence: EvidencePort, limit = 200): FrozenRecord[] {
  if (!has(db, 'evidence_entries')) return [];
  const rows = db
    .prepare(
      "SELECT host, ticket_id AS ticketId, MAX(at) AS at FROM evidence_entries WHERE type = 'freeze' GROUP BY host, ticket_id ORDER BY at DESC LIMIT ?",
    )
    .all(limit) as { host: string; ticketId: string }[];
  const subject = has(db, 'tickets') ? db.prepare('SELECT subject FROM tickets WHERE host = ? AND id = ?') : null;
  return rows.map((r) => {
    const s = evidence.state(r.host, r.ticketId);
    return {
      host: r.host,
      ticketId: r.ticketId,
      subject: (subject?.get(r.host, r.ticketId) as { subject: string } | undefined)?.subject ?? '',
      frozenAt: s.frozenAt,
      headHash: s.headHash,
      items: s.items.length,
      verify: evidence.verifyBundle(evidence.exportBundle(r.host, r.ticketId)),
    };
  });
}
