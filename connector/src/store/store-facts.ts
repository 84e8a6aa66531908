/**
 * The dashboard's stored facts as part of the Store (store.ts), on both backends: one row per ticket, table
 * `ticket_facts` (computed by admin/ticket-facts.ts).
 */

/** One ticket's dashboard facts, as stored (times ISO 8601, durations in ms). */
export interface TicketFactRow {
  host: string;
  ticketId: string;
  subject: string;
  createdAt: string;
  /** Days since the epoch of createdAt (UTC), for per-day series. */
  createdDay: number;
  category: string;
  severity: string;
  isOpen: boolean;
  escalated: boolean;
  firstResponseMs: number | null;
  resolutionMs: number | null;
  reopened: boolean;
  breached: boolean;
  warnAt: string | null;
  dueAt: string | null;
  batch: string | null;
  csat: number | null;
}

export interface FactsStore {
  /** Inserts or replaces the ticket's facts (created_at and created_day stay as first stored). */
  upsert(f: TicketFactRow): Promise<void>;
  get(host: string, ticketId: string): Promise<TicketFactRow | null>;
  /** Up to `limit` tickets with a projection but no facts yet (a backfill's next chunk). */
  missing(limit: number): Promise<{ host: string; ticketId: string }[]>;
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v == null ? null : Number(v));
const s = (v: unknown) => (v == null ? null : String(v));

/** A `ticket_facts` row (either backend) as a TicketFactRow. */
export function toFactRow(r: Row): TicketFactRow {
  return {
    host: String(r.host),
    ticketId: String(r.ticket_id),
    subject: String(r.subject),
    createdAt: String(r.created_at),
    createdDay: Number(r.created_day),
    category: String(r.category),
    severity: String(r.severity),
    isOpen: Number(r.is_open) === 1,
    escalated: Number(r.escalated) === 1,
    firstResponseMs: n(r.first_response_ms),
    resolutionMs: n(r.resolution_ms),
    reopened: Number(r.reopened) === 1,
    breached: Number(r.breached) === 1,
    warnAt: s(r.warn_at),
    dueAt: s(r.due_at),
    batch: s(r.batch),
    csat: n(r.csat),
  };
}

/** The values of a TicketFactRow in FACT_COLUMNS order. */
export const factValues = (f: TicketFactRow): unknown[] => [
  f.host,
  f.ticketId,
  f.subject,
  f.createdAt,
  f.createdDay,
  f.category,
  f.severity,
  f.isOpen ? 1 : 0,
  f.escalated ? 1 : 0,
  f.firstResponseMs,
  f.resolutionMs,
  f.reopened ? 1 : 0,
  f.breached ? 1 : 0,
  f.warnAt,
  f.dueAt,
  f.batch,
  f.csat,
];

export const FACT_COLUMNS = [
  'host',
  'ticket_id',
  'subject',
  'created_at',
  'created_day',
  'category',
  'severity',
  'is_open',
  'escalated',
  'first_response_ms',
  'resolution_ms',
  'reopened',
  'breached',
  'warn_at',
  'due_at',
  'batch',
  'csat',
];

/** The upsert with `$n` or `?` placeholders (both backends accept `excluded.` in ON CONFLICT). */
export function upsertFactSql(placeholder: (i: number) => string): string {
  const keep = new Set(['host', 'ticket_id', 'created_at', 'created_day']);
  return `INSERT INTO ticket_facts (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map((_, i) => placeholder(i + 1)).join(', ')})
    ON CONFLICT (host, ticket_id) DO UPDATE SET ${FACT_COLUMNS.filter((c) => !keep.has(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`;
}
