/** Durable timers on PostgreSQL (same rows as SQLite's timers-repo): several processes fire each due timer once. */
import type { TimersStore } from '../store';
import { toTimerRow } from '../timers-repo';
import { write, type Sql } from './sql';

export function pgTimers(sql: Sql): TimersStore {
  return {
    // At most two statements: one cancel for all the kinds, one insert for all the plans (a plan's (kind, due) given
    // twice is inserted once, as the second insert of it did nothing but un-cancel the first).
    replace: (host, ticketId, kinds, plans, at) =>
      sql.atomic(async (s) => {
        // (The cancel alone can wait for the transaction's next statement; the insert names timers, so it sends it first.)
        if (kinds.length)
          await write(
            s,
            'timers',
            'UPDATE timers SET cancelled_at = $1 WHERE host = $2 AND ticket_id = $3 AND kind = ANY($4::text[]) AND fired_at IS NULL AND cancelled_at IS NULL',
            [at, host, ticketId, kinds],
          );
        const seen = new Set<string>();
        const rows = plans
          .map((p) => ({ kind: p.kind, dueAt: Math.round(p.dueAt), data: JSON.stringify(p.data ?? {}) }))
          .filter((p) => !seen.has(`${p.kind}\n${p.dueAt}`) && seen.add(`${p.kind}\n${p.dueAt}`));
        if (rows.length)
          await s.query(
            `INSERT INTO timers (host, ticket_id, kind, due_at, data, created_at)
            SELECT $1, $2, k, d, x, $6 FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS p(k, d, x, n) ORDER BY n
          ON CONFLICT (host, ticket_id, kind, due_at) DO UPDATE SET cancelled_at = NULL WHERE timers.fired_at IS NULL`,
            [host, ticketId, rows.map((r) => r.kind), rows.map((r) => r.dueAt), rows.map((r) => r.data), at],
          );
      }),
    async active(host, ticketId) {
      return (
        await sql.query(
          'SELECT * FROM timers WHERE host = $1 AND ticket_id = $2 AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at',
          [host, ticketId],
        )
      ).rows.map(toTimerRow);
    },
    // Each due timer is locked (SKIP LOCKED: another process takes the others), marked fired and turned into its inbox
    // event in one transaction: a process dying in between fires nothing; whoever runs next fires it once.
    fireDue: (now, limit = 500) =>
      sql.atomic(async (s) => {
        const at = new Date(now).toISOString();
        const fired = (
          await s.query(
            `UPDATE timers SET fired_at = $2 WHERE id IN (
          SELECT id FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        AND fired_at IS NULL RETURNING *`,
            [now, at, limit],
          )
        ).rows
          .map(toTimerRow)
          .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
        for (const t of fired) {
          const dueAt = new Date(t.dueAt).toISOString();
          await s.query(
            `INSERT INTO inbox (host, event_id, ticket_id, kind, occurred_at, received_at, payload) VALUES ($1, $2, $3, 'timer.fired', $4, $5, $6)
          ON CONFLICT (host, event_id) DO NOTHING`,
            [t.host, `timer:${t.id}`, t.ticketId, dueAt, at, JSON.stringify({ event: { kind: 'timer.fired', timer: t.kind, dueAt } })],
          );
        }
        return fired;
      }),
    async nextDueAt() {
      const t = (await sql.query('SELECT MIN(due_at) AS t FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL')).rows[0].t;
      return t == null ? null : Number(t);
    },
    async countDue(now) {
      return Number(
        (await sql.query('SELECT COUNT(*) AS n FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1', [now]))
          .rows[0].n,
      );
    },
  };
}
