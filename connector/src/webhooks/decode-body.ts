/**
 * Verified raw bytes → JSON value, with clear 400s: empty body, bytes that are not UTF-8, nesting deeper than
 * MAX_DEPTH. A UTF-8 byte order mark is skipped. Text that is valid UTF-8 but not JSON is returned as
 * `{ json: false, text }` so the caller may recover what it safely can (see recover-ticket-id.ts).
 */
import { AppError } from '../errors';

export const MAX_DEPTH = 32;

export type Decoded = { json: true; value: unknown } | { json: false; text: string; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeBody(raw: Buffer): Decoded {
  if (raw.length === 0) throw bad('the body is empty; send the JSON body from docs/zendesk.md or docs/freshdesk.md', 'empty');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw bad('the body is not valid UTF-8; send JSON encoded as UTF-8', 'invalid UTF-8');
  }
  if (text.trim() === '')
    throw bad('the body is empty (only whitespace); send the JSON body from docs/zendesk.md or docs/freshdesk.md', 'empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { json: false, text, error: (e as Error).message };
  }
  if (depthOver(value, MAX_DEPTH))
    throw bad(`the JSON is nested deeper than ${MAX_DEPTH} levels; no host payload is`, `nested deeper than ${MAX_DEPTH} levels`);
  return { json: true, value };
}

/** Iterative (no recursion, so no stack overflow on hostile input). */
function depthOver(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

function bad(message: string, detail: string): AppError {
  return new AppError('invalid_request', message, [{ path: '(body)', message: detail }]);
}
