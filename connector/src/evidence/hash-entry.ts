/**
 * The hash chain: `hash = sha256(prevHash + JCS(entry))`, hex, where JCS is RFC 8785 canonical JSON; the first entry
 * chains to GENESIS_HASH. Bundles exported before RFC 8785 name no `hashScheme` and are checked with the earlier
 * sorted-keys serialisation. The two agree on every JSON value whose strings are well-formed UTF-16; an entry
 * recorded before the change with a lone surrogate in it (JCS refuses those; new entries store U+FFFD) is checked
 * with the earlier serialisation under either scheme.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, hasLoneSurrogate } from '../canonical-json';
import type { EntryType, HashScheme } from './evidence-types';
import { legacyCanonicalJson } from './legacy-canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed: the entry with the ticket it belongs to, so an entry cannot be moved to another ticket. */
export interface HashedEntry {
  host: string;
  ticketId: string;
  seq: number;
  type: EntryType;
  at: string;
  by: string | null;
  data: unknown;
}

export function hashEntry(prevHash: string, entry: HashedEntry, scheme: HashScheme = 'rfc8785-sha256'): string {
  const hashed = {
    host: entry.host,
    ticketId: entry.ticketId,
    seq: entry.seq,
    type: entry.type,
    at: entry.at,
    by: entry.by,
    data: entry.data,
  };
  const body = scheme === 'rfc8785-sha256' && !hasLoneSurrogate(hashed) ? canonicalJson(hashed) : legacyCanonicalJson(hashed);
  return createHash('sha256').update(prevHash, 'utf8').update(body, 'utf8').digest('hex');
}

/** An entry without its seq, and its data already as canonical JSON text (canonicalJson of the data). */
export interface UnnumberedEntry {
  host: string;
  ticketId: string;
  type: EntryType;
  at: string;
  by: string | null;
  dataText: string;
}

const SEQ_MARK = 0.5772156649015329;

/**
 * The hashed body around the entry's seq, for a writer that numbers the entry only where it appends it (the
 * PostgreSQL `evidence_append` function): `hashEntry(prev, {...entry, seq}) = sha256(prev + head + seq + tail)`.
 * The fields are in JCS key order (at, by, data, host, seq, ticketId, type), so seq follows data and only strings
 * follow seq: the body is built around the already canonical data text without serialising it again. An entry with a
 * lone surrogate in a field (hashed with the earlier scheme, as hashEntry does) is serialised whole with a marker.
 */
export function hashBodyAroundSeq(e: UnnumberedEntry): { head: string; tail: string } {
  const s = JSON.stringify;
  const fields = { host: e.host, ticketId: e.ticketId, type: e.type, at: e.at, by: e.by };
  if (!hasLoneSurrogate(fields))
    return {
      head: `{"at":${s(e.at)},"by":${e.by === null ? 'null' : s(e.by)},"data":${e.dataText},"host":${s(e.host)},"seq":`,
      tail: `,"ticketId":${s(e.ticketId)},"type":${s(e.type)}}`,
    };
  const body = legacyCanonicalJson({ ...fields, seq: SEQ_MARK, data: JSON.parse(e.dataText) });
  const at = body.lastIndexOf(`"seq":${SEQ_MARK}`) + '"seq":'.length;
  return { head: body.slice(0, at), tail: body.slice(at + String(SEQ_MARK).length) };
}
