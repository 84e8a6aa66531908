/**
 * The Store interface (store.ts) over the existing SQLite repos. SQLite serves one connector process (the
 * process lock, hold-sqlite-lock.ts), so claims and leases live in this process's memory; one connection
 * means one transaction at a time, so every call queues behind an open `transaction` (a mutex).
 */
import { createEvidenceLog } from '../evidence/create-evidence-log';
import { findCreatedTicket } from './find-created-ticket';
import { createClustersRepo } from './clusters-repo';
import { createDecisionsRepo } from './decisions-repo';
import { createFetchesRepo } from './fetches-repo';
import { createInboxRepo, toInboxRowWithState } from './inbox-repo';
import type { Db } from './open-database';
import { createOutboxRepo, toOutboxRow } from './outbox-repo';
import { createRateLimitsRepo } from './rate-limits-repo';
import { createSqliteFactsStore } from './sqlite-facts-store';
import { createReconcileRepo } from './reconcile-repo';
import type { InboxClaim, Store, StoreRepos } from './store';
import { createTicketsRepo } from './tickets-repo';
import { createTimersRepo } from './timers-repo';

type Lease = { owner: string; until: number };
const key = (host: string, ticketId: string) => `${host}\n${ticketId}`;

/** `onCommit`: what to do once the open transaction commits (dropped when it rolls back). */
function sqliteRepos(db: Db, leases: Map<string, Lease>, claims: Map<number, Lease>, onCommit: (() => void)[]): StoreRepos {
  const inbox = createInboxRepo(db);
  const outbox = createOutboxRepo(db);
  const timers = createTimersRepo(db);
  const tickets = createTicketsRepo(db);
  const decisions = createDecisionsRepo(db);
  const clusters = createClustersRepo(db);
  const fetches = createFetchesRepo(db);
  const evidence = createEvidenceLog(db);
  const rateLimits = createRateLimitsRepo(db);
  const reconcile = createReconcileRepo(db);
  const pendingRows = db.prepare(`SELECT * FROM inbox WHERE state = 'pending' ORDER BY id LIMIT ?`);
  const ofTicket = db.prepare(`SELECT * FROM inbox WHERE host = ? AND ticket_id = ? ORDER BY id`);
  const dueHeads =
    db.prepare(`SELECT o.* FROM outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND (? IS NULL OR o.host = ?) AND o.id = (
    SELECT MIN(p.id) FROM outbox p WHERE p.state = 'pending' AND p.host = o.host AND p.ticket_id = o.ticket_id) ORDER BY o.id LIMIT ?`);
  const dueFetchesOf = db.prepare(
    `SELECT host, ticket_id, attempts, purpose FROM ticket_fetches WHERE state = 'pending' AND host = ? AND next_attempt_at <= ? ORDER BY created_at LIMIT ?`,
  );
  const outboxStats = db.prepare(`SELECT host, SUM(state = 'pending') AS pending, SUM(state = 'pending' AND attempts > 0) AS retrying,
    SUM(state = 'parked') AS parked FROM outbox WHERE state <> 'done' GROUP BY host`);
  const claimFetch = db.prepare(`UPDATE ticket_fetches SET attempts = attempts + 1, next_attempt_at = ?
    WHERE host = ? AND ticket_id = ? AND state = 'pending' AND next_attempt_at <= ?`);
  const pendingFetches = db.prepare(`SELECT COUNT(*) AS n FROM ticket_fetches WHERE state = 'pending'`);
  const markDone = db.prepare(
    `UPDATE inbox SET state = 'done', policy_version = ?, processed_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'`,
  );
  const free = (l: Lease | undefined, owner: string, now: number) => !l || l.owner === owner || l.until <= now;
  return {
    inbox: {
      insert: async (e) => inbox.insert(e),
      async claim(owner, now, leaseMs, maxTickets = 20) {
        const out = new Map<string, InboxClaim>();
        for (const r of (pendingRows.all(5000) as Record<string, unknown>[]).map(toInboxRowWithState)) {
          const k = key(r.host, r.ticketId);
          let c = out.get(k);
          if (!c) {
            if (out.size >= maxTickets || !free(leases.get(k), owner, now)) continue;
            c = { host: r.host, ticketId: r.ticketId, until: now + leaseMs, rows: [] };
            leases.set(k, { owner, until: c.until });
            out.set(k, c);
          }
          const { state: _s, ...row } = r;
          c.rows.push(row);
        }
        return [...out.values()];
      },
      async holds(owner, host, ticketId, now) {
        const l = leases.get(key(host, ticketId));
        return !!l && l.owner === owner && l.until > now;
      },
      async renew(owner, host, ticketId, until) {
        const l = leases.get(key(host, ticketId));
        if (!l || l.owner !== owner) return false;
        l.until = until;
        return true;
      },
      async release(owner, host, ticketId) {
        if (leases.get(key(host, ticketId))?.owner === owner) leases.delete(key(host, ticketId));
      },
      markDone: async (id, v, at, release) => {
        if (markDone.run(v, at, id).changes !== 1) return false;
        const k = release && key(release.host, release.ticketId);
        // The lease (in memory) goes when the row's done state is committed.
        const go = () => void (k && leases.get(k)?.owner === release!.owner && leases.delete(k));
        if (db.inTransaction) onCommit.push(go);
        else go();
        return true;
      },
      markFailed: async (id, error, attempts, max) => inbox.markFailed(id, error, attempts, max),
      depth: async () => inbox.depth(),
      ofTicket: async (host, ticketId) => (ofTicket.all(host, ticketId) as Record<string, unknown>[]).map(toInboxRowWithState),
    },
    outbox: {
      add: async (host, ticketId, payload, at, inboxId) => outbox.add(host, ticketId, payload, at, inboxId),
      enqueue: async (host, ticketId, payload, at, inboxId) => void outbox.add(host, ticketId, payload, at, inboxId),
      async claimHeads(owner, now, leaseMs, limit, host) {
        const h = host ?? null;
        const rows = (dueHeads.all(now, h, h, limit * 4) as Record<string, unknown>[])
          .map(toOutboxRow)
          .filter((r) => free(claims.get(r.id), owner, now))
          .slice(0, limit);
        for (const r of rows) claims.set(r.id, { owner, until: now + leaseMs });
        return rows;
      },
      async renewClaim(owner, id, until) {
        const c = claims.get(id);
        if (!c || c.owner !== owner) return false;
        c.until = until;
        return true;
      },
      startAttempt: async (id) => outbox.startAttempt(id),
      markDone: async (id, at, result) => {
        outbox.markDone(id, at, result);
        claims.delete(id);
      },
      reschedule: async (id, next, code, message) => {
        outbox.reschedule(id, next, code, message);
        claims.delete(id);
      },
      park: async (id, code, message) => {
        outbox.park(id, code, message);
        claims.delete(id);
      },
      clusterCreateState: async (id) => outbox.clusterCreateState(id),
      counts: async () => outbox.counts(),
      pendingHosts: async () => outbox.pendingHosts(),
      findCreated: async (host, id) => findCreatedTicket(db, host, id),
      statsByHost: async () =>
        (outboxStats.all() as { host: string; pending: number; retrying: number; parked: number }[]).map((r) => ({
          host: r.host,
          pending: Number(r.pending),
          retrying: Number(r.retrying),
          parked: Number(r.parked),
        })),
    },
    timers: {
      replace: async (host, ticketId, kinds, plans, at) => timers.replace(host, ticketId, kinds, plans, at),
      active: async (host, ticketId) => timers.active(host, ticketId),
      async fireDue(now, limit = 500) {
        const at = new Date(now).toISOString();
        return db.transaction(() =>
          timers.due(now, limit).filter((t) => {
            if (!timers.markFired(t.id, at)) return false;
            const dueAt = new Date(t.dueAt).toISOString();
            inbox.insert({
              host: t.host,
              eventId: `timer:${t.id}`,
              ticketId: t.ticketId,
              kind: 'timer.fired',
              occurredAt: dueAt,
              receivedAt: at,
              payload: { event: { kind: 'timer.fired', timer: t.kind, dueAt } },
            });
            return true;
          }),
        )();
      },
      nextDueAt: async () => timers.nextDueAt(),
      countDue: async (now) => timers.countDue(now),
    },
    tickets: {
      get: async (host, id) => tickets.get(host, id),
      save: async (p) => tickets.save(p),
      countByRequester: async (host, rid, since) => tickets.countByRequester(host, rid, since),
      idsByBatch: async (host, batch, since) => tickets.idsByBatch(host, batch, since),
      recentByRequester: async (host, rid, since, limit) => tickets.recentByRequester(host, rid, since, limit),
    },
    decisions: {
      record: async (host, ticketId, inboxId, kind, v, at, data) => decisions.record(host, ticketId, inboxId, kind, v, at, data),
      recordAll: async (rows) => {
        for (const r of rows) decisions.record(r.host, r.ticketId, r.inboxId, r.kind, r.policyVersion, r.at, r.data);
      },
      list: async (host, ticketId) => decisions.list(host, ticketId),
    },
    clusters: {
      lockBatch: async () => undefined,
      byBatch: async (host, batch) => clusters.byBatch(host, batch),
      byId: async (id) => clusters.byId(id),
      create: async (host, batch, members, at) => clusters.create(host, batch, members, at),
      addMember: async (id, ticketId) => clusters.addMember(id, ticketId),
      setProblem: async (id, problem) => clusters.setProblem(id, problem),
    },
    fetches: {
      request: async (host, ticketId, at) => fetches.request(host, ticketId, at),
      refresh: async (host, ticketId, at) => fetches.refresh(host, ticketId, at),
      due: async (now, limit = 50, host) =>
        host === undefined
          ? fetches.due(now, limit)
          : (
              dueFetchesOf.all(host, now, limit) as {
                host: string;
                ticket_id: string;
                attempts: number;
                purpose: 'bootstrap' | 'refresh';
              }[]
            ).map((r) => ({ host: r.host, ticketId: r.ticket_id, attempts: r.attempts, purpose: r.purpose })),
      startAttempt: async (host, ticketId) => fetches.startAttempt(host, ticketId),
      claimAttempt: async (host, ticketId, now, until) => claimFetch.run(until, host, ticketId, now).changes === 1,
      done: async (host, ticketId) => fetches.done(host, ticketId),
      park: async (host, ticketId, code) => fetches.park(host, ticketId, code),
      reschedule: async (host, ticketId, at, code) => fetches.reschedule(host, ticketId, at, code),
      pendingHosts: async () => fetches.pendingHosts(),
      pendingCount: async () => (pendingFetches.get() as { n: number }).n,
    },
    evidence: {
      append: async (host, ticketId, entry) => evidence.append(host, ticketId, entry),
      appendUnlessFrozen: async (host, ticketId, entries) =>
        db.transaction(() => (evidence.state(host, ticketId).frozen ? null : entries.map((e) => evidence.append(host, ticketId, e))))(),
      entries: async (host, ticketId) => evidence.exportBundle(host, ticketId).entries,
      async freeze(host, ticketId, by, at) {
        const f = evidence.freeze(host, ticketId, by, at);
        return { seq: f.seq, hash: f.hash, alreadyFrozen: f.alreadyFrozen };
      },
    },
    rateLimits,
    facts: createSqliteFactsStore(db),
    reconcile: {
      cursor: async (host) => reconcile.cursor(host),
      setCursor: async (host, cursor, at) => reconcile.setCursor(host, cursor, at),
      lastSeen: async (host, ticketId) => reconcile.lastSeen(host, ticketId),
    },
  };
}

/** Every method of every repo, run one at a time behind `lock` (so nothing interleaves with an open transaction). */
function serialized(repos: StoreRepos, lock: <T>(fn: () => Promise<T>) => Promise<T>): StoreRepos {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, repo] of Object.entries(repos)) {
    out[name] = Object.fromEntries(
      Object.entries(repo as Record<string, (...a: unknown[]) => Promise<unknown>>).map(([m, fn]) => [
        m,
        (...a: unknown[]) => lock(() => fn(...a)),
      ]),
    );
  }
  return out as unknown as StoreRepos;
}

/** A Store over an open SQLite database (openDatabase); `close` closes it. */
export function createSqliteStore(db: Db): Store {
  const onCommit: (() => void)[] = [];
  const raw = sqliteRepos(db, new Map(), new Map(), onCommit);
  let tail: Promise<unknown> = Promise.resolve();
  const lock = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    kind: 'sqlite',
    ...serialized(raw, lock),
    transaction: (fn) =>
      lock(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(raw);
          db.exec('COMMIT');
          for (const f of onCommit) f();
          return r;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          onCommit.length = 0;
        }
      }),
    ping: () => lock(async () => void db.prepare('SELECT 1').get()),
    close: () => lock(async () => void db.close()),
  };
}
