/**
 * The shared host rate limit on SQLite (RateLimitStore in store.ts): a sliding log of call starts per host account
 * and a pause per account. One process serves a SQLite file, so this is the same limit as an in-process one, kept
 * in the database so both backends answer alike (the contract tests) and a restart keeps the last minute's calls.
 */
import type { Db } from './open-database';
import type { RateLimitStore, Reservation } from './store';

export function createRateLimitsRepo(db: Db, clock: () => number = Date.now): RateLimitStore {
  const pauseOf = db.prepare('SELECT until FROM host_rate_pauses WHERE key = ?').pluck();
  const prune = db.prepare('DELETE FROM host_rate_slots WHERE key = ? AND at <= ?');
  const nth = db.prepare('SELECT at FROM host_rate_slots WHERE key = ? ORDER BY at DESC LIMIT 1 OFFSET ?').pluck();
  const add = db.prepare('INSERT INTO host_rate_slots (key, at) VALUES (?, ?)');
  const setPause = db.prepare(`INSERT INTO host_rate_pauses (key, until) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET until = MAX(host_rate_pauses.until, excluded.until)`);
  const reserve = db.transaction((key: string, limit: number, windowMs: number, at: number): Reservation => {
    const paused = pauseOf.get(key) as number | undefined;
    if (paused != null && paused > at) return { ok: false, at, retryAt: paused };
    prune.run(key, at - windowMs);
    // The limit-th newest start leaves the window at its time + windowMs; until then the window is full.
    const full = nth.get(key, limit - 1) as number | undefined;
    if (full != null) return { ok: false, at, retryAt: full + windowMs };
    add.run(key, at);
    return { ok: true, at };
  });
  return {
    reserve: async (key, limit, windowMs, now) => reserve(key, limit, windowMs, Math.round(now ?? clock())),
    pause: async (key, forMs, now) => void setPause.run(key, Math.round((now ?? clock()) + forMs)),
  };
}
