/**
 * Streaming JSONL ticket reader for `classify` and `simulate`: splits any size of input into lines
 * without holding more than one line, and turns each line into a host-neutral `Ticket` or an error
 * that names the line number and, when it can be read, the ticket id.
 */
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { STATUS_IDS } from '../src/ids';
import type { Ticket } from '../src/types';
import { formatPath } from '../src/format-path';

/** Longest accepted line (characters); longer lines are reported and skipped, not buffered. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export type Line = { lineNo: number; text: string } | { lineNo: number; tooLong: true };

export async function* lines(stream: NodeJS.ReadableStream, maxChars = MAX_LINE_CHARS): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  let lineNo = 1;
  let skipping = false;
  let atStart = true;
  const take = function* (text: string): Generator<Line> {
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
      const part = text.slice(from, nl);
      from = nl + 1;
      if (skipping) {
        skipping = false;
        buf = '';
        lineNo++;
        continue;
      }
      if (buf.length + part.length > maxChars) {
        buf = '';
        yield { lineNo: lineNo++, tooLong: true };
        continue;
      }
      yield { lineNo: lineNo++, text: (buf + part).replace(/\r$/, '') };
      buf = '';
    }
    if (skipping) return;
    buf += text.slice(from);
    if (buf.length > maxChars) {
      buf = '';
      skipping = true;
      yield { lineNo, tooLong: true };
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    // A UTF-8 byte-order mark (Windows editors) is not part of the first line.
    if (atStart && text) {
      text = text.replace(/^\uFEFF/, '');
      atStart = false;
    }
    yield* take(text);
  }
  yield* take(decoder.end());
  if (!skipping && buf.length) yield { lineNo, text: buf.replace(/\r$/, '') };
}

const str = (max: number) => z.string().max(max, `at most ${max} characters`);
const isoTime = str(40).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time (use ISO-8601, e.g. 2026-11-22T10:30:00Z)');

/** A ticket line: known fields are checked; extra fields (e.g. `expected`) are ignored. */
export const ticketLine = z.object({
  id: z
    .union([str(200).min(1), z.number().finite()], { error: 'needs an id (a non-empty string of at most 200 characters, or a number)' })
    .transform(String),
  subject: str(100_000).default(''),
  description: str(1_000_000).default(''),
  channel: str(40).optional(),
  createdAt: isoTime.optional(),
  status: z.enum(STATUS_IDS).optional(),
  locale: str(20).optional(),
  lang: str(20).optional(),
  tags: z.array(str(80)).max(500).optional(),
  requester: z
    .object({
      id: str(200).optional(),
      name: str(500).optional(),
      email: str(500).optional(),
      phone: str(100).optional(),
      tags: z.array(str(80)).max(500).optional(),
    })
    .optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  comments: z
    .array(
      z.object({
        id: z.union([str(200), z.number()]).transform(String),
        author: z.enum(['customer', 'agent', 'system']),
        public: z.boolean().default(true),
        body: str(1_000_000),
        createdAt: isoTime,
      }),
    )
    .max(10_000)
    .optional(),
  purchaseDate: isoTime.nullable().optional(),
  deliveredAt: isoTime.nullable().optional(),
  orderAmount: z.number().finite().nonnegative().nullable().optional(),
  remedyRejections: z.number().int().nonnegative().optional(),
});

export type TicketLine = z.output<typeof ticketLine>;

export type ParsedTicket =
  | { ok: true; lineNo: number; line: TicketLine; ticket: Ticket }
  | { ok: false; lineNo: number; id: string | null; error: string; binary?: boolean };

const BINARY = /[\u0000-\u0008\u000E-\u001F\u007F]/;

/** One JSONL line → a ticket, or an error naming the line and (when readable) the id. */
export function parseTicketLine(l: Line): ParsedTicket | null {
  if ('tooLong' in l) return { ok: false, lineNo: l.lineNo, id: null, error: 'line too long; skipped' };
  if (!l.text.trim()) return null;
  // Raw control characters never occur in JSON text: this is binary data (or another encoding).
  if (BINARY.test(l.text)) return { ok: false, lineNo: l.lineNo, id: null, error: 'binary data, not UTF-8 JSON text', binary: true };
  let value: unknown;
  try {
    value = JSON.parse(l.text);
  } catch (e) {
    // Only the position: JSON.parse messages may quote the customer's text.
    const pos = /position (\d+)/.exec((e as Error).message);
    return { ok: false, lineNo: l.lineNo, id: null, error: `invalid JSON${pos ? ` at column ${Number(pos[1]) + 1}` : ''}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      lineNo: l.lineNo,
      id: null,
      error: `not a ticket: each line must be a JSON object such as {"id": "…", "subject": "…"} (got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`})`,
    };
  }
  const rawId = (value as { id?: unknown }).id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).slice(0, 200) : null;
  const parsed = ticketLine.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${formatPath(i.path)}: ${i.message}`)
      .join('; ');
    return { ok: false, lineNo: l.lineNo, id, error: `not a ticket: ${first}` };
  }
  const t = parsed.data;
  const ticket: Ticket = {
    id: t.id,
    subject: t.subject,
    description: t.description,
    channel: t.channel,
    createdAt: t.createdAt,
    status: t.status,
    locale: t.locale ?? t.lang,
    tags: t.tags,
    requester: t.requester,
    fields: t.fields ?? undefined,
    comments: t.comments,
  };
  return { ok: true, lineNo: l.lineNo, line: t, ticket };
}

/** `line 7 (id s07): …` — what the CLI writes on stderr for a bad line (never the line's text). */
export function errorLine(p: Extract<ParsedTicket, { ok: false }>): string {
  return `line ${p.lineNo}${p.id !== null ? ` (id ${JSON.stringify(p.id)})` : ''}: ${p.error}\n`;
}

/** Bad lines shown on stderr before the rest are only counted (binary input would otherwise flood the terminal). */
export const MAX_ERROR_LINES = 50;

/** Writes error lines up to MAX_ERROR_LINES, then counts; `finish()` writes one summary line for the rest. */
export function errorReporter(stderr: NodeJS.WritableStream, limit = MAX_ERROR_LINES) {
  let n = 0;
  return {
    report(p: Extract<ParsedTicket, { ok: false }>): void {
      n++;
      if (n <= limit) stderr.write(errorLine(p));
    },
    get count(): number {
      return n;
    },
    finish(): void {
      if (n > limit) stderr.write(`${n - limit} more bad line(s) not shown (${n} in total)\n`);
    },
  };
}
