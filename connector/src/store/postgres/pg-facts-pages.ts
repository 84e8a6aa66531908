/**
 * Pages of the `tickets` projection for recomputing dashboard facts on PostgreSQL (admin/recompute-facts-pg.ts), in
 * (host, id) order, each row with the policy its facts were computed under; and the upsert that records it.
 */
import { FACT_COLUMNS, factValues, type TicketFactRow } from '../store-facts';
import type { Sql } from './sql';

export interface FactsPage {
  rows: Record<string, unknown>[];
  /** Where the next page starts (the last row's key), or null at the end. */
  next: { host: string; id: string } | null;
}

/** store-facts.ts's upsert plus the policy id (kept where the pipeline's upsert leaves it alone). */
const COLUMNS = [...FACT_COLUMNS, 'policy_id'];
const KEEP = new Set(['host', 'ticket_id', 'created_at', 'created_day']);
const UPSERT = `INSERT INTO ticket_facts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (host, ticket_id) DO UPDATE SET ${COLUMNS.filter((c) => !KEEP.has(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

export async function pgFactsPage(sql: Sql, after: { host: string; id: string } | null, limit: number): Promise<FactsPage> {
  const rows = (
    await sql.query(
      `SELECT t.*, f.policy_id AS facts_policy_id FROM tickets t LEFT JOIN ticket_facts f ON f.host = t.host AND f.ticket_id = t.id
    WHERE ($1::text IS NULL OR (t.host, t.id) > ($1, $2)) ORDER BY t.host, t.id LIMIT $3`,
      [after?.host ?? null, after?.id ?? null, limit],
    )
  ).rows;
  const last = rows[rows.length - 1];
  return { rows, next: rows.length === limit ? { host: String(last.host), id: String(last.id) } : null };
}

export async function pgCountTickets(sql: Sql): Promise<number> {
  return Number((await sql.query('SELECT COUNT(*) AS n FROM tickets')).rows[0].n);
}

/** Upserts facts computed under policy version `policyId`, in one transaction. */
export async function pgWriteFacts(sql: Sql, facts: TicketFactRow[], policyId: number): Promise<void> {
  if (!facts.length) return;
  await sql.atomic(async (tx) => {
    for (const f of facts) await tx.query(UPSERT, [...factValues(f), policyId]);
  });
}
