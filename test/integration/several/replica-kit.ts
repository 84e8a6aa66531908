/**
 * Helpers for several connector processes on one real PostgreSQL: the bundled server (`npm start`'s entry)
 * launched with DATABASE_URL=postgres://…, signed Zendesk webhooks for a ticket's created + comment events,
 * and reads of the shared database and the fake Zendesk for the checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { launchConnector, ROOT, tryPostWebhook, zendeskCreated, zendeskEnv, type FlakyZendesk, type Launched } from '../faults/fault-kit';
import { freePort } from '../../support/free-port';

/** A replica on `pgUrl`; `env` adds to or overrides its environment (e.g. POLICY_FILE). */
export async function launchReplica(server: string, pgUrl: string, zd: FlakyZendesk, env: Record<string, string> = {}): Promise<Launched> {
  return launchConnector(server, zendeskEnv('unused.db', zd.url, { DATABASE_URL: pgUrl, LOG_LEVEL: 'warn', ...env }), await freePort());
}

/** Event `k` of ticket `id`: 0 = ticket.created, k ≥ 1 = a neutral customer comment with id `commentId(id, k)`. */
export const commentId = (id: number, k: number) => String(id * 100 + k);

export function ticketEvent(id: number, k: number): string {
  if (k === 0) return zendeskCreated(id);
  const body = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/zendesk/webhook-comment-added.json'), 'utf8'));
  body.id = `evt-comment-${id}-${k}`;
  body.subject = `zen:ticket:${id}`;
  body.detail.id = String(id);
  body.event.comment.id = commentId(id, k);
  body.event.comment.body = `Any news about my kettle? (message ${k})`;
  return JSON.stringify(body);
}

/** Posts one signed webhook; the HTTP status, or 0 when the connection failed (a replica that died). */
export const post = tryPostWebhook;

/**
 * One small pool per database for the checks' reads. A connection per query meant a new PostgreSQL backend process
 * for every poll of `settled` (every 25 ms while a test waits: thousands per file, each a fork and a catalog load).
 * Idle connections close after a second and keep no process alive; a database handle's stop() drops its databases
 * WITH (FORCE), so a connection still open does not keep one.
 */
const pools = new Map<string, Pool>();
function poolFor(url: string): Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    pool.on('error', () => undefined); // an idle connection the server ended (its database dropped): the pool drops it
    pools.set(url, pool);
  }
  return pool;
}

export async function pgRows<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await poolFor(url).query(sql, values)).rows as T[];
}

/** Everything processed and sent: no pending inbox, outbox or fetch rows left. */
export async function settled(url: string): Promise<boolean> {
  const [r] = await pgRows<{ inbox: string; outbox: string; fetches: string }>(
    url,
    `SELECT
    (SELECT COUNT(*) FROM inbox WHERE state = 'pending') AS inbox, (SELECT COUNT(*) FROM outbox WHERE state = 'pending') AS outbox,
    (SELECT COUNT(*) FROM ticket_fetches WHERE state = 'pending') AS fetches`,
  );
  return Number(r.inbox) + Number(r.outbox) + Number(r.fetches) === 0;
}

/** The customer comment ids each ticket's evidence holds, in chain order (processing order). */
export async function commentOrder(url: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const rows = await pgRows<{ ticket_id: string; data: string }>(
    url,
    `SELECT ticket_id, data FROM evidence_entries WHERE type = 'comment' ORDER BY ticket_id, seq`,
  );
  for (const r of rows) {
    const id = String((JSON.parse(r.data) as { id?: unknown }).id);
    if (Math.floor(Number(id) / 100) !== Number(r.ticket_id)) continue;
    out.set(r.ticket_id, [...(out.get(r.ticket_id) ?? []), id]);
  }
  return out;
}

/** Internal notes the fake Zendesk holds per ticket. */
export function notesOf(zd: FlakyZendesk, id: number): number {
  return (zd.fake.comments.get(id) ?? []).filter((c) => !c.public).length;
}
