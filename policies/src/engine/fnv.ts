/** FNV-1a over UTF-16 code units, the hash every model feature key is made with. Pure and browser-safe. */
export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Keys stay small integers (30 bits) so maps and sets of them allocate nothing. */
export const KEY = 0x3fffffff;

/** The FNV state after hashing `text` from state `h`. */
export function fnvStep(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Where feature hashes go: a Set<number>, or the allocation-free FeatureSet (feature-set.ts). */
export interface HashSink {
  add(h: number): unknown;
}
