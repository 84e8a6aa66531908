/** Timers, ticket projections, decisions, clusters and ticket fetches on PostgreSQL (same rows as SQLite's repos). */
import type { ClustersStore, DecisionsStore, FetchesStore, TicketsStore, TimersStore } from '../store';
import type { TicketProjection } from '../../decide/ticket-projection';
import type { TimerKind } from '../../decide/decision';
import type { TimerRow } from '../timers-repo';
import type { Sql } from './sql';

type Row = Record<string, unknown>;
const toTimer = (r: Row): TimerRow => ({
  id: Number(r.id), host: String(r.host), ticketId: String(r.ticket_id), kind: r.kind as TimerKind, dueAt: Number(r.due_at), data: JSON.parse(String(r.data)),
});

export function pgTimers(sql: Sql): TimersStore {
  return {
    replace: (host, ticketId, kinds, plans, at) => sql.atomic(async (s) => {
      for (const k of kinds) {
        await s.query('UPDATE timers SET cancelled_at = $1 WHERE host = $2 AND ticket_id = $3 AND kind = $4 AND fired_at IS NULL AND cancelled_at IS NULL', [at, host, ticketId, k]);
      }
      for (const p of plans) {
        await s.query(`INSERT INTO timers (host, ticket_id, kind, due_at, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)
          ON CONFLICT (host, ticket_id, kind, due_at) DO UPDATE SET cancelled_at = NULL WHERE timers.fired_at IS NULL`,
        [host, ticketId, p.kind, Math.round(p.dueAt), JSON.stringify(p.data ?? {}), at]);
      }
    }),
    async active(host, ticketId) {
      return (await sql.query('SELECT * FROM timers WHERE host = $1 AND ticket_id = $2 AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY due_at', [host, ticketId])).rows.map(toTimer);
    },
    // Each due timer is locked (SKIP LOCKED: another process takes the others), marked fired and turned into its inbox
    // event in one transaction: a process dying in between fires nothing; whoever runs next fires it once.
    fireDue: (now, limit = 500) => sql.atomic(async (s) => {
      const at = new Date(now).toISOString();
      const fired = (await s.query(`UPDATE timers SET fired_at = $2 WHERE id IN (
          SELECT id FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        AND fired_at IS NULL RETURNING *`, [now, at, limit])).rows.map(toTimer).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
      for (const t of fired) {
        const dueAt = new Date(t.dueAt).toISOString();
        await s.query(`INSERT INTO inbox (host, event_id, ticket_id, kind, occurred_at, received_at, payload) VALUES ($1, $2, $3, 'timer.fired', $4, $5, $6)
          ON CONFLICT (host, event_id) DO NOTHING`, [t.host, `timer:${t.id}`, t.ticketId, dueAt, at, JSON.stringify({ event: { kind: 'timer.fired', timer: t.kind, dueAt } })]);
      }
      return fired;
    }),
    async nextDueAt() {
      const t = (await sql.query('SELECT MIN(due_at) AS t FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL')).rows[0].t;
      return t == null ? null : Number(t);
    },
    async countDue(now) {
      return Number((await sql.query('SELECT COUNT(*) AS n FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1', [now])).rows[0].n);
    },
  };
}

const JSON_COLUMNS = {
  statusHistory: 'status_history', signals: 'signals', classification: 'classification', correction: 'correction',
  escalationHistory: 'escalation_history', remedy: 'remedy', fields: 'fields', tags: 'tags', snapshot: 'snapshot',
} as const;
const TICKET_COLUMNS = ['host', 'id', 'requester_id', 'subject', 'created_at', 'channel', 'status', 'first_agent_reply_at', 'category', 'severity', 'tier',
  'batch', 'problem_id', 'policy_version', 'updated_at', 'dispatch_group', ...Object.values(JSON_COLUMNS)];
const UPSERT_TICKET = `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES (${TICKET_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (host, id) DO UPDATE SET ${TICKET_COLUMNS.filter((c) => c !== 'host' && c !== 'id' && c !== 'created_at').map((c) => `${c} = excluded.${c}`).join(', ')}`;

