/** The newest tickets of a PostgreSQL store as dry-run inputs (the admin worker's pool, or the connector's). */
import type { Sql } from '../store/postgres/sql';
import { pgRecentTickets, pgRequesterTimes } from '../store/postgres/pg-admin-reads';
import { dryRunTicketOf, type Row } from './collect-facts';
import type { DryRunTicket } from './compute-dry-run';

export async function pgDryRunTickets(sql: Sql, limit: number): Promise<DryRunTicket[]> {
  const rows = (await pgRecentTickets(sql, limit)) as unknown as Row[];
  const keys = new Map<string, { host: string; requesterId: string }>();
  for (const r of rows) if (r.requester_id) keys.set(`${r.host}\n${r.requester_id}`, { host: r.host, requesterId: r.requester_id });
  const times = await pgRequesterTimes(sql, [...keys.values()]);
  // SQLite's count: this requester's tickets created at or after the instant (ISO strings compare in time order).
  return rows.map((r) =>
    dryRunTicketOf(r, (sinceIso) => (times.get(`${r.host}\n${r.requester_id}`) ?? []).filter((t) => t >= sinceIso).length),
  );
}
