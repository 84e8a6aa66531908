/** The logger and metrics shapes the pipeline uses (pino and ops/create-metrics satisfy them). */
import type { Metrics } from '../ops/create-metrics';

export interface PipelineLogger {
  child(bindings: Record<string, unknown>): PipelineLogger;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The parts of `createMetrics()` (ops/create-metrics.ts) the pipeline updates. */
export type PipelineMetrics = Pick<Metrics, 'queueDepth' | 'retries' | 'processingSeconds' | 'timersDue' | 'permanentFailures'>;

export const silentLogger: PipelineLogger = {
  child: () => silentLogger, info: () => undefined, warn: () => undefined, error: () => undefined,
};
