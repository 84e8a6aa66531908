/** A ticket's evidence state (frozen, head hash, items, reviews) and bundle derived from its entries: pure, for any store. */
import { evidenceRecord } from './evidence-record';
import { BUNDLE_FORMAT, type BundleEntry, type EvidenceBundle, type EvidenceState } from './evidence-types';

export function evidenceState(entries: BundleEntry[]): EvidenceState {
  const freeze = entries.find((e) => e.type === 'freeze');
  const rec = evidenceRecord(entries);
  return {
    frozen: !!freeze,
    frozenAt: freeze?.at ?? null,
    headHash: entries.length ? entries[entries.length - 1].hash : null,
    items: rec.items,
    reviews: rec.reviews,
  };
}

/** The exported bundle of a ticket's entries: every export (SQLite's exportBundle, the admin and sidebar routes) builds it here. */
export function evidenceBundle(host: string, ticketId: string, entries: BundleEntry[], exportedAt: string): EvidenceBundle {
  const freeze = entries.find((e) => e.type === 'freeze');
  return {
    format: BUNDLE_FORMAT,
    hashScheme: 'rfc8785-sha256',
    host,
    ticketId,
    exportedAt,
    frozen: !!freeze,
    frozenAt: freeze?.at ?? null,
    headHash: entries.length ? entries[entries.length - 1].hash : null,
    entries,
  };
}
