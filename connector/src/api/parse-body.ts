/** Validates a request body with zod; failures become one AppError listing every bad field. */
import type { z } from 'zod';
import { AppError } from '../errors';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
  throw new AppError('invalid_request', `invalid request body: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
}
