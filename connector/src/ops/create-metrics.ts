/**
 * Prometheus metrics (prom-client) on a registry of our own, so several connectors can run in one
 * process (tests). Names are shared across the team: see docs/connector.md "Operations".
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * prom-client's Counter plus the plain `inc(labels?, value?)` signature the pipeline and host adapters
 * type against (their structural CounterLike), so a `Metrics` can be passed to them without casts.
 */
export type LabeledCounter<L extends string> = Counter<L> & { inc(labels?: Partial<Record<L, string>>, value?: number): void };

export interface Metrics {
  registry: Registry;
  webhooks: LabeledCounter<'host' | 'result'>;
  queueDepth: Gauge;
  hostCalls: LabeledCounter<'host' | 'status'>;
  retries: LabeledCounter<'host'>;
  processingSeconds: Histogram;
  timersDue: Gauge;
  permanentFailures: LabeledCounter<'host' | 'code'>;
  eventLoopLag: Gauge<'stat'>;
  /** 1 while the database answers, 0 while it does not (ops/watch-database.ts). */
  databaseUp: Gauge;
  databaseErrors: LabeledCounter<never>;
}

/** Event-loop delay since the previous scrape (p50, p99, max), in seconds: a stalled loop delays every webhook ack. */
function eventLoopLagGauge(registers: Registry[]): Gauge<'stat'> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return new Gauge({
    name: 'complaint_desk_event_loop_lag_seconds',
    help: 'Event-loop delay since the previous scrape (stat = p50, p99, max)',
    labelNames: ['stat'],
    registers,
    collect() {
      const s = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
      this.set({ stat: 'p50' }, h.count ? s(h.percentile(50)) : 0);
      this.set({ stat: 'p99' }, h.count ? s(h.percentile(99)) : 0);
      this.set({ stat: 'max' }, h.count ? s(h.max) : 0);
      h.reset();
    },
  });
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = <L extends string>(cfg: { name: string; help: string; labelNames: readonly L[] }) =>
    new Counter<L>({ ...cfg, registers }) as LabeledCounter<L>;
  return {
    registry,
    webhooks: counter({
      name: 'complaint_desk_webhooks_total',
      help: 'Webhook deliveries by host and result (accepted, duplicate, ignored, unauthorized, invalid, unsupported_media_type, too_large, error)',
      labelNames: ['host', 'result'],
    }),
    queueDepth: new Gauge({ name: 'complaint_desk_queue_depth', help: 'Inbox events waiting to be processed', registers }),
    hostCalls: counter({
      name: 'complaint_desk_host_calls_total',
      help: 'Calls to host APIs by host and HTTP status (or "network")',
      labelNames: ['host', 'status'],
    }),
    retries: counter({ name: 'complaint_desk_host_retries_total', help: 'Retried host calls by host', labelNames: ['host'] }),
    processingSeconds: new Histogram({
      name: 'complaint_desk_processing_seconds',
      help: 'Time from inbox commit to processed, per event',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    timersDue: new Gauge({ name: 'complaint_desk_timers_due', help: 'Durable timers due and not yet fired', registers }),
    eventLoopLag: eventLoopLagGauge(registers),
    databaseUp: new Gauge({
      name: 'complaint_desk_database_up',
      help: '1 while the database answers its ping, 0 while it does not',
      registers,
    }),
    databaseErrors: counter({
      name: 'complaint_desk_database_errors_total',
      help: 'Failed database pings (each one retried with back-off)',
      labelNames: [] as const,
    }),
    permanentFailures: counter({
      name: 'complaint_desk_permanent_failures_total',
      help: 'Host calls parked as permanently failing, by host and error code',
      labelNames: ['host', 'code'],
    }),
  };
}