function toTicket(r: Row): TicketProjection {
  const j = (c: string) => (r[c] == null ? null : JSON.parse(String(r[c])));
  return {
    host: r.host as TicketProjection['host'], id: String(r.id), requesterId: (r.requester_id as string) ?? null, subject: String(r.subject), createdAt: String(r.created_at),
    channel: (r.channel as string) ?? null, status: r.status as TicketProjection['status'], statusHistory: j('status_history'),
    firstAgentReplyAt: (r.first_agent_reply_at as string) ?? null, category: String(r.category), severity: String(r.severity), signals: j('signals'),
    classification: j('classification'), correction: j('correction'), tier: r.tier as TicketProjection['tier'], escalationHistory: j('escalation_history'),
    remedy: j('remedy'), fields: j('fields'), tags: j('tags'), group: (r.dispatch_group as string) ?? null, batch: (r.batch as string) ?? null,
    snapshot: j('snapshot'), problemId: (r.problem_id as string) ?? null, policyVersion: String(r.policy_version), updatedAt: String(r.updated_at),
  };
}

export function pgTickets(sql: Sql): TicketsStore {
  return {
    async get(host, id) {
      const r = (await sql.query('SELECT * FROM tickets WHERE host = $1 AND id = $2', [host, id])).rows[0];
      return r ? toTicket(r) : null;
    },
    async save(p) {
      const values = [p.host, p.id, p.requesterId, p.subject, p.createdAt, p.channel, p.status, p.firstAgentReplyAt, p.category, p.severity, p.tier,
        p.batch, p.problemId, p.policyVersion, p.updatedAt, p.group ?? null, ...Object.keys(JSON_COLUMNS).map((k) => JSON.stringify(p[k as keyof typeof JSON_COLUMNS] ?? null))];
      await sql.query(UPSERT_TICKET, values);
    },
    async countByRequester(host, requesterId, sinceIso) {
      return Number((await sql.query('SELECT COUNT(*) AS n FROM tickets WHERE host = $1 AND requester_id = $2 AND created_at >= $3', [host, requesterId, sinceIso])).rows[0].n);
    },
    async recentByRequester(host, requesterId, sinceIso, limit) {
      return (await sql.query(`SELECT host, id, subject, created_at, category, severity FROM tickets WHERE host = $1 AND requester_id = $2 AND created_at >= $3
        ORDER BY created_at DESC LIMIT $4`, [host, requesterId, sinceIso, limit])).rows.map((r) => ({
        host: String(r.host), ticketId: String(r.id), subject: String(r.subject), createdAt: String(r.created_at), category: String(r.category), severity: String(r.severity),
      }));
    },
    async idsByBatch(host, batch, sinceIso) {
      return (await sql.query('SELECT id FROM tickets WHERE host = $1 AND batch = $2 AND created_at >= $3 ORDER BY created_at, id', [host, batch, sinceIso])).rows.map((r) => String(r.id));
    },
  };
}

