/**
 * Copies a connector's SQLite store into an empty PostgreSQL store (`complaint-desk store migrate`): every
 * table processing, timers, evidence and policy use, ids kept, in one PostgreSQL transaction (all or
 * nothing), then checks counts and re-verifies every evidence chain on the PostgreSQL side (its triggers
 * also refuse any entry that does not continue its ticket's chain). Sandbox tables are not copied: the
 * sandbox host runs on SQLite only.
 */
import type { Db } from '../open-database';
import type { Pool, PoolClient } from 'pg';
import { BUNDLE_FORMAT, type BundleEntry } from '../../evidence/evidence-types';
import { verifyBundle } from '../../evidence/verify-bundle';
import { CLUSTERS, DECISIONS, INBOX, OUTBOX, TICKET_FETCHES, TICKETS, TIMERS } from '../schema/core-tables';
import { EVIDENCE_ENTRIES, POLICY_VERSIONS, RECONCILE_CURSORS, TICKET_FACTS } from '../schema/other-tables';
import { primaryKeyOf, type TableSpec } from '../schema/table-spec';
import { pgEvidence } from './pg-evidence';
import type { Sql } from './sql';

/** Parents before children (outbox and decisions refer to inbox). Keys and serial ids come from the descriptions. */
const COPIED: TableSpec[] = [
  INBOX,
  OUTBOX,
  TIMERS,
  TICKETS,
  DECISIONS,
  CLUSTERS,
  TICKET_FETCHES,
  EVIDENCE_ENTRIES,
  POLICY_VERSIONS,
  TICKET_FACTS,
  RECONCILE_CURSORS,
];
export const COPIED_TABLES = COPIED.map((t) => t.name);
const SERIAL = new Set(COPIED.filter((t) => t.columns.some((c) => c.type === 'serial')).map((t) => t.name));
const ORDER = new Map(COPIED.map((t) => [t.name, primaryKeyOf(t).join(', ')]));
const CHUNK = 500;

export interface CopyReport {
  tables: Record<string, number>;
  evidenceTickets: number;
}

export class TargetNotEmptyError extends Error {}

async function columnsOf(client: PoolClient, table: string): Promise<Set<string>> {
  const r = await client.query(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [table],
  );
  return new Set(r.rows.map((x) => String(x.column_name)));
}

export async function copySqliteToPostgres(db: Db, pool: Pool): Promise<CopyReport> {
  const client = await pool.connect();
  const tables: Record<string, number> = {};
  try {
    for (const t of COPIED_TABLES) {
      const n = Number((await client.query(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0].n);
      if (n > 0) throw new TargetNotEmptyError(`the PostgreSQL database already has ${n} row(s) in ${t}`);
    }
    await client.query('BEGIN');
    try {
      for (const t of COPIED_TABLES) {
        const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
        if (!exists) {
          tables[t] = 0;
          continue;
        }
        const target = await columnsOf(client, t);
        const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).filter((c) => target.has(c));
        const order = ORDER.get(t)!;
        let copied = 0;
        let batch: Record<string, unknown>[] = [];
        const flush = async () => {
          if (!batch.length) return;
          const list = cols.map((c) => `"${c}"`).join(', ');
          await client.query(`INSERT INTO ${t} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${t}, $1::json)`, [
            JSON.stringify(batch),
          ]);
          copied += batch.length;
          batch = [];
        };
        for (const row of db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${t} ORDER BY ${order}`).iterate() as Iterable<
          Record<string, unknown>
        >) {
          batch.push(row);
          if (batch.length >= CHUNK) await flush();
        }
        await flush();
        if (SERIAL.has(t))
          await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM ${t}`);
        tables[t] = copied;
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    client.release();
  }
  return { tables, evidenceTickets: await verifyCopy(pool, tables) };
}

/** Row counts match the source; every ticket's evidence chain verifies as read back from PostgreSQL. */
async function verifyCopy(pool: Pool, tables: Record<string, number>): Promise<number> {
  for (const [t, n] of Object.entries(tables)) {
    const there = Number((await pool.query(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0].n);
    if (there !== n) throw new Error(`copy check failed: ${t} has ${there} row(s) in PostgreSQL, ${n} copied`);
  }
  const sql: Sql = { query: (text, values) => pool.query(text, values), atomic: (fn) => fn(sql) };
  const evidence = pgEvidence(sql);
  const tickets = (await pool.query('SELECT DISTINCT host, ticket_id FROM evidence_entries ORDER BY host, ticket_id')).rows;
  for (const { host, ticket_id: ticketId } of tickets) {
    const entries: BundleEntry[] = await evidence.entries(String(host), String(ticketId));
    const freeze = entries.find((e) => e.type === 'freeze');
    const v = verifyBundle({
      format: BUNDLE_FORMAT,
      hashScheme: 'rfc8785-sha256' as const,
      host,
      ticketId,
      exportedAt: new Date().toISOString(),
      frozen: !!freeze,
      frozenAt: freeze?.at ?? null,
      headHash: entries.at(-1)?.hash ?? null,
      entries,
    });
    if (!v.ok) throw new Error(`copy check failed: the evidence of ${host}/${ticketId} does not verify in PostgreSQL (${v.reason})`);
  }
  return tickets.length;
}
