/**
 * The tickets the classification snapshot test classifies by default (classify-snapshot.test.ts): a fixed,
 * stratified subset of about one in seven training tickets, chosen from the snapshot's own records when it is
 * written (UPDATE_CLASSIFY_SNAPSHOT=1) and stored in its first line, so the choice cannot drift with the code:
 *  - a hash sample: the first byte of SHA-256(id) below SAMPLE_BYTE (37 of 256, one in seven);
 *  - topped up, in hash order, to at least PER_STRATUM tickets of every language × category × severity, every
 *    language × signal, every review reason and every id batch (the id without its number: the corpus rounds);
 *  - per language, the EXTREMES longest and shortest tickets (the scan's edge lengths).
 * Pure: records in, ids out (in corpus order).
 */
import { createHash } from 'node:crypto';

export type SnapshotRow = {
  id: string;
  lang: string;
  /** subject and description length, in UTF-16 code units */
  size: number;
  category: string;
  severity: string;
  signals: string[];
  review?: string[];
};

const SAMPLE_BYTE = 37;
const PER_STRATUM = 4;
const EXTREMES = 5;

const hashOf = (id: string): number => createHash('sha256').update(id).digest().readUInt32BE(0);
const batchOf = (id: string): string => id.replace(/-?\d+$/u, '');

/** Every stratum a row belongs to (its keys name the kind, so two kinds never share a key). */
export function strataOf(r: SnapshotRow): string[] {
  return [
    `class:${r.lang}/${r.category}/${r.severity}`,
    ...r.signals.map((s) => `signal:${r.lang}/${s}`),
    ...(r.review ?? []).map((reason) => `review:${reason}`),
    `batch:${batchOf(r.id)}`,
  ];
}

export function chooseSnapshotSubset(rows: readonly SnapshotRow[]): string[] {
  const hashes = rows.map((r) => hashOf(r.id));
  const order = rows.map((_, i) => i).sort((a, b) => hashes[a] - hashes[b] || a - b);
  const chosen = new Set<number>(order.filter((i) => hashes[i] >>> 24 < SAMPLE_BYTE));

  const held = new Map<string, number>();
  for (const i of chosen) for (const s of strataOf(rows[i])) held.set(s, (held.get(s) ?? 0) + 1);
  for (const i of order) {
    if (chosen.has(i)) continue;
    const strata = strataOf(rows[i]);
    if (!strata.some((s) => (held.get(s) ?? 0) < PER_STRATUM)) continue;
    chosen.add(i);
    for (const s of strata) held.set(s, (held.get(s) ?? 0) + 1);
  }

  for (const lang of new Set(rows.map((r) => r.lang))) {
    const bySize = order.filter((i) => rows[i].lang === lang).sort((a, b) => rows[a].size - rows[b].size || a - b);
    for (const i of [...bySize.slice(0, EXTREMES), ...bySize.slice(-EXTREMES)]) chosen.add(i);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => rows[i].id);
}
