import { useEffect, useState } from 'preact/hooks';

export interface SidebarClock {
  now(): number;
}

export const browserClock: SidebarClock = { now: () => Date.now() };

/** The clock's time, re-read every `everyMs` (the countdowns tick with it). */
export function useNow(clock: SidebarClock, everyMs = 1000): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const id = setInterval(() => setNow(clock.now()), everyMs);
    return () => clearInterval(id);
  }, [clock, everyMs]);
  return now;
}
