/** The connector's clock, passed to everything that needs "now" (tests and the sandbox move it). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be moved forward (sandbox fast-forward, tests); never moves back. */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
  offsetMs(): number;
}

export function adjustableClock(base: Clock = systemClock, startOffsetMs = 0): AdjustableClock {
  let offset = startOffsetMs;
  let pinned: number | null = null;
  return {
    now: () => (pinned ?? base.now()) + offset,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
      offset += ms;
    },
    /** Pin the clock to an absolute time (tests); later `advance` moves from there. */
    set(ms) {
      pinned = ms;
      offset = 0;
    },
    offsetMs: () => offset,
  };
}

/** The sandbox's clock: the injected one when it can be moved, else one that moves over it (or over real time). */
export function asAdjustable(clock: Clock | undefined): AdjustableClock {
  if (clock && 'advance' in clock && 'set' in clock) return clock as AdjustableClock;
  return adjustableClock(clock ?? systemClock);
}
