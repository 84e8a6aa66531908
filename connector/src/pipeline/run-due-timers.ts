/** Fires due timers by inserting `timer.fired` events into the inbox (same pipeline, same ordering). */
import type { Store } from '../store/store';

/**
 * Returns how many timers fired. Each timer fires once, across processes too: the store marks it fired and
 * inserts its `timer:<id>` inbox event in one transaction (store.ts `fireDue`).
 */
export async function runDueTimers(store: Store, now: number): Promise<number> {
  return (await store.timers.fireDue(now)).length;
}
