/**
 * Write-behind inside one transaction: writes whose answer nobody needs (a ticket's projection, decisions, dashboard
 * facts, outbox rows, timer cancels: `Sql.later`) wait and go out as data-modifying CTEs in front of the
 * transaction's next statement, so a processed event's writes share round trips (each one is a socket write and a
 * wake-up of the server on both sides). What keeps it the same as sending each write at once:
 * - a statement that names a table with a waiting write (word match on its text) first sends the waiting writes on
 *   their own, so it reads them (CTEs share the statement's snapshot and it would not);
 * - a second write to a table that already has one waiting first sends the waiting ones (one statement never changes
 *   a row twice);
 * - COMMIT first sends what still waits; an error in a waiting write fails the statement it went with, inside the
 *   same transaction, so the transaction is still all or nothing.
 * The statements the repos send here do not call functions that read those tables (evidence_append reads
 * evidence_entries only).
 */
import type { ClientBase, QueryResult } from 'pg';
import type { Sql } from './sql';

interface Waiting {
  table: string;
  text: string;
  values: unknown[];
}

/** `main` with the waiting writes as CTEs in front of it; their parameters are numbered after main's. */
export function withWrites(main: string, mainValues: unknown[], writes: Waiting[]): { text: string; values: unknown[] } {
  const values = [...mainValues];
  const ctes = writes.map((w, i) => {
    const offset = values.length;
    values.push(...w.values);
    return `w${i} AS (${w.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  const own = /^\s*WITH\s+/i.exec(main);
  return { text: own ? `WITH ${ctes.join(', ')}, ${main.slice(own[0].length)}` : `WITH ${ctes.join(', ')} ${main}`, values };
}

const words = new Map<string, RegExp>();
const wordOf = (table: string) => words.get(table) ?? words.set(table, new RegExp(`\\b${table}\\b`)).get(table)!;

export interface TxSql extends Sql {
  /** Sends the waiting writes (before COMMIT). */
  flush(): Promise<void>;
  /** Whether BEGIN was sent (with `lazyBegin`: nothing was sent before the transaction's first statement). */
  begun(): boolean;
}

type Client = Pick<ClientBase, 'query' | 'escapeLiteral'>;

/**
 * `text` with its parameters written in as literals, for a simple-protocol query; null where that is not plainly the
 * same statement (quotes or dollar quotes in the text, or a value other than text, a number, a boolean or null). A
 * quoted literal is untyped, as a parameter is, so it takes its type from where it stands.
 */
export function inlineParams(client: Pick<ClientBase, 'escapeLiteral'>, text: string, values: unknown[]): string | null {
  if (/['"]|\$[^0-9]/.test(text)) return null;
  const literal = (v: unknown): string | null => {
    if (v == null) return 'NULL';
    if (typeof v === 'string') return client.escapeLiteral(v);
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || typeof v === 'bigint')
      return client.escapeLiteral(String(v));
    return null;
  };
  const lits = values.map(literal);
  if (lits.some((l) => l === null)) return null;
  let ok = true;
  const out = text.replace(/\$(\d+)/g, (_, n: string) => {
    const l = lits[Number(n) - 1];
    if (l == null) ok = false;
    return l ?? '';
  });
  return ok ? out : null;
}

/**
 * `lazyBegin`: BEGIN is not sent on its own but in front of the transaction's first statement (one simple-protocol
 * round trip, its parameters written in as literals when inlineParams can), so a transaction costs one round trip less.
 */
export function writeBehindSql(client: Client, o: { lazyBegin?: boolean } = {}): TxSql {
  let begun = !o.lazyBegin;
  const send = async (text: string, values: unknown[]): Promise<QueryResult<Record<string, unknown>>> => {
    if (begun) return client.query(text, values);
    begun = true;
    const inlined = inlineParams(client, text, values);
    if (inlined === null) {
      await client.query('BEGIN');
      return client.query(text, values);
    }
    const results = (await client.query(`BEGIN; ${inlined}`)) as unknown as QueryResult<Record<string, unknown>>[];
    return results[results.length - 1];
  };
  let waiting: Waiting[] = [];
  const names = (text: string, table: string) => wordOf(table).test(text);
  const take = () => {
    const w = waiting;
    waiting = [];
    return w;
  };
  const s: TxSql = {
    async query(text, values = []) {
      if (waiting.some((w) => names(text, w.table))) await s.flush();
      if (!waiting.length) return send(text, values);
      const c = withWrites(text, values, take());
      return send(c.text, c.values);
    },
    async later(table, text, values) {
      if (waiting.some((w) => w.table === table)) await s.flush();
      waiting.push({ table, text, values });
    },
    async flush() {
      if (!waiting.length) return;
      const c = withWrites('SELECT 1', [], take());
      await send(c.text, c.values);
    },
    begun: () => begun,
    atomic: (fn) => fn(s),
  };
  return s;
}
