/**
 * The evidence log on PostgreSQL: the same entries and hash chain as the SQLite log (evidence/hash-entry.ts).
 * An append is one call of the `evidence_append` function, which takes the ticket's advisory lock (the trigger takes
 * the same one), reads the last entry, and inserts the next; the database refuses anything that does not continue the chain.
 */
import { AppError } from '../../errors';
import { canonicalJson } from '../../canonical-json';
import { ENTRY_TYPES, type BundleEntry, type EntryInput, type EntryType } from '../../evidence/evidence-types';
import { hashBodyAroundSeq } from '../../evidence/hash-entry';
import type { EvidenceStore } from '../store';
import type { Sql } from './sql';

const lockKey = (host: string, ticketId: string) => `evidence:${host}/${ticketId}`;

/**
 * Appends `entries` to the ticket's chain in one round trip (the `evidence_append` function, migration pg-014): the
 * database takes the ticket's advisory lock, reads the head after it and numbers and hashes each entry, so concurrent
 * appends queue and the chain stays one. Null (nothing appended) when the ticket's evidence is frozen.
 */
async function appendAll(sql: Sql, host: string, ticketId: string, entries: EntryInput[]): Promise<{ seq: number; hash: string }[] | null> {
  for (const e of entries)
    if (!ENTRY_TYPES.includes(e.type))
      throw new AppError('invalid_request', `cannot record evidence: entry.type must be one of ${ENTRY_TYPES.join(', ')}`);
  if (!entries.length) return [];
  const cols: [string[], string[], (string | null)[], string[], string[], string[]] = [[], [], [], [], [], []];
  for (const e of entries) {
    const by = e.by ?? null;
    const dataText = canonicalJson(e.data);
    const { head, tail } = hashBodyAroundSeq({ host, ticketId, type: e.type, at: e.at, by, dataText });
    [e.type, e.at, by, dataText, head, tail].forEach((v, i) => (cols[i] as unknown[]).push(v));
  }
  const r = await sql.query('SELECT out_seq, out_hash FROM evidence_append($1, $2, $3, $4, $5, $6, $7, $8)', [host, ticketId, ...cols]);
  return r.rows.length ? r.rows.map((x) => ({ seq: Number(x.out_seq), hash: String(x.out_hash) })) : null;
}

const frozenError = (host: string, ticketId: string) =>
  new AppError('conflict', `the evidence of ticket ${host}/${ticketId} is frozen; nothing can be appended`, [
    { path: 'ticket', message: 'frozen' },
  ]);

export function pgEvidence(sql: Sql): EvidenceStore {
  const append: EvidenceStore['append'] = async (host, ticketId, entry) => {
    const r = await appendAll(sql, host, ticketId, [entry]);
    if (!r) throw frozenError(host, ticketId);
    return r[0];
  };
  return {
    append,
    appendUnlessFrozen: (host, ticketId, entries) => appendAll(sql, host, ticketId, entries),
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
