/**
 * Once-per-period jobs across replicas (table `scheduled_runs`, migration pg-012). Every replica asks on its own
 * timer; `claim` is one statement that succeeds for exactly one caller per period: it moves `next_run_at` one
 * period past the database's clock (so replicas with skewed clocks agree) only where the period has come and no
 * other replica's run holds the job (`running_until` passed: a replica that died mid-run blocks the job for at most
 * its lease); the holder itself may claim again (a restart, or renewing its lease).
 * `finish` releases the job early, keeping the next period's time. `report` stores how far the holder's run got
 * (JSON, column `progress`) and `status` reads it with whether a live run holds the job, so every replica can show it.
 */
import type { Sql } from './sql';

const NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

export interface ScheduleStore {
  /** True when `owner` is to run job `name` now (at most one caller per period of `periodMs`); the run's lease is `leaseMs` from now. */
  claim(name: string, owner: string, periodMs: number, leaseMs: number): Promise<boolean>;
  finish(name: string, owner: string): Promise<void>;
  /** Stores the holder's progress (JSON text); nothing when `owner` no longer holds the job. */
  report(name: string, owner: string, progress: string): Promise<void>;
  /** The job's last progress and whether a run holds it now (its lease not passed); null before its first run. */
  status(name: string): Promise<{ owner: string | null; running: boolean; progress: string | null } | null>;
}

export function pgSchedule(sql: Sql): ScheduleStore {
  return {
    async claim(name, owner, periodMs, leaseMs) {
      const r = await sql.query(
        `INSERT INTO scheduled_runs AS s (name, next_run_at, owner, started_at, running_until)
        VALUES ($1, ${NOW} + $3, $2, ${NOW}, ${NOW} + $4)
        ON CONFLICT (name) DO UPDATE SET next_run_at = excluded.next_run_at, owner = excluded.owner, started_at = excluded.started_at, running_until = excluded.running_until
        WHERE s.next_run_at <= ${NOW} AND (s.running_until IS NULL OR s.running_until <= ${NOW} OR s.owner = $2)
        RETURNING name`,
        [name, owner, Math.round(periodMs), Math.round(leaseMs)],
      );
      return r.rows.length === 1;
    },
    async finish(name, owner) {
      await sql.query('UPDATE scheduled_runs SET running_until = NULL WHERE name = $1 AND owner = $2', [name, owner]);
    },
    async report(name, owner, progress) {
      await sql.query('UPDATE scheduled_runs SET progress = $3 WHERE name = $1 AND owner = $2', [name, owner, progress]);
    },
    async status(name) {
      const r = (
        await sql.query(`SELECT owner, progress, COALESCE(running_until > ${NOW}, false) AS running FROM scheduled_runs WHERE name = $1`, [
          name,
        ])
      ).rows[0];
      return r
        ? {
            owner: r.owner == null ? null : String(r.owner),
            running: r.running === true,
            progress: r.progress == null ? null : String(r.progress),
          }
        : null;
    },
  };
}
