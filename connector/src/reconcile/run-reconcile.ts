/**
 * Catch-up on missed events. Webhooks get lost (Freshdesk defers automation webhooks and drops them after 24 h;
 * any host gives up after its retries), so every period this job lists the tickets each host reports changed since
 * a durable cursor (Zendesk incremental ticket export, Freshdesk `updated_since`) and feeds what the connector has not
 * seen through the same inbox: a ticket it never heard of is fetched and fed in as `ticket.created` (fetches
 * `bootstrap`, event `bootstrap:<id>`); a known ticket changed after the newest event or write the connector has for
 * it is re-read (fetches `refresh`: fields, tags, unseen comments by comment id) and, when its status differs, gets a
 * `status.changed` event (`reconcile:status:<id>:<updated_at>`). Seen changes are skipped, and every event id is
 * stable, so nothing is processed twice. Bounded: at most `maxTicketsPerRun` tickets listed per host and run (each
 * costs at most one re-read through the host client's rate-limited queue); the cursor is saved after every page.
 */
import type { HostClient } from '../hosts/host-client';
import type { Db } from '../store/open-database';
import { createSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';

export interface ReconcileDeps {
  /** The store (any backend); omitted: a SQLite store over `db`. */
  store?: Store;
  db?: Db;
  hosts: Partial<Record<string, HostClient>>;
  now: () => number;
  logger?: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
  /** Tickets listed per host and run (default 200). */
  maxTicketsPerRun?: number;
  /** Where a first run starts: this long before now (default one period, 10 min). */
  lookbackMs?: number;
  /** A host update this close after our last write or event for the ticket counts as seen (default 5 s: our own write's echo). */
  toleranceMs?: number;
}

export interface ReconcileCounts {
  host: string;
  listed: number;
  bootstrapped: number;
  refreshed: number;
  statusEvents: number;
  pages: number;
}

export async function runReconcile(deps: ReconcileDeps): Promise<ReconcileCounts[]> {
  if (!deps.store && !deps.db) throw new Error('runReconcile needs a store (or a SQLite db)');
  const store = deps.store ?? createSqliteStore(deps.db!);
  const max = deps.maxTicketsPerRun ?? 200;
  const tolerance = deps.toleranceMs ?? 5000;
  const out: ReconcileCounts[] = [];
  for (const [host, client] of Object.entries(deps.hosts)) {
    if (!client?.listChanged || host === 'sandbox') continue;
    const counts: ReconcileCounts = { host, listed: 0, bootstrapped: 0, refreshed: 0, statusEvents: 0, pages: 0 };
    const since = new Date(deps.now() - (deps.lookbackMs ?? 10 * 60_000)).toISOString();
    let cursor = await store.reconcile.cursor(host);
    while (counts.listed < max) {
      const page = await client.listChanged(cursor, since);
      counts.pages++;
      const nowIso = new Date(deps.now()).toISOString();
      await store.transaction(async ({ reconcile, tickets, fetches, inbox }) => {
        for (const t of page.tickets) {
          counts.listed++;
          const seen = await reconcile.lastSeen(host, t.id);
          const p = await tickets.get(host, t.id);
          if (!p) {
            if (seen === null) {
              await fetches.request(host, t.id, nowIso);
              counts.bootstrapped++;
            }
            continue;
          }
          if (seen !== null && Date.parse(t.updatedAt) <= seen + tolerance) continue;
          await fetches.refresh(host, t.id, nowIso);
          counts.refreshed++;
          if (t.status && t.status !== p.status) {
            const added = await inbox.insert({
              host,
              eventId: `reconcile:status:${t.id}:${t.updatedAt}`,
              ticketId: t.id,
              kind: 'status.changed',
              occurredAt: t.updatedAt,
              receivedAt: nowIso,
              payload: { event: { kind: 'status.changed', status: t.status, previous: p.status } },
            });
            if (added) counts.statusEvents++;
          }
        }
        await reconcile.setCursor(host, page.cursor, nowIso);
      });
      cursor = page.cursor;
      if (page.done) break;
    }
    if (counts.bootstrapped + counts.refreshed > 0) deps.logger?.warn({ ...counts }, 'reconciliation found changes no webhook delivered');
    else deps.logger?.info({ ...counts }, 'reconciliation: nothing missed');
    out.push(counts);
  }
  return out;
}
