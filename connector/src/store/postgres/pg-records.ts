/** Ticket projections, decisions and clusters on PostgreSQL (same rows as SQLite's repos; timers: pg-timers.ts, fetches: pg-fetches.ts). */
import type { ClustersStore, DecisionsStore, TicketsStore } from '../store';
import { write, type Sql } from './sql';
import { recentFromRow, TICKET_COLUMNS, ticketFromRow, ticketToRow, type Row } from '../ticket-row';

const UPSERT_TICKET = `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES (${TICKET_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (host, id) DO UPDATE SET ${TICKET_COLUMNS.filter((c) => c !== 'host' && c !== 'id' && c !== 'created_at')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/**
 * `seen`: the rows this transaction already read or wrote, by host and id, so reading a ticket again (the event's
 * decision, then its dashboard facts) costs no round trip. Only for one transaction's repos: the processing
 * transaction holds the ticket's lease, and its own writes go through `save`.
 */
/** The key of a ticket row in a transaction's `seen` map. */
export const seenKey = (host: string, id: string) => `${host}\n${id}`;

export function pgTickets(sql: Sql, seen?: Map<string, Row | null>): TicketsStore {
  const k = seenKey;
  return {
    async get(host, id) {
      let r = seen?.get(k(host, id));
      if (r === undefined) {
        r = (await sql.query('SELECT * FROM tickets WHERE host = $1 AND id = $2', [host, id])).rows[0] ?? null;
        seen?.set(k(host, id), r);
      }
      return r ? ticketFromRow(r) : null;
    },
    async save(p) {
      const row = ticketToRow(p);
      const values = TICKET_COLUMNS.map((c) => row[c]);
      await write(sql, 'tickets', UPSERT_TICKET, values);
      // The row as the database now holds it (text or NULL; an update keeps the stored created_at), when this
      // transaction knows what was there before.
      const prev = seen?.get(k(p.host, p.id));
      if (prev !== undefined) {
        const stored: Row = Object.fromEntries(TICKET_COLUMNS.map((c, i) => [c, values[i] == null ? null : String(values[i])]));
        if (prev) stored.created_at = prev.created_at;
        seen!.set(k(p.host, p.id), stored);
      }
    },
    async countByRequester(host, requesterId, sinceIso) {
      return Number(
        (
          await sql.query('SELECT COUNT(*) AS n FROM tickets WHERE host = $1 AND requester_id = $2 AND created_at >= $3', [
            host,
            requesterId,
            sinceIso,
          ])
        ).rows[0].n,
      );
    },
    async recentByRequester(host, requesterId, sinceIso, limit) {
      return (
        await sql.query(
          `SELECT host, id, subject, created_at, category, severity FROM tickets WHERE host = $1 AND requester_id = $2 AND created_at >= $3
        ORDER BY created_at DESC LIMIT $4`,
          [host, requesterId, sinceIso, limit],
        )
      ).rows.map(recentFromRow);
    },
    async idsByBatch(host, batch, sinceIso) {
      return (
        await sql.query('SELECT id FROM tickets WHERE host = $1 AND batch = $2 AND created_at >= $3 ORDER BY created_at, id', [
          host,
          batch,
          sinceIso,
        ])
      ).rows.map((r) => String(r.id));
    },
  };
}

export function pgDecisions(sql: Sql): DecisionsStore {
  return {
    async record(host, ticketId, inboxId, kind, policyVersion, at, data = {}) {
      await write(
        sql,
        'decisions',
        'INSERT INTO decisions (host, ticket_id, inbox_id, kind, policy_version, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [host, ticketId, inboxId, kind, policyVersion, at, JSON.stringify(data)],
      );
    },
    async recordAll(rows) {
      if (!rows.length) return;
      const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
      await write(
        sql,
        'decisions',
        `INSERT INTO decisions (host, ticket_id, inbox_id, kind, policy_version, at, data)
        SELECT h, t, i, k, v, a, d FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
          WITH ORDINALITY AS r(h, t, i, k, v, a, d, n) ORDER BY n`,
        [
          col((r) => r.host),
          col((r) => r.ticketId),
          col((r) => r.inboxId),
          col((r) => r.kind),
          col((r) => r.policyVersion),
          col((r) => r.at),
          col((r) => JSON.stringify(r.data ?? {})),
        ],
      );
    },
    async list(host, ticketId) {
      return (
        await sql.query('SELECT id, kind, policy_version, at, data FROM decisions WHERE host = $1 AND ticket_id = $2 ORDER BY id', [
          host,
          ticketId,
        ])
      ).rows.map((r) => ({
        id: Number(r.id),
        kind: String(r.kind),
        policyVersion: String(r.policy_version),
        at: String(r.at),
        data: JSON.parse(String(r.data)),
      }));
    },
  };
}

const toCluster = (r: Row) => ({
  id: Number(r.id),
  host: String(r.host),
  batch: String(r.batch),
  problemTicketId: (r.problem_ticket_id as string) ?? null,
  members: JSON.parse(String(r.members)) as string[],
  createdAt: String(r.created_at),
});

export function pgClusters(sql: Sql): ClustersStore {
  return {
    async lockBatch(host, batch) {
      await sql.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`cluster:${host}/${batch}`]);
    },
    async byBatch(host, batch) {
      const r = (await sql.query('SELECT * FROM clusters WHERE host = $1 AND batch = $2', [host, batch])).rows[0];
      return r ? toCluster(r) : null;
    },
    async byId(id) {
      const r = (await sql.query('SELECT * FROM clusters WHERE id = $1', [id])).rows[0];
      return r ? toCluster(r) : null;
    },
    async create(host, batch, members, at) {
      return Number(
        (
          await sql.query('INSERT INTO clusters (host, batch, members, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
            host,
            batch,
            JSON.stringify(members),
            at,
          ])
        ).rows[0].id,
      );
    },
    // One statement: two processes adding members at once both land (no read-modify-write race).
    async addMember(id, ticketId) {
      await sql.query(
        `UPDATE clusters SET members = (members::jsonb || to_jsonb($2::text))::text WHERE id = $1 AND NOT (members::jsonb ? $2)`,
        [id, ticketId],
      );
    },
    async setProblem(id, problemTicketId) {
      await sql.query('UPDATE clusters SET problem_ticket_id = $1 WHERE id = $2', [problemTicketId, id]);
    },
  };
}
