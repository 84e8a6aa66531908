/** The hash chain: `hash = sha256(prevHash + canonicalJson(entry))`, hex; the first entry chains to GENESIS_HASH. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EntryType } from './evidence-types';

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

export function hashEntry(prevHash: string, entry: HashedEntry): string {
  const body = canonicalJson({ host: entry.host, ticketId: entry.ticketId, seq: entry.seq, type: entry.type, at: entry.at, by: entry.by, data: entry.data });
  return createHash('sha256').update(prevHash, 'utf8').update(body, 'utf8').digest('hex');
}
