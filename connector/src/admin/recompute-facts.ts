/**
 * Recomputes stored dashboard facts that depend on the policy (deadlines, breach state, what counts as open)
 * when the active policy changes — activation, rollback, a new policy file — and at start for rows computed
 * under another policy or never (facts missing). In the background: a page of tickets per transaction,
 * yielding to the event loop between pages, so webhook acks never wait for it. A newer change restarts the
 * pass; the dashboard shows the status while it runs.
 */
import type Database from 'better-sqlite3';
import type { Policy } from '../../../policies/src/types';
import type { Logger } from '../ops/create-logger';
import { createFactsRepo } from '../store/facts-repo';
import { factsOfRow, hasTable, sandboxCsat, type Row } from './collect-facts';
import { factsParams, upsertFacts } from './ticket-facts';
import { runLatestPass } from './run-latest-pass';

export interface FactsStatus {
  /** True while stored facts are being recomputed for `policyVersion`. */
  recomputing: boolean;
  policyVersion: string | null;
  /** Tickets looked at in this pass and (about) how many there are. */
  done: number;
  total: number;
}

export interface FactsRecompute {
  /** Starts a pass for the active policy (restarting one in progress). */
  start(): void;
  /** SQLite: this process's pass. PostgreSQL: the pass whichever replica runs it, as stored in the database. */
  status(): FactsStatus | Promise<FactsStatus>;
  /** Resolves when no pass is running (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export interface RecomputeOptions {
  policy: () => { policy: Policy; id: number; version: string };
  now: () => number;
  logger: Logger;
  /** Tickets per transaction (default 100: a few ms of work). */
  pageSize?: number;
  /** Between pages (default: setImmediate, letting I/O run). */
  yieldFn?: () => Promise<void>;
}

export function createFactsRecompute(
  db: Database.Database,
  o: RecomputeOptions,
): Omit<FactsRecompute, 'status'> & { status(): FactsStatus } {
  const pageSize = o.pageSize ?? 100;
  const yieldFn = o.yieldFn ?? (() => new Promise<void>((r) => setImmediate(r)));
  const enabled = hasTable(db, 'ticket_facts') && hasTable(db, 'tickets');
  const repo = enabled ? createFactsRepo(db) : null;
  const write = enabled ? upsertFacts(db) : null;
  let state: FactsStatus = { recomputing: false, policyVersion: null, done: 0, total: 0 };

  async function pass(gen: number): Promise<void> {
    const { policy, id, version } = o.policy();
    state = { recomputing: true, policyVersion: version, done: 0, total: repo!.maxRowid() };
    const csat = sandboxCsat(db, policy.followUp.csatScale);
    let after = 0;
    let redone = 0;
    for (;;) {
      await yieldFn();
      if (!runner.isCurrent(gen) || !db.open) return;
      const rows = repo!.pageAfter(after, pageSize);
      if (!rows.length) break;
      const now = o.now();
      db.transaction(() => {
        for (const r of rows) {
          if (r.facts_policy_id === id) continue;
          write!.run(
            factsParams(
              factsOfRow(r as unknown as Row, policy, now, r.host === 'sandbox' ? csat.get(String(r.id)) : undefined),
              policy,
              id,
            ),
          );
          redone++;
        }
      })();
      after = rows[rows.length - 1].rid;
      state = { ...state, done: state.done + rows.length, total: Math.max(state.total, after) };
    }
    state = { recomputing: false, policyVersion: version, done: state.done, total: state.done };
    if (redone) o.logger.info({ policyVersion: version, tickets: redone }, 'dashboard facts recomputed for the active policy');
  }

  const runner = runLatestPass(pass, o.logger, 'dashboard facts recompute stopped', () => {
    state = { ...state, recomputing: false };
  });
  const start = () => {
    if (!enabled) return;
    runner.start();
    // Status says "recomputing" from the moment of the change, even before the previous pass has wound down.
    state = { ...state, recomputing: true, policyVersion: o.policy().version, done: 0 };
  };

  return {
    start,
    status: () => state,
    idle: runner.idle,
    stop: runner.stop,
  };
}
