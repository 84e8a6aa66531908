/**
 * The evidence log over SQLite (table `evidence_entries`, migrations/evidence.ts): an append-only,
 * SHA-256 hash-chained list of entries per ticket. `append` runs in its own transaction (a
 * savepoint when the caller already has one, so processing can append inside its transaction).
 */
import type Database from 'better-sqlite3';
import type { EvidenceRecord } from '../../../policies/src/types';
import { AppError } from '../errors';
import { canonicalJson } from '../canonical-json';
import { evidenceRecord } from './evidence-record';
import { evidenceBundle } from './evidence-state';
import { ENTRY_TYPES, type BundleEntry, type EntryInput, type EntryType, type EvidenceBundle, type EvidenceState } from './evidence-types';
import { GENESIS_HASH, hashEntry } from './hash-entry';
import { verifyBundle } from './verify-bundle';

interface Row {
  seq: number;
  type: EntryType;
  at: string;
  by: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface EvidenceLog {
  append(host: string, ticketId: string, entry: EntryInput): { seq: number; hash: string };
  record(host: string, ticketId: string): EvidenceRecord;
  state(host: string, ticketId: string): EvidenceState;
  /** Appends the `freeze` entry; calling it again on a frozen ticket returns the existing freeze. */
  freeze(host: string, ticketId: string, by: string, at: string): { seq: number; hash: string; frozenAt: string; alreadyFrozen: boolean };
  exportBundle(host: string, ticketId: string): EvidenceBundle;
  verifyBundle: typeof verifyBundle;
}

export function createEvidenceLog(db: Database.Database, opts: { now?: () => number } = {}): EvidenceLog {
  const now = opts.now ?? Date.now;
  const lastStmt = db.prepare('SELECT seq, hash FROM evidence_entries WHERE host = ? AND ticket_id = ? ORDER BY seq DESC LIMIT 1');
  const freezeStmt = db.prepare("SELECT seq, hash, at FROM evidence_entries WHERE host = ? AND ticket_id = ? AND type = 'freeze' LIMIT 1");
  const allStmt = db.prepare(
    'SELECT seq, type, at, by, data, prev_hash, hash FROM evidence_entries WHERE host = ? AND ticket_id = ? ORDER BY seq',
  );
  const insertStmt = db.prepare(
    'INSERT INTO evidence_entries (host, ticket_id, seq, type, at, by, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const entries = (host: string, ticketId: string): BundleEntry[] =>
    (allStmt.all(host, ticketId) as Row[]).map((r) => ({
      seq: r.seq,
      type: r.type,
      at: r.at,
      by: r.by,
      data: JSON.parse(r.data) as Record<string, unknown>,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));

  const appendTx = db.transaction((host: string, ticketId: string, entry: EntryInput) => {
    if (freezeStmt.get(host, ticketId))
      throw new AppError('conflict', `the evidence of ticket ${host}/${ticketId} is frozen; nothing can be appended`, [
        { path: 'ticket', message: 'frozen' },
      ]);
    const last = lastStmt.get(host, ticketId) as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const by = entry.by ?? null;
    const dataText = canonicalJson(entry.data);
    const hash = hashEntry(prevHash, { host, ticketId, seq, type: entry.type, at: entry.at, by, data: JSON.parse(dataText) });
    insertStmt.run(host, ticketId, seq, entry.type, entry.at, by, dataText, prevHash, hash);
    return { seq, hash };
  });

  const log: EvidenceLog = {
    append(host, ticketId, entry) {
      checkInput(host, ticketId, entry);
      return appendTx(host, ticketId, entry);
    },
    record: (host, ticketId) => evidenceRecord(entries(host, ticketId)),
    state(host, ticketId) {
      const f = freezeStmt.get(host, ticketId) as { at: string } | undefined;
      const last = lastStmt.get(host, ticketId) as { hash: string } | undefined;
      const rec = evidenceRecord(entries(host, ticketId));
      return { frozen: !!f, frozenAt: f?.at ?? null, headHash: last?.hash ?? null, items: rec.items, reviews: rec.reviews };
    },
    freeze(host, ticketId, by, at) {
      return db.transaction(() => {
        const f = freezeStmt.get(host, ticketId) as { seq: number; hash: string; at: string } | undefined;
        if (f) return { seq: f.seq, hash: f.hash, frozenAt: f.at, alreadyFrozen: true };
        const last = lastStmt.get(host, ticketId) as { seq: number; hash: string } | undefined;
        const r = log.append(host, ticketId, { type: 'freeze', at, by, data: { entries: last?.seq ?? 0, headHash: last?.hash ?? null } });
        return { ...r, frozenAt: at, alreadyFrozen: false };
      })();
    },
    exportBundle(host, ticketId) {
      return evidenceBundle(host, ticketId, entries(host, ticketId), new Date(now()).toISOString());
    },
    verifyBundle,
  };
  return log;
}

function checkInput(host: string, ticketId: string, entry: EntryInput): void {
  const problems: { path: string; message: string }[] = [];
  if (typeof host !== 'string' || !host) problems.push({ path: 'host', message: 'must be a non-empty string' });
  if (typeof ticketId !== 'string' || !ticketId) problems.push({ path: 'ticketId', message: 'must be a non-empty string' });
  if (!entry || typeof entry !== 'object') problems.push({ path: 'entry', message: 'must be an object {type, at, by?, data}' });
  else {
    if (!ENTRY_TYPES.includes(entry.type)) problems.push({ path: 'entry.type', message: `must be one of ${ENTRY_TYPES.join(', ')}` });
    if (typeof entry.at !== 'string' || Number.isNaN(Date.parse(entry.at)))
      problems.push({ path: 'entry.at', message: 'must be an ISO-8601 time such as 2026-11-22T10:30:00.000Z' });
    if (entry.by !== undefined && entry.by !== null && typeof entry.by !== 'string')
      problems.push({ path: 'entry.by', message: 'must be a string when given' });
    if (!entry.data || typeof entry.data !== 'object' || Array.isArray(entry.data))
      problems.push({ path: 'entry.data', message: 'must be a JSON object' });
    else {
      try {
        canonicalJson(entry.data);
      } catch (e) {
        problems.push({ path: 'entry.data', message: (e as Error).message });
      }
    }
  }
  if (problems.length)
    throw new AppError('invalid_request', `cannot record evidence: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}
