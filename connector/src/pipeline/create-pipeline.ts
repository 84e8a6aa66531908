/**
 * The durable pipeline: `ingest` commits an event to the inbox (one synchronous transaction, dedupe
 * by (host, eventId)); a worker processes pending rows in inbox order (so in order per ticket), each
 * in one transaction with its projection, evidence, timers, decisions and outbox rows. Host calls (outbox
 * sends, ticket fetches) run beside it in per-host lanes (host-lanes.ts): decisions never wait for a host
 * write, and one host's (or one ticket's) trouble never holds the rest. A crash anywhere redoes at most
 * idempotent work.
 */
import type { Clock } from '../clock';
import type { HostClient } from '../hosts/host-client';
import type { Db } from '../store/open-database';
import { runDueTimers } from './run-due-timers';
import type { DispatchDeps } from './dispatch-outbox';
import type { EvidenceLogPort } from './evidence-port';
import { executeEvent } from './execute-event';
import { createHostLanes } from './host-lanes';
import { silentLogger, type IdleReport, type Pipeline, type PipelineLogger, type PipelineMetrics, type PolicyStoreLike } from './pipeline-deps';

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
  /** Host calls in flight per host (default 8). */
  perHostConcurrency?: number;
  /** Runs inside each processed event's transaction (e.g. refreshing the ticket's stored dashboard facts). */
  afterEvent?: (host: string, ticketId: string, policy: import('../../../policies/src/types').Policy, now: number) => void;
}

export function createPipeline(o: PipelineOptions): Pipeline {
  const repos = createRepos(o.db);
  const logger = o.logger ?? silentLogger;
  const evidence = o.evidence ?? defaultEvidenceLog(o.db);
  const maxInboxAttempts = o.maxInboxAttempts ?? 3;
  let abandoned = false;
  const dispatch: DispatchDeps = {
    db: o.db, repos, hosts: o.hosts, logger, metrics: o.metrics, wallNow: Date.now,
    retryBaseMs: o.retryBaseMs ?? 1000, retryMaxMs: o.retryMaxMs ?? 5 * 60_000, maxAttempts: o.maxOutboxAttempts ?? 12,
    abandoned: () => abandoned,
  };
  let started = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let poll: NodeJS.Timeout | null = null;
  const lanes = createHostLanes(dispatch, {
    perHost: o.perHostConcurrency,
    onFetched: () => { if (!stopped) void kick(); },
    onError: (err) => logger.error({ err: (err as Error)?.message ?? String(err) }, 'host call bookkeeping failed'),
  });

  /**
   * Processes pending rows in inbox order, yielding to the event loop BEFORE every batch: a `kick()` from
   * `ingest` therefore never processes anything synchronously (the webhook ack does not wait for processing).
   */
  async function processInbox(): Promise<number> {
    let n = 0;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (!o.db.open) return n;
      const rows = repos.inbox.pending(100);
      if (!rows.length || stopped) return n;
      lanes.pump();
      for (const row of rows) {
        if (stopped) return n;
        const { policy, version } = o.policyStore.current();
        const now = o.clock.now();
        const t0 = process.hrtime.bigint();
        try {
          o.db.transaction(() => {
            executeEvent({ repos, evidence, policy, version, now }, row);
            o.afterEvent?.(row.host, row.ticketId, policy, now);
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

  /** Decisions only: host calls are started (never awaited) by the lanes after each batch. */
  async function loop(): Promise<void> {
    do {
      again = false;
      await processInbox();
      o.metrics?.queueDepth.set(repos.inbox.depth());
      if (!stopped) lanes.pump();
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

  function pendingReport(): IdleReport['pending'] {
    const count = (sql: string) => (o.db.prepare(sql).get() as { n: number }).n;
    return {
      inbox: repos.inbox.depth(),
      outbox: count(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`),
      fetches: count(`SELECT COUNT(*) AS n FROM ticket_fetches WHERE state = 'pending'`),
      inFlight: lanes.inFlight(),
    };
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
    async stop(graceMs = 10_000) {
      if (poll) clearInterval(poll);
      poll = null;
      stopped = true;
      const until = Date.now() + graceMs;
      while (running) await running;
      const left = await lanes.drain(Math.max(0, until - Date.now()));
      // Calls still in flight are abandoned: their rows keep the attempt counted and are retried (as retries,
      // marker-checked) on the next start; nothing acknowledged is lost.
      if (left) abandoned = true;
      if (left) logger.warn({ abandoned: left }, 'shutdown: host calls still in flight were abandoned; they are retried on the next start');
      return { abandoned: left };
    },
    runDue,
    async idle(opts) {
      const until = opts?.timeoutMs != null ? Date.now() + opts.timeoutMs : Infinity;
      let timer: NodeJS.Timeout | undefined;
      const deadline = until === Infinity ? null : new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), until - Date.now()); });
      try {
        while (!stopped) {
          if (!o.db.open) return { idle: false, pending: { inbox: 0, outbox: 0, fetches: 0, inFlight: lanes.inFlight() } };
          let step: Promise<unknown>;
          if (running) step = running;
          else if (repos.inbox.depth() > 0) step = kick();
          else if (lanes.hasDue()) { lanes.pump(); step = lanes.inFlight() ? lanes.settled() : new Promise((r) => setImmediate(r)); }
          else if (lanes.inFlight()) step = lanes.settled();
          else return { idle: true, pending: pendingReport() };
          if (deadline && (await Promise.race([step, deadline])) === 'timeout') return { idle: false, pending: pendingReport() };
          if (!deadline) await step;
        }
        return { idle: false, pending: pendingReport() };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
