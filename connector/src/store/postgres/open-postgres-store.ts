/**
 * The Store on PostgreSQL (node-postgres pool). Migrations run under a session advisory lock, so when several
 * connectors start at once exactly one applies each migration and the others wait, then find it recorded.
 * A lost connection is the pool's to replace: an idle client's error is reported, never a crash.
 */
import { hostname } from 'node:os';
import { Pool, type PoolClient } from 'pg';
import type { Store, StoreRepos } from '../store';
import { PG_MIGRATIONS, type PgMigration } from './migrations';
import { pgEvidence } from './pg-evidence';
import { pgInbox, pgOutbox } from './pg-queue';
import { pgRateLimits } from './pg-rate-limits';
import { pgFacts } from './pg-facts';
import { pgClusters, pgDecisions, pgTickets } from './pg-records';
import { pgFetches } from './pg-fetches';
import { pgTimers } from './pg-timers';
import { pgReconcile } from './pg-reconcile';
import { pgPolicyVersions, type PolicyVersionsStore } from './pg-policy-versions';
import { pgSchedule, type ScheduleStore } from './pg-schedule';
import { pgModelFiles, type ModelFilesStore } from './pg-model-files';
import { createNotifyHub, type ListenerState } from './pg-notify-hub';
import type { Sql } from './sql';
import { writeBehindSql } from './write-behind';

/** Arbitrary constant naming the migration lock (pg_advisory_lock key). */
const MIGRATION_LOCK = 7_240_113_001;

export interface PostgresStoreOptions {
  /** Pool size (default 10). */
  max?: number;
  migrations?: PgMigration[];
  /** How long a new connection may take (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Connection problems of idle clients (default: ignored; the next query reconnects). */
  onError?: (err: Error) => void;
}

export interface PostgresStore extends Store {
  pool: Pool;
  /** Migration ids this start applied (empty when another process had applied them). */
  applied: string[];
  /** The policy version history every replica shares (pg-policy-versions.ts). */
  policyVersions: PolicyVersionsStore;
  /** Jobs run once per period across replicas (pg-schedule.ts). */
  schedule: ScheduleStore;
  /** Retrained model files every replica can load (pg-model-files.ts). */
  modelFiles: ModelFilesStore;
  /** Raw queries for the store folder's other PostgreSQL readers (admin reads, facts pages): the pool, `atomic` a transaction. */
  sql: Sql;
  /**
   * Calls `onNotice` for each NOTIFY on `channel` (on the process's one LISTEN connection, pg-notify-hub.ts, re-opened
   * when it drops; `null` after each (re)connect); returns a stop function.
   */
  listen(channel: string, onNotice: (payload: string | null) => void): () => Promise<void>;
  /** Sends a NOTIFY (delivered to every listener, this process's included, once committed; payloads stay small). */
  notify(channel: string, payload: string): Promise<void>;
  /** The LISTEN connection's state (/readyz). */
  listener(): ListenerState;
}

/** `inTx`: the repos of one transaction (which may keep what it read: pgTickets). */
function reposOver(sql: Sql, inTx = false): StoreRepos {
  const seen = inTx ? new Map<string, Record<string, unknown> | null>() : undefined;
  return {
    inbox: pgInbox(sql, seen),
    outbox: pgOutbox(sql),
    timers: pgTimers(sql),
    tickets: pgTickets(sql, seen),
    decisions: pgDecisions(sql),
    clusters: pgClusters(sql),
    fetches: pgFetches(sql),
    evidence: pgEvidence(sql),
    rateLimits: pgRateLimits(sql),
    facts: pgFacts(sql),
    reconcile: pgReconcile(sql),
  };
}

async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const r = await fn();
    await client.query('COMMIT');
    return r;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Applies every migration not yet recorded, each in its own transaction, holding the migration lock. */
export async function migratePostgres(pool: Pool, migrations: PgMigration[] = PG_MIGRATIONS): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL, applied_by TEXT NOT NULL)',
      );
      const done = new Set((await client.query('SELECT id FROM schema_migrations')).rows.map((r) => String(r.id)));
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        await inTransaction(client, async () => {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (id, applied_at, applied_by) VALUES ($1, $2, $3)', [
            m.id,
            new Date().toISOString(),
            `${hostname()}:${process.pid}`,
          ]);
        });
        applied.push(m.id);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}

export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  // A connect that hangs (a partitioned network) fails after 5 s instead of holding a caller; keepAlive notices a
  // dead peer on idle connections. The pool replaces broken clients on the next query: no reconnect loop of our own.
  const pool = new Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: 'complaint-desk',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    keepAlive: true,
  });
  pool.on('error', (err) => opts.onError?.(err));
  let applied: string[];
  try {
    applied = await migratePostgres(pool, opts.migrations);
  } catch (e) {
    await pool.end();
    throw e;
  }
  // BEGIN goes with the transaction's first statement, waiting writes with the next ones (write-behind.ts).
  const transaction = async <T>(fn: (sql: Sql) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    const s = writeBehindSql(client, { lazyBegin: true });
    try {
      const r = await fn(s);
      await s.flush();
      if (s.begun()) await client.query('COMMIT');
      return r;
    } catch (e) {
      if (s.begun()) await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  const poolSql: Sql = { query: (text, values) => pool.query(text, values as unknown[]), atomic: transaction };
  const hub = createNotifyHub(
    { connectionString: url, application_name: 'complaint-desk', connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000 },
    opts.onError,
  );
  return {
    kind: 'postgres',
    pool,
    applied,
    ...reposOver(poolSql),
    transaction: (fn) => transaction((sql) => fn(reposOver(sql, true))),
    policyVersions: pgPolicyVersions(poolSql),
    schedule: pgSchedule(poolSql),
    modelFiles: pgModelFiles(poolSql),
    sql: poolSql,
    listen: (channel, onNotice) => hub.subscribe(channel, onNotice),
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    listener: () => hub.state(),
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await hub.close();
      await pool.end();
    },
  };
}
