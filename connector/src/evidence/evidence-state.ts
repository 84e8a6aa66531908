/** A ticket's evidence state (frozen, head hash, items, reviews) derived from its entries: pure, for any store. */
import { evidenceRecord } from './evidence-record';
import type { BundleEntry, EvidenceState } from './evidence-types';

export function evidenceState(entries: BundleEntry[]): EvidenceState {
  const freeze = entries.find((e) => e.type === 'freeze');
  const rec = evidenceRecord(entries);
  return { frozen: !!freeze, frozenAt: freeze?.at ?? null, headHash: entries.length ? entries[entries.length - 1].hash : null, items: rec.items, reviews: rec.reviews };
}