export function pgDecisions(sql: Sql): DecisionsStore {
  return {
    async record(host, ticketId, inboxId, kind, policyVersion, at, data = {}) {
      await sql.query('INSERT INTO decisions (host, ticket_id, inbox_id, kind, policy_version, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [host, ticketId, inboxId, kind, policyVersion, at, JSON.stringify(data)]);
    },
    async list(host, ticketId) {
      return (await sql.query('SELECT id, kind, policy_version, at, data FROM decisions WHERE host = $1 AND ticket_id = $2 ORDER BY id', [host, ticketId])).rows
        .map((r) => ({ id: Number(r.id), kind: String(r.kind), policyVersion: String(r.policy_version), at: String(r.at), data: JSON.parse(String(r.data)) }));
    },
  };
}

const toCluster = (r: Row) => ({
  id: Number(r.id), host: String(r.host), batch: String(r.batch), problemTicketId: (r.problem_ticket_id as string) ?? null,
  members: JSON.parse(String(r.members)) as string[], createdAt: String(r.created_at),
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
      return Number((await sql.query('INSERT INTO clusters (host, batch, members, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [host, batch, JSON.stringify(members), at])).rows[0].id);
    },
    // One statement: two processes adding members at once both land (no read-modify-write race).
    async addMember(id, ticketId) {
      await sql.query(`UPDATE clusters SET members = (members::jsonb || to_jsonb($2::text))::text WHERE id = $1 AND NOT (members::jsonb ? $2)`, [id, ticketId]);
    },
    async setProblem(id, problemTicketId) {
      await sql.query('UPDATE clusters SET problem_ticket_id = $1 WHERE id = $2', [problemTicketId, id]);
    },
  };
}

export function pgFetches(sql: Sql): FetchesStore {
  return {
    async request(host, ticketId, at) {
      await sql.query('INSERT INTO ticket_fetches (host, ticket_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (host, ticket_id) DO NOTHING', [host, ticketId, at]);
    },
    async refresh(host, ticketId, at) {
      await sql.query(`INSERT INTO ticket_fetches (host, ticket_id, created_at, purpose) VALUES ($1, $2, $3, 'refresh')
        ON CONFLICT (host, ticket_id) DO UPDATE SET
          purpose = CASE WHEN ticket_fetches.state = 'pending' THEN ticket_fetches.purpose ELSE 'refresh' END,
          attempts = CASE WHEN ticket_fetches.state = 'pending' THEN ticket_fetches.attempts ELSE 0 END,
          next_attempt_at = CASE WHEN ticket_fetches.state = 'pending' THEN ticket_fetches.next_attempt_at ELSE 0 END,
          state = 'pending', created_at = excluded.created_at`, [host, ticketId, at]);
    },
    async due(now, limit = 50, host) {
      return (await sql.query(`SELECT host, ticket_id, attempts, purpose FROM ticket_fetches WHERE state = 'pending' AND next_attempt_at <= $1
        AND ($3::text IS NULL OR host = $3) ORDER BY created_at LIMIT $2`, [now, limit, host ?? null])).rows
        .map((r) => ({ host: String(r.host), ticketId: String(r.ticket_id), attempts: Number(r.attempts), purpose: r.purpose as 'bootstrap' | 'refresh' }));
    },
    async startAttempt(host, ticketId) {
      await sql.query('UPDATE ticket_fetches SET attempts = attempts + 1 WHERE host = $1 AND ticket_id = $2', [host, ticketId]);
    },
    async claimAttempt(host, ticketId, now, until) {
      return (await sql.query(`UPDATE ticket_fetches SET attempts = attempts + 1, next_attempt_at = $4
        WHERE host = $1 AND ticket_id = $2 AND state = 'pending' AND next_attempt_at <= $3`, [host, ticketId, now, Math.round(until)])).rowCount === 1;
    },
    async done(host, ticketId) {
      await sql.query(`UPDATE ticket_fetches SET state = 'done', last_error_code = NULL WHERE host = $1 AND ticket_id = $2`, [host, ticketId]);
    },
    async park(host, ticketId, code) {
      await sql.query(`UPDATE ticket_fetches SET state = 'parked', last_error_code = $3 WHERE host = $1 AND ticket_id = $2`, [host, ticketId, code]);
    },
    async reschedule(host, ticketId, at, code) {
      await sql.query('UPDATE ticket_fetches SET next_attempt_at = $3, last_error_code = $4 WHERE host = $1 AND ticket_id = $2', [host, ticketId, Math.round(at), code]);
    },
    async pendingHosts() {
      return (await sql.query(`SELECT DISTINCT host FROM ticket_fetches WHERE state = 'pending'`)).rows.map((r) => String(r.host));
    },
    async pendingCount() {
      return Number((await sql.query(`SELECT COUNT(*) AS n FROM ticket_fetches WHERE state = 'pending'`)).rows[0].n);
    },
  };
}
