/**
 * How replicas on one database wake each other: the notices (`FleetWake`, store/postgres/pg-work-notices.ts over
 * LISTEN/NOTIFY) and the pipeline's own wake timer for work it knows the time of (the next due timer, a retry).
 */
export type { FleetWake, WorkKind } from '../store/postgres/pg-work-notices';

/**
 * One timer at the earliest wall time asked for (a due timer, a retry, a re-check while another replica holds
 * pending rows); `fire` runs when it expires. Later asks than the one armed are dropped: the round that `fire`
 * starts asks again.
 */
export function createWakeTimer(fire: () => void) {
  let timer: NodeJS.Timeout | null = null;
  let armedAt = Infinity;
  return {
    at(wallMs: number) {
      if (!(wallMs < armedAt)) return;
      if (timer) clearTimeout(timer);
      armedAt = wallMs;
      timer = setTimeout(
        () => {
          timer = null;
          armedAt = Infinity;
          fire();
        },
        Math.max(1, Math.min(wallMs - Date.now(), 2 ** 31 - 1)),
      );
      timer.unref?.();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      armedAt = Infinity;
    },
  };
}
