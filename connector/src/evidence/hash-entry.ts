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
