/**
 * Reads for recomputing the dashboard's stored facts (admin/recompute-facts.ts): the `tickets` projection in
 * rowid order, a page at a time, each row with the policy its facts were computed under (null: none yet).
 */
import type Database from 'better-sqlite3';

export interface FactsSourceRow {
  rid: number;
  /** `ticket_facts.policy_id` of this ticket, or null when it has no facts or they predate the column. */
  facts_policy_id: number | null;
  [column: string]: unknown;
}

export interface FactsRepo {
  /** Up to `limit` projection rows with rowid above `afterRowid`, in rowid order. */
  pageAfter(afterRowid: number, limit: number): FactsSourceRow[];
  /** The highest projection rowid (an upper bound of the ticket count that costs one index seek). */
  maxRowid(): number;
}

export function createFactsRepo(db: Database.Database): FactsRepo {
  const page = db.prepare(`SELECT t.rowid AS rid, t.*, f.policy_id AS facts_policy_id FROM tickets t
    LEFT JOIN ticket_facts f ON f.host = t.host AND f.ticket_id = t.id WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?`);
  const max = db.prepare('SELECT MAX(rowid) AS n FROM tickets');
  return {
    pageAfter: (afterRowid, limit) => page.all(afterRowid, limit) as FactsSourceRow[],
    maxRowid: () => (max.get() as { n: number | null }).n ?? 0,
  };
}
