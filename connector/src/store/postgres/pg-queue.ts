/** Inbox and outbox on PostgreSQL: ticket leases (inbox) and head-row claims (outbox) shared by every process. */
import { toInboxRowWithState, type InboxRow } from '../inbox-repo';
import { toOutboxRow } from '../outbox-repo';
import type { InboxStore, OutboxStore } from '../store';
import { write, type Sql } from './sql';
import { seenKey } from './pg-records';

type Row = Record<string, unknown>;

/** Deadlock / serialization failure between concurrent claimers: nobody got the rows; try again next round. */
const retryable = (e: unknown) => ['40P01', '40001'].includes(String((e as { code?: string }).code));

/** `seen`: the transaction's ticket rows (pgTickets), which `holds` fills with the ticket it checks the lease of. */
export function pgInbox(sql: Sql, seen?: Map<string, Row | null>): InboxStore {
  return {
    async insert(e) {
      const r = await sql.query(
        `INSERT INTO inbox (host, event_id, ticket_id, kind, occurred_at, received_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (host, event_id) DO NOTHING`,
        [e.host, e.eventId, e.ticketId, e.kind, e.occurredAt, e.receivedAt, JSON.stringify(e.payload)],
      );
      return r.rowCount === 1;
    },
    async claim(owner, now, leaseMs, maxTickets = 20) {
      // Candidates: tickets with pending events that no other live lease holds, oldest event first. The upsert takes
      // a free or expired lease atomically (a concurrent claimer waits on the row, then sees it taken and skips it);
      // keys go in (host, ticket) order so two claimers never wait on each other in a cycle.
      let leased: Row[];
      try {
        leased = (
          await sql.query(
            `WITH cand AS (
            SELECT i.host, i.ticket_id, MIN(i.id) AS first FROM inbox i
            WHERE i.state = 'pending' AND NOT EXISTS (
              SELECT 1 FROM inbox_leases l WHERE l.host = i.host AND l.ticket_id = i.ticket_id AND l.until > $2 AND l.owner <> $1)
            GROUP BY i.host, i.ticket_id ORDER BY first LIMIT $4)
          INSERT INTO inbox_leases (host, ticket_id, owner, until) SELECT host, ticket_id, $1, $3 FROM cand ORDER BY host, ticket_id
          ON CONFLICT (host, ticket_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
            WHERE inbox_leases.until <= $2 OR inbox_leases.owner = excluded.owner
          RETURNING host, ticket_id`,
            [owner, now, now + leaseMs, maxTickets],
          )
        ).rows;
      } catch (e) {
        if (retryable(e)) return [];
        throw e;
      }
      if (!leased.length) return [];
      const rows = (
        await sql.query(
          `SELECT * FROM inbox WHERE state = 'pending' AND (host, ticket_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY id`,
          [leased.map((l) => l.host), leased.map((l) => l.ticket_id)],
        )
      ).rows.map(toInboxRowWithState);
      const byKey = new Map(
        leased.map((l) => [
          `${l.host}\n${l.ticket_id}`,
          { host: String(l.host), ticketId: String(l.ticket_id), until: now + leaseMs, rows: [] as InboxRow[] },
        ]),
      );
      for (const { state: _s, ...r } of rows) byKey.get(`${r.host}\n${r.ticketId}`)?.rows.push(r);
      return [...byKey.values()].filter((c) => c.rows.length).sort((a, b) => a.rows[0].id - b.rows[0].id);
    },
    async holds(owner, host, ticketId, now) {
      if (!seen) {
        const r = await sql.query(
          'SELECT 1 FROM inbox_leases WHERE host = $1 AND ticket_id = $2 AND owner = $3 AND until > $4 FOR UPDATE',
          [host, ticketId, owner, now],
        );
        return r.rowCount === 1;
      }
      // In a transaction: the ticket's row comes with the lease check (the event reads it next), in one round trip. Only
      // the lease row is locked. The ticket is read after the lease is ours: only its holder changes it.
      const r = await sql.query(
        `SELECT t.*, t.host IS NOT NULL AS found FROM (SELECT 1 FROM inbox_leases
          WHERE host = $1 AND ticket_id = $2 AND owner = $3 AND until > $4 FOR UPDATE) l
        LEFT JOIN tickets t ON t.host = $1 AND t.id = $2`,
        [host, ticketId, owner, now],
      );
      if (r.rowCount !== 1) return false;
      const { found, ...row } = r.rows[0];
      seen.set(seenKey(host, ticketId), found ? row : null);
      return true;
    },
    async renew(owner, host, ticketId, until) {
      return (
        (
          await sql.query('UPDATE inbox_leases SET until = $4 WHERE host = $1 AND ticket_id = $2 AND owner = $3', [
            host,
            ticketId,
            owner,
            until,
          ])
        ).rowCount === 1
      );
    },
    async release(owner, host, ticketId) {
      await sql.query('DELETE FROM inbox_leases WHERE host = $1 AND ticket_id = $2 AND owner = $3', [host, ticketId, owner]);
    },
    async markDone(id, policyVersion, at, release) {
      // One statement: the lease goes (when asked) only with the row done.
      const r = await sql.query(
        `WITH done AS (UPDATE inbox SET state = 'done', policy_version = $1, processed_at = $2, attempts = attempts + 1
          WHERE id = $3 AND state = 'pending' RETURNING id),
        gone AS (DELETE FROM inbox_leases WHERE host = $5 AND ticket_id = $6 AND owner = $4 AND EXISTS (SELECT 1 FROM done))
        SELECT COUNT(*)::int AS n FROM done`,
        [policyVersion, at, id, release?.owner ?? null, release?.host ?? null, release?.ticketId ?? null],
      );
      return Number(r.rows[0].n) === 1;
    },
    async markFailed(id, error, attempts, maxAttempts) {
      await sql.query('UPDATE inbox SET attempts = attempts + 1, error = $1, state = $2 WHERE id = $3', [
        error,
        attempts + 1 >= maxAttempts ? 'failed' : 'pending',
        id,
      ]);
    },
    async depth() {
      return Number((await sql.query(`SELECT COUNT(*) AS n FROM inbox WHERE state = 'pending'`)).rows[0].n);
    },
    async ofTicket(host, ticketId) {
      return (await sql.query('SELECT * FROM inbox WHERE host = $1 AND ticket_id = $2 ORDER BY id', [host, ticketId])).rows.map(
        toInboxRowWithState,
      );
    },
  };
}

