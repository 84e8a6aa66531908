/**
 * The durable pipeline: `ingest` commits an event to the inbox (one synchronous transaction, dedupe
 * by (host, eventId)); a worker processes pending rows in inbox order (so in order per ticket), each
 * in one transaction with its projection, evidence, timers, decisions and outbox rows; then the
 * outbox is dispatched to the hosts. A crash anywhere redoes at most idempotent work.
 */
import type { Clock } from '../clock';
import type { HostClient } from '../hosts/host-client';
import type { Db } from '../store/open-database';
import { runDueTimers } from './run-due-timers';
import { dispatchOutbox, readyRows, type DispatchDeps } from './dispatch-outbox';
import type { EvidenceLogPort } from './evidence-port';
import { executeEvent } from './execute-event';
import { fetchUnknownTickets } from './fetch-unknown-tickets';
import { silentLogger, type Pipeline, type PipelineLogger, type PipelineMetrics, type PolicyStoreLike } from './pipeline-deps';

export type { Pipeline, PolicyStoreLike } from './pipeline-deps';
import { createRepos } from './repos';
import { defaultEvidenceLog } from './default-evidence-log';

export interface PipelineOptions {
  db: Db;
  hosts: Partial<Record<string, HostClient>>;
  policyStore: PolicyStoreLike;
  clock: Clock;
  logger?: PipelineLogger;
  metrics?: PipelineMetrics;
  evidence?: EvidenceLogPort;
  /** Poll interval of `start()` (timers and retries). */
  pollMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxOutboxAttempts?: number;
  maxInboxAttempts?: number;
}

export function createPipeline(o: PipelineOptions): Pipeline {
  const repos = createRepos(o.db);
  const logger = o.logger ?? silentLogger;
  const evidence = o.evidence ?? defaultEvidenceLog(o.db);
  const maxInboxAttempts = o.maxInboxAttempts ?? 3;
  const dispatch: DispatchDeps = {
    db: o.db, repos, hosts: o.hosts, logger, metrics: o.metrics, wallNow: Date.now,
    retryBaseMs: o.retryBaseMs ?? 1000, retryMaxMs: o.retryMaxMs ?? 5 * 60_000, maxAttempts: o.maxOutboxAttempts ?? 12,
  };
  let started = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let poll: NodeJS.Timeout | null = null;

  /**
   * Processes pending rows in inbox order, yielding to the event loop BEFORE every batch: a `kick()` from
   * `ingest` therefore never processes anything synchronously (the webhook ack does not wait for processing).
   */
  async function processInbox(): Promise<number> {
    let n = 0;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const rows = repos.inbox.pending(100);
      if (!rows.length || stopped) return n;
      for (const row of rows) {
        if (stopped) return n;
        const { policy, version } = o.policyStore.current();
        const now = o.clock.now();
        const t0 = process.hrtime.bigint();
        try {
          o.db.transaction(() => {
            executeEvent({ repos, evidence, policy, version, now }, row);
            repos.inbox.markDone(row.id, version, new Date(now).toISOString());
          })();
          o.metrics?.processingSeconds.observe(Number(process.hrtime.bigint() - t0) / 1e9);
        } catch (e) {
          repos.inbox.markFailed(row.id, (e as Error).message ?? String(e), row.attempts, maxInboxAttempts);
          logger.child({ inboxId: row.id, host: row.host, ticketId: row.ticketId, eventId: row.eventId, kind: row.kind })
            .error({ err: (e as Error).message, attempts: row.attempts + 1 }, 'event processing failed');
        }
        n++;
      }
    }
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      await processInbox();
      o.metrics?.queueDepth.set(repos.inbox.depth());
      if (!stopped && (await fetchUnknownTickets(dispatch)) > 0) again = true;
      if (!stopped && (await dispatchOutbox(dispatch)) > 0) again = true;
    } while (again && !stopped);
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => { running = null; });
    return running;
  }

  function hasWork(): boolean {
    return repos.inbox.depth() > 0 || readyRows(dispatch).length > 0 || repos.fetches.due(Date.now(), 1).length > 0;
  }

  async function runDue(): Promise<void> {
    const n = runDueTimers(o.db, repos, o.clock.now());
    o.metrics?.timersDue.set(repos.timers.countDue(o.clock.now()));
    if (n) await kick();
  }

  return {
    ingest(e) {
      const inserted = repos.inbox.insert({
        host: e.host, eventId: e.eventId, ticketId: e.ticketId, kind: e.event.kind, occurredAt: e.occurredAt, receivedAt: e.receivedAt,
        payload: { event: e.event },
      });
      if (inserted && started) void kick();
      return { inserted };
    },
    start() {
      if (started || stopped) return;
      started = true;
      const tick = () => { void runDue().then(() => kick()).catch((err) => logger.error({ err: (err as Error).message }, 'pipeline poll failed')); };
      poll = setInterval(tick, o.pollMs ?? 5000);
      poll.unref?.();
      tick();
    },
    async stop() {
      if (poll) clearInterval(poll);
      poll = null;
      stopped = true;
      while (running) await running;
    },
    runDue,
    async idle() {
      while (!stopped) {
        if (running) await running;
        else if (hasWork()) await kick();
        else return;
      }
    },
  };
}
