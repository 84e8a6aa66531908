/**
 * pino JSON logs. Secrets, authorization headers and message bodies are redacted at the source:
 * call sites log ids and codes, and the redact list below catches anything that slips through.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'authorization',
  'password',
  'secret',
  'token',
  'apiToken',
  'apiKey',
  'body',
  'rawBody',
  'text',
  'description',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiToken',
  '*.apiKey',
  '*.body',
  '*.rawBody',
  '*.text',
  '*.description',
  'req.headers.authorization',
  'req.headers["x-complaint-desk-key"]',
  'req.headers["x-complaint-desk-secret"]',
  'req.headers["x-zendesk-webhook-signature"]',
  'headers.authorization',
  'headers["x-complaint-desk-key"]',
  'headers["x-complaint-desk-secret"]',
  'config.appSharedSecret',
  'config.adminToken',
  'config.webhooks',
  'config.zendesk.apiToken',
  'config.freshdesk.apiKey',
];

export interface LoggerOptions {
  level?: string;
  /** Where to write (tests pass a stream to read the lines back); default stdout. */
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'complaint-desk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination,
  );
}

/** A child logger for one event: every line carries host, ticket and event ids, never the body. */
export function eventLogger(logger: Logger, e: { host: string; ticketId: string; eventId: string; kind?: string }): Logger {
  return logger.child({ host: e.host, ticketId: e.ticketId, eventId: e.eventId, ...(e.kind ? { kind: e.kind } : {}) });
}
