/**
 * Recomputes the dashboard facts that depend on the policy after a policy change, on PostgreSQL (the SQLite twin is
 * recompute-facts.ts, same status for the dashboard). Every replica hears of the change (the shared policy store),
 * but the pass runs on one: it is a job in `scheduled_runs` (store/postgres/pg-schedule.ts) that one replica claims,
 * and keeps while it restarts for a newer change. In the background, a page of 100 tickets per transaction,
 * skipping rows already computed under the active version. A replica that dies mid-pass leaves the rest stale until
 * its lease (1 minute, renewed by each page) passes and the next change or start claims the job again.
 * The pass's progress is stored with the job after each page (`scheduled_runs.progress`), so the dashboard of every
 * replica shows it, not only the one running it; a run whose lease passed is shown as no longer recomputing.
 */
import type { Policy } from '../../../policies/src/types';
import type { Logger } from '../ops/create-logger';
import { pgCountTickets, pgFactsPage, pgWriteFacts } from '../store/postgres/pg-facts-pages';
import type { ScheduleStore } from '../store/postgres/pg-schedule';
import type { Sql } from '../store/postgres/sql';
import type { Row } from './collect-facts';
import type { FactsRecompute, FactsStatus } from './recompute-facts';
import { runLatestPass } from './run-latest-pass';
import { factRowOfRow } from './store-facts-updater';

export const FACTS_JOB = 'facts-recompute';
const LEASE_MS = 60_000;

export interface PgRecomputeOptions {
  sql: Sql;
  schedule: ScheduleStore;
  owner: string;
  policy: () => { policy: Policy; id: number; version: string };
  now: () => number;
  logger: Logger;
  pageSize?: number;
}

export function createPgFactsRecompute(o: PgRecomputeOptions): FactsRecompute {
  const pageSize = o.pageSize ?? 100;
  let state: FactsStatus = { recomputing: false, policyVersion: null, done: 0, total: 0 };
  const report = () => o.schedule.report(FACTS_JOB, o.owner, JSON.stringify(state));

  async function pass(gen: number): Promise<void> {
    // Period 0: due whenever no other replica holds a run; the holder may claim again (a newer change).
    if (!(await o.schedule.claim(FACTS_JOB, o.owner, 0, LEASE_MS))) {
      state = { recomputing: false, policyVersion: null, done: 0, total: 0 };
      return;
    }
    try {
      const { policy, id, version } = o.policy();
      state = { recomputing: true, policyVersion: version, done: 0, total: await pgCountTickets(o.sql) };
      await report();
      let after: { host: string; id: string } | null = null;
      let redone = 0;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (!runner.isCurrent(gen)) return;
        const page = await pgFactsPage(o.sql, after, pageSize);
        const now = o.now();
        const stale = page.rows.filter((r) => r.facts_policy_id == null || Number(r.facts_policy_id) !== id);
        await pgWriteFacts(
          o.sql,
          stale.map((r) => factRowOfRow(r as unknown as Row, policy, now)),
          id,
        );
        redone += stale.length;
        state = { ...state, done: state.done + page.rows.length, total: Math.max(state.total, state.done + page.rows.length) };
        await report();
        await o.schedule.claim(FACTS_JOB, o.owner, 0, LEASE_MS); // renews the lease
        if (!page.next) break;
        after = page.next;
      }
      state = { recomputing: false, policyVersion: version, done: state.done, total: state.done };
      await report();
      if (redone) o.logger.info({ policyVersion: version, tickets: redone }, 'dashboard facts recomputed for the active policy');
    } finally {
      if (runner.isCurrent(gen)) await o.schedule.finish(FACTS_JOB, o.owner);
    }
  }

  const runner = runLatestPass(pass, o.logger, 'dashboard facts recompute stopped', () => {
    state = { ...state, recomputing: false };
  });
  const start = () => {
    runner.start();
  };

  return {
    start,
    async status() {
      try {
        const s = await o.schedule.status(FACTS_JOB);
        if (!s?.progress) return state;
        const p = JSON.parse(s.progress) as FactsStatus;
        return { ...p, recomputing: p.recomputing && s.running };
      } catch {
        return state; // the database is away: this replica's own view
      }
    },
    idle: runner.idle,
    stop: runner.stop,
  };
}