function createdKind(payload: string): string {
  try {
    return String((JSON.parse(payload) as { ticket?: { kind?: string } }).ticket?.kind ?? 'task');
  } catch {
    return 'task';
  }
}

export function pgOutbox(sql: Sql): OutboxStore {
  return {
    async add(host, ticketId, payload, at, inboxId) {
      const r = await sql.query(
        'INSERT INTO outbox (host, ticket_id, op, payload, created_at, inbox_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [host, ticketId, payload.op, JSON.stringify(payload), at, inboxId],
      );
      return Number(r.rows[0].id);
    },
    async enqueue(host, ticketId, payload, at, inboxId) {
      await write(
        sql,
        'outbox',
        'INSERT INTO outbox (host, ticket_id, op, payload, created_at, inbox_id) VALUES ($1, $2, $3, $4, $5, $6)',
        [host, ticketId, payload.op, JSON.stringify(payload), at, inboxId],
      );
    },
    async claimHeads(owner, now, leaseMs, limit, host) {
      // Only a ticket's oldest pending row is eligible, so the next one waits until it is done or parked (order per ticket).
      // SKIP LOCKED: concurrent claimers take different rows; the re-check after the lock drops rows claimed meanwhile.
      const r = await sql.query(
        `UPDATE outbox SET claimed_by = $1, claim_until = $3 WHERE id IN (
          SELECT o.id FROM outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= $2 AND (o.claim_until <= $2 OR o.claimed_by = $1)
            AND ($5::text IS NULL OR o.host = $5)
            AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.state = 'pending' AND p.host = o.host AND p.ticket_id = o.ticket_id AND p.id < o.id)
          ORDER BY o.id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
        [owner, now, now + leaseMs, limit, host ?? null],
      );
      return r.rows.map(toOutboxRow).sort((a, b) => a.id - b.id);
    },
    async renewClaim(owner, id, until) {
      return (
        (await sql.query(`UPDATE outbox SET claim_until = $3 WHERE id = $1 AND claimed_by = $2 AND state = 'pending'`, [id, owner, until]))
          .rowCount === 1
      );
    },
    async startAttempt(id) {
      await sql.query('UPDATE outbox SET attempts = attempts + 1 WHERE id = $1', [id]);
    },
    async markDone(id, at, result = null) {
      await sql.query(`UPDATE outbox SET state = 'done', done_at = $1, result = $2, claimed_by = NULL, claim_until = 0 WHERE id = $3`, [
        at,
        result == null ? null : JSON.stringify(result),
        id,
      ]);
    },
    async reschedule(id, nextAttemptAt, code, message) {
      await sql.query(
        'UPDATE outbox SET next_attempt_at = $1, last_error_code = $2, last_error = $3, claimed_by = NULL, claim_until = 0 WHERE id = $4',
        [Math.round(nextAttemptAt), code, message.slice(0, 500), id],
      );
    },
    async park(id, code, message) {
      await sql.query(
        `UPDATE outbox SET state = 'parked', last_error_code = $1, last_error = $2, claimed_by = NULL, claim_until = 0 WHERE id = $3`,
        [code, message.slice(0, 500), id],
      );
    },
    async clusterCreateState(clusterId) {
      const r = await sql.query(
        `SELECT state FROM outbox WHERE op = 'create_ticket' AND (payload::jsonb ->> 'clusterId')::bigint = $1 ORDER BY id DESC LIMIT 1`,
        [clusterId],
      );
      return r.rows[0] ? String(r.rows[0].state) : null;
    },
    async counts() {
      const out = { pending: 0, done: 0, parked: 0 };
      for (const r of (await sql.query('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state')).rows)
        out[r.state as keyof typeof out] = Number(r.n);
      return out;
    },
    async pendingHosts() {
      return (await sql.query(`SELECT DISTINCT host FROM outbox WHERE state = 'pending'`)).rows.map((r) => String(r.host));
    },
    async findCreated(host, createdId) {
      const r = (
        await sql.query(
          `SELECT ticket_id, payload FROM outbox WHERE host = $1 AND op = 'create_ticket' AND state = 'done' AND (result::jsonb ->> 'id') = $2
        ORDER BY id DESC LIMIT 1`,
          [host, createdId],
        )
      ).rows[0];
      return r ? { aboutTicketId: String(r.ticket_id), kind: createdKind(String(r.payload)) } : null;
    },
    async statsByHost() {
      return (
        await sql.query(`SELECT host, COUNT(*) FILTER (WHERE state = 'pending') AS pending, COUNT(*) FILTER (WHERE state = 'pending' AND attempts > 0) AS retrying,
          COUNT(*) FILTER (WHERE state = 'parked') AS parked FROM outbox WHERE state <> 'done' GROUP BY host`)
      ).rows.map((r) => ({ host: String(r.host), pending: Number(r.pending), retrying: Number(r.retrying), parked: Number(r.parked) }));
    },
  };
}
