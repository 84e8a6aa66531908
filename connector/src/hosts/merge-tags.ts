/** Tag arithmetic for hosts whose update replaces the whole tag list: keep everything the agent set. */
import type { TicketChange } from './host-client';

export function changesTags(change: TicketChange): boolean {
  return (change.addTags?.length ?? 0) + (change.removeTags?.length ?? 0) > 0;
}

/** Current tags minus `remove`, plus `add` (order kept, no duplicates; removal wins over addition). */
export function mergeTags(current: string[], add: string[] = [], remove: string[] = []): string[] {
  const drop = new Set(remove);
  const out = current.filter((t) => !drop.has(t));
  for (const t of add) if (!out.includes(t) && !drop.has(t)) out.push(t);
  return out;
}

/** Same tags in the same order: nothing to write. */
export function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
