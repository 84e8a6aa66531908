/**
 * The evidence log on PostgreSQL: the same entries and hash chain as the SQLite log (evidence/hash-entry.ts).
 * An append takes the ticket's advisory lock (the trigger takes the same one), reads the last entry, and
 * inserts the next; the database refuses anything that does not continue the chain.
 */
import { AppError } from '../../errors';
import { canonicalJson } from '../../canonical-json';
import { ENTRY_TYPES, type BundleEntry, type EntryType } from '../../evidence/evidence-types';
import { GENESIS_HASH, hashEntry } from '../../evidence/hash-entry';
import type { EvidenceStore } from '../store';
import type { Sql } from './sql';

const lockKey = (host: string, ticketId: string) => `evidence:${host}/${ticketId}`;

export function pgEvidence(sql: Sql): EvidenceStore {
  const append: EvidenceStore['append'] = (host, ticketId, entry) =>
    sql.atomic(async (s) => {
      if (!ENTRY_TYPES.includes(entry.type))
        throw new AppError('invalid_request', `cannot record evidence: entry.type must be one of ${ENTRY_TYPES.join(', ')}`);
      await s.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(host, ticketId)]);
      if (
        (await s.query(`SELECT 1 FROM evidence_entries WHERE host = $1 AND ticket_id = $2 AND type = 'freeze'`, [host, ticketId])).rowCount
      ) {
        throw new AppError('conflict', `the evidence of ticket ${host}/${ticketId} is frozen; nothing can be appended`, [
          { path: 'ticket', message: 'frozen' },
        ]);
      }
      const last = (
        await s.query('SELECT seq, hash FROM evidence_entries WHERE host = $1 AND ticket_id = $2 ORDER BY seq DESC LIMIT 1', [
          host,
          ticketId,
        ])
      ).rows[0];
      const seq = Number(last?.seq ?? 0) + 1;
      const prevHash = last ? String(last.hash) : GENESIS_HASH;
      const by = entry.by ?? null;
      const dataText = canonicalJson(entry.data);
      const hash = hashEntry(prevHash, { host, ticketId, seq, type: entry.type, at: entry.at, by, data: JSON.parse(dataText) });
      await s.query(
        'INSERT INTO evidence_entries (host, ticket_id, seq, type, at, by, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [host, ticketId, seq, entry.type, entry.at, by, dataText, prevHash, hash],
      );
      return { seq, hash };
    });
  return {
    append,
    async entries(host, ticketId) {
      return (
        await sql.query(
          'SELECT seq, type, at, by, data, prev_hash, hash FROM evidence_entries WHERE host = $1 AND ticket_id = $2 ORDER BY seq',
          [host, ticketId],
        )
      ).rows.map((r): BundleEntry => ({
        seq: Number(r.seq),
        type: r.type as EntryType,
        at: String(r.at),
        by: (r.by as string) ?? null,
        data: JSON.parse(String(r.data)),
        prevHash: String(r.prev_hash),
        hash: String(r.hash),
      }));
    },
    freeze: (host, ticketId, by, at) =>
      sql.atomic(async (s) => {
        await s.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(host, ticketId)]);
        const f = (
          await s.query(`SELECT seq, hash FROM evidence_entries WHERE host = $1 AND ticket_id = $2 AND type = 'freeze'`, [host, ticketId])
        ).rows[0];
        if (f) return { seq: Number(f.seq), hash: String(f.hash), alreadyFrozen: true };
        const last = (
          await s.query('SELECT seq, hash FROM evidence_entries WHERE host = $1 AND ticket_id = $2 ORDER BY seq DESC LIMIT 1', [
            host,
            ticketId,
          ])
        ).rows[0];
        const r = await pgEvidence(s).append(host, ticketId, {
          type: 'freeze',
          at,
          by,
          data: { entries: Number(last?.seq ?? 0), headHash: last ? String(last.hash) : null },
        });
        return { ...r, alreadyFrozen: false };
      }),
  };
}
