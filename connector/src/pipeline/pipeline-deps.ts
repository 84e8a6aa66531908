/** The logger and metrics shapes the pipeline uses (pino and ops/create-metrics satisfy them). */
import type { Policy } from '../../../policies/src/types';
import type { InboxEvent } from '../events/normalized-event';
import type { Metrics } from '../ops/create-metrics';
import type { ActionInboxEvent } from '../decide/agent-action';

export interface PolicyStoreLike {
  current(): { policy: Policy; version: string };
}

/** What `createPipeline` returns (see create-pipeline.ts). */
export interface Pipeline {
  /** One synchronous durable transaction (SQLite only: throws on another store); `inserted: false` for a duplicate (host, eventId). */
  ingest(e: InboxEvent | ActionInboxEvent): { inserted: boolean };
  /** The same on any store: resolves once the insert is committed. */
  ingestAsync(e: InboxEvent | ActionInboxEvent): Promise<{ inserted: boolean }>;
  /** True when `ingest` (synchronous) works: a SQLite store. */
  sync: boolean;
  start(): void;
  /** Stops taking work; waits for host calls in flight up to `graceMs` (default 10 s), then abandons them. */
  stop(graceMs?: number): Promise<{ abandoned: number }>;
  runDue(): Promise<void>;
  /**
   * Resolves when nothing is queued or running (rows waiting for a retry time do not count), or when
   * `timeoutMs` passed first (`idle: false`); either way with what is still pending.
   */
  idle(opts?: { timeoutMs?: number }): Promise<IdleReport>;
}

export interface IdleReport {
  idle: boolean;
  pending: { inbox: number; outbox: number; fetches: number; inFlight: number };
}

export interface PipelineLogger {
  child(bindings: Record<string, unknown>): PipelineLogger;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The parts of `createMetrics()` (ops/create-metrics.ts) the pipeline updates. */
export type PipelineMetrics = Pick<Metrics, 'queueDepth' | 'retries' | 'processingSeconds' | 'timersDue' | 'permanentFailures'>;

export const silentLogger: PipelineLogger = {
  child: () => silentLogger,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
