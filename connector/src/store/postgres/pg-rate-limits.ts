/**
 * The host rate limit shared by every connector process on one PostgreSQL database (RateLimitStore in ../store.ts).
 * One round trip per reservation: the `reserve_host_call` function (migration pg-010) takes a per-account advisory
 * lock for its transaction, so concurrent reservations of one account queue and each sees the others' starts.
 * Times are the database's clock unless the caller passes its own (tests with a fake clock).
 */
import type { RateLimitStore } from '../store';
import type { Sql } from './sql';

const DB_NOW = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export function pgRateLimits(sql: Sql): RateLimitStore {
  return {
    async reserve(key, limit, windowMs, now) {
      const r = (
        await sql.query('SELECT at_ms, retry_at FROM reserve_host_call($1, $2, $3, $4)', [
          key,
          limit,
          Math.round(windowMs),
          now == null ? null : Math.round(now),
        ])
      ).rows[0];
      const at = Number(r.at_ms);
      return r.retry_at == null ? { ok: true, at } : { ok: false, at, retryAt: Number(r.retry_at) };
    },
    async pause(key, forMs, now) {
      await sql.query(
        `INSERT INTO host_rate_pauses (key, until) VALUES ($1, COALESCE($3::bigint, ${DB_NOW}) + $2::bigint)
        ON CONFLICT (key) DO UPDATE SET until = GREATEST(host_rate_pauses.until, excluded.until)`,
        [key, Math.round(forMs), now == null ? null : Math.round(now)],
      );
    },
  };
}
