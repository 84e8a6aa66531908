/** What a webhook parser returns; schema problems throw AppError('invalid_request') with field paths. */
import type { z } from 'zod';
import { formatPath } from '../../../policies/src/format-path';
import { AppError } from '../errors';
import type { InboxEvent } from '../events/normalized-event';

/** What a webhook signature or secret check returns (the reason becomes the 401's message). */
export type WebhookVerifyResult = { ok: true } | { ok: false; reason: string };

export type ParseResult = { ignored: false; event: InboxEvent } | { ignored: true; reason: string; ticketId?: string };

/** Runs a zod schema over a webhook body; a failure names each field (`event.comment.body: …`). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string, prefix: PropertyKey[] = []): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
  const first = details[0];
  throw new AppError(
    'invalid_request',
    `${what}: ${first.path}: ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`,
    details,
  );
}
