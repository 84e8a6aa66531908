/**
 * A fake clock for several concurrent actors (a discrete-event scheduler): time stands still while any actor is
 * working (e.g. waiting for a database answer) and jumps to the earliest wake-up once every actor sleeps. Actors
 * due at the same instant wake together, so their work overlaps for real. No real time passes in a sleep.
 */
export interface VirtualTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs the actors to completion on this clock (each must only wait through `sleep` or real I/O). */
  run(actors: (() => Promise<void>)[]): Promise<void>;
}

export function virtualTime(start: number): VirtualTime {
  let t = start;
  let working = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const step = () => {
    if (working > 0 || !sleepers.length) return;
    const at = Math.min(...sleepers.map((s) => s.at));
    t = Math.max(t, at);
    for (const s of sleepers.filter((x) => x.at <= t)) {
      sleepers.splice(sleepers.indexOf(s), 1);
      working++;
      s.wake();
    }
  };
  return {
    now: () => t,
    sleep(ms) {
      return new Promise<void>((wake) => {
        sleepers.push({ at: t + Math.max(0, ms), wake });
        working--;
        step();
      });
    },
    async run(actors) {
      working += actors.length;
      await Promise.all(
        actors.map(async (a) => {
          try {
            await a();
          } finally {
            working--;
            step();
          }
        }),
      );
    },
  };
}

/** The most starts that fall in any window (s - windowMs, s] — every window, as the host counts. */
export function busiestWindow(starts: number[], windowMs: number): number {
  const s = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, lo = 0; i < s.length; i++) {
    while (s[lo] <= s[i] - windowMs) lo++;
    most = Math.max(most, i - lo + 1);
  }
  return most;
}
