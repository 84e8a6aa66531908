/**
 * The durable pipeline over the Store (store/store.ts; SQLite or PostgreSQL): `ingest` commits an event to
 * the inbox (dedupe by (host, eventId)); a worker claims tickets with pending events (a lease per ticket, so
 * one process at a time works on a ticket) and processes their rows in inbox order, each in one transaction
 * that re-checks the lease and holds projection, evidence, timers, decisions and outbox rows. Host calls
 * (outbox sends, ticket fetches) run beside it in per-host lanes (host-lanes.ts) on claimed rows. A crash
 * anywhere redoes at most idempotent work; a dead process's leases and claims expire and others take over.
 * Replicas on PostgreSQL wake each other (`wake`, fleet-wake.ts); a safety poll finds whatever no notice announced.
 */
import type { Clock } from '../clock';
import type { HostClient } from '../hosts/host-client';
import { createInboxRepo } from '../store/inbox-repo';
import type { Db } from '../store/open-database';
import { createSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { runDueTimers } from './run-due-timers';
import type { DispatchDeps } from './dispatch-outbox';
import { createHostLanes } from './host-lanes';
import { createWakeTimer, type FleetWake, type WorkKind } from './fleet-wake';
import {
  silentLogger,
  type IdleReport,
  type Pipeline,
  type PipelineLogger,
  type PipelineMetrics,
  type PolicyStoreLike,
} from './pipeline-deps';
import { createInboxWorker, type AfterEvent } from './process-inbox';
import { replicaId } from '../ops/replica-id';

export type { Pipeline, PolicyStoreLike } from './pipeline-deps';

export interface PipelineOptions {
  /** The store; omitted: a SQLite store over `db`. */
  store?: Store;
  /** A SQLite database (one process): enables the synchronous `ingest` (webhook group commit) and `db.open` checks. */
  db?: Db;
  hosts: Partial<Record<string, HostClient>>;
  policyStore: PolicyStoreLike;
  clock: Clock;
  logger?: PipelineLogger;
  metrics?: PipelineMetrics;
  /**
   * Poll interval of `start()` (timers, retries, other processes' expired leases): default 5 s; 1 s on PostgreSQL
   * without `wake`. With `wake` it is a safety poll (5 s): notices, due timers and retries wake the pipeline sooner.
   */
  pollMs?: number;
  /**
   * Several replicas on one database (PostgreSQL): announce committed work to the others and follow their notices
   * (fleet-wake.ts). Also arms a timer for the next due timer or retry, and re-checks every second while pending
   * rows are held by another replica (a dead one's lease expires). Without it (SQLite): in-process kicks and the poll.
   */
  wake?: FleetWake;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxOutboxAttempts?: number;
  maxInboxAttempts?: number;
  /** Host calls in flight per host (default 8). */
  perHostConcurrency?: number;
  /** This process's name in leases and claims (default host:pid:random). */
  owner?: string;
  /** Ticket lease (default 10 s): how soon another process takes over a dead one's tickets. */
  leaseMs?: number;
  /** Outbox/fetch claim (default 15 s; renewed every half claim while a host call is in flight): how soon a dead process's calls move. */
  claimMs?: number;
  /**
   * Tickets processed at once, each event in its own transaction (default 1 on SQLite, whose one connection runs one
   * transaction at a time; 4 on PostgreSQL, within the pool's 10 connections). A ticket's events stay in order.
   */
  processConcurrency?: number;
  /** Tickets claimed at once (default 100 on SQLite; 4 × processConcurrency on PostgreSQL, so a backlog spreads over the replicas). */
  claimTickets?: number;
  /** Runs inside each processed event's transaction (process-inbox.ts `AfterEvent`; e.g. refreshing the ticket's stored dashboard facts). */
  afterEvent?: AfterEvent;
}

export function createPipeline(o: PipelineOptions): Pipeline {
  if (!o.store && !o.db) throw new Error('createPipeline needs a store (or a SQLite db)');
  const store = o.store ?? createSqliteStore(o.db!);
  const open = () => (o.db ? o.db.open : true);
  const syncInbox = o.db ? createInboxRepo(o.db) : null;
  const logger = o.logger ?? silentLogger;
  const owner = o.owner ?? replicaId();
  let abandoned = false;
  const dispatch: DispatchDeps = {
    store,
    owner,
    claimMs: o.claimMs ?? 15_000,
    hosts: o.hosts,
    logger,
    metrics: o.metrics,
    wallNow: Date.now,
    retryBaseMs: o.retryBaseMs ?? 1000,
    retryMaxMs: o.retryMaxMs ?? 5 * 60_000,
    maxAttempts: o.maxOutboxAttempts ?? 12,
    abandoned: () => abandoned,
    onRetryAt: (t) => {
      if (o.wake && started) wakeTimer.at(t);
    },
  };
  let started = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let lastRound = 0;
  let poll: NodeJS.Timeout | null = null;
  let stopFollowing: (() => Promise<void>) | null = null;
  const pollMs = o.pollMs ?? (store.kind === 'postgres' && !o.wake ? 1000 : 5000);
  /** While pending rows are held by another replica: look again this often (its lease may expire). */
  const recheckMs = Math.min(pollMs, 1000);
  const tick = () => {
    void runDue()
      .then(() => kick())
      .catch((err) => logger.error({ err: (err as Error).message }, 'pipeline poll failed'));
  };
  const wakeTimer = createWakeTimer(() => {
    if (!stopped) tick();
  });
  /** The next due timer (business clock) as a wall time for the wake timer. */
  async function armNextTimer(): Promise<void> {
    const due = await store.timers.nextDueAt();
    if (due != null && started && !stopped) wakeTimer.at(Date.now() + Math.max(0, due - o.clock.now()));
  }
  const lanes = createHostLanes(dispatch, {
    perHost: o.perHostConcurrency,
    open,
    onFetched: () => {
      if (!stopped) void kick();
    },
    onError: (err) => logger.error({ err: (err as Error)?.message ?? String(err) }, 'host call bookkeeping failed'),
  });
  const concurrency = o.processConcurrency ?? (store.kind === 'postgres' ? 4 : 1);
  const worker = createInboxWorker({
    store,
    owner,
    leaseMs: o.leaseMs ?? 10_000,
    maxInboxAttempts: o.maxInboxAttempts ?? 3,
    policyStore: o.policyStore,
    clock: o.clock,
    logger,
    metrics: o.metrics,
    afterEvent: o.afterEvent,
    open,
    stopped: () => stopped,
    onBatch: () => lanes.pump(),
    concurrency,
    claimTickets: o.claimTickets ?? (store.kind === 'postgres' ? 4 * concurrency : 100),
  });

  /** Decisions only: host calls are started (never awaited) by the lanes after each batch. */
  async function loop(): Promise<void> {
    let processed = 0;
    do {
      again = false;
      lastRound = await worker.run();
      processed += lastRound;
      if (!open()) return;
      const depth = await store.inbox.depth();
      o.metrics?.queueDepth.set(depth);
      if (!stopped) lanes.pump();
      // Rows still pending after a round are another replica's (leased): look again soon, as the poll did.
      if (o.wake && depth > 0 && started && !stopped && !again) wakeTimer.at(Date.now() + recheckMs);
      if (o.wake && processed > 0 && !stopped && !again) {
        // Processing wrote outbox rows (other replicas' lanes may have free slots) and maybe timers.
        processed = 0;
        void o.wake.announce('outbox');
        await armNextTimer();
      }
    } while (again && !stopped);
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = loop()
      .catch((err) => {
        if (open()) logger.error({ err: (err as Error).message }, 'inbox processing round failed');
      })
      .finally(() => {
        running = null;
        // A kick that came after the last round's check (its `again` seen by no round): run it now.
        if (again && !stopped) void kick();
      });
    return running;
  }

  async function pendingReport(): Promise<IdleReport['pending']> {
    if (!open()) return { inbox: 0, outbox: 0, fetches: 0, inFlight: lanes.inFlight() };
    return {
      inbox: await store.inbox.depth(),
      outbox: (await store.outbox.counts()).pending,
      fetches: await store.fetches.pendingCount(),
      inFlight: lanes.inFlight(),
    };
  }

  async function runDue(): Promise<void> {
    if (!open()) return;
    const n = await runDueTimers(store, o.clock.now());
    o.metrics?.timersDue.set(await store.timers.countDue(o.clock.now()));
    if (o.wake) await armNextTimer();
    if (n) await kick();
  }

  const afterInsert = (inserted: boolean, host: string) => {
    if (inserted && started) void kick();
    // After the commit: the other replicas' inbox workers wake (this one kicked itself above).
    if (inserted) void o.wake?.announce('inbox', host);
    return { inserted };
  };
  const onNotice = (kind: WorkKind | null) => {
    if (stopped || !started) return;
    if (kind === 'outbox') {
      // Another replica's processing wrote outbox rows and maybe timers: arm for its timers too, in case it dies first.
      lanes.pump();
      armNextTimer().catch((err) => logger.error({ err: (err as Error).message }, 'reading the next due timer failed'));
    } else if (kind === null) tick();
    else void kick();
  };
  const toInsert = (e: Parameters<Pipeline['ingest']>[0]) => ({
    host: e.host,
    eventId: e.eventId,
    ticketId: e.ticketId,
    kind: e.event.kind,
    occurredAt: e.occurredAt,
    receivedAt: e.receivedAt,
    payload: { event: e.event },
  });

  return {
    ingest(e) {
      if (!syncInbox) throw new Error('pipeline.ingest is synchronous on SQLite only; use ingestAsync');
      return afterInsert(syncInbox.insert(toInsert(e)), e.host);
    },
    ingestAsync: async (e) => afterInsert(await store.inbox.insert(toInsert(e)), e.host),
    sync: !!syncInbox,
    start() {
      if (started || stopped) return;
      started = true;
      poll = setInterval(tick, pollMs);
      poll.unref?.();
      stopFollowing = o.wake?.follow(onNotice) ?? null;
      tick();
    },
    async stop(graceMs = 10_000) {
      if (poll) clearInterval(poll);
      poll = null;
      const wasStarted = started && !stopped;
      stopped = true;
      wakeTimer.stop();
      await stopFollowing?.();
      const until = Date.now() + graceMs;
      while (running) await running;
      // Leases this replica released with rows still pending (it stopped mid-backlog): the others take them now.
      if (o.wake && wasStarted && open()) await o.wake.announce('lease');
      const left = await lanes.drain(Math.max(0, until - Date.now()));
      // Calls still in flight are abandoned: their rows keep the attempt counted and are retried (as retries,
      // marker-checked) on the next start or by another process once the claim expired; nothing acknowledged is lost.
      if (left) abandoned = true;
      if (left) logger.warn({ abandoned: left }, 'shutdown: host calls still in flight were abandoned; they are retried on the next start');
      return { abandoned: left };
    },
    runDue,
    async idle(opts) {
      const until = opts?.timeoutMs != null ? Date.now() + opts.timeoutMs : Infinity;
      let timer: NodeJS.Timeout | undefined;
      const deadline =
        until === Infinity
          ? null
          : new Promise<'timeout'>((r) => {
              timer = setTimeout(() => r('timeout'), until - Date.now());
            });
      // Pending rows another process holds: look again shortly instead of spinning.
      const later = () => new Promise<void>((r) => setTimeout(r, 50));
      try {
        while (!stopped) {
          if (!open()) return { idle: false, pending: await pendingReport() };
          let step: Promise<unknown>;
          if (running) step = running;
          else if ((await store.inbox.depth()) > 0) step = kick().then(() => (lastRound ? undefined : later()));
          else if (await lanes.hasDue()) {
            lanes.pump();
            step = lanes.settled().then(() => (lanes.inFlight() ? undefined : new Promise((r) => setImmediate(r))));
          } else if (lanes.inFlight()) step = lanes.settled();
          else return { idle: true, pending: await pendingReport() };
          if (deadline && (await Promise.race([step, deadline])) === 'timeout') return { idle: false, pending: await pendingReport() };
          if (!deadline) await step;
        }
        return { idle: false, pending: await pendingReport() };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
