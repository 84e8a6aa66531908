/**
 * Group commit for webhook ingest: deliveries that arrive in the same event-loop turn are written in
 * ONE outer SQLite transaction (each `pipeline.ingest` runs as a savepoint inside it), so one fsync
 * covers the batch. Every delivery is acked only after that commit returned; if one event fails only
 * its savepoint rolls back; if the commit itself fails every delivery in the batch gets the error.
 */
import type Database from 'better-sqlite3';
import type { InboxEvent } from '../events/normalized-event';

export interface IngestTarget {
  /** Synchronous (SQLite only, see `sync`). */
  ingest(e: InboxEvent): { inserted: boolean };
  ingestAsync?(e: InboxEvent): Promise<{ inserted: boolean }>;
  /** False when only `ingestAsync` works (PostgreSQL); absent means synchronous. */
  sync?: boolean;
}

export type AsyncIngest = (e: InboxEvent) => Promise<{ inserted: boolean }>;

interface Pending {
  event: InboxEvent;
  resolve: (r: { inserted: boolean }) => void;
  reject: (e: unknown) => void;
}

export function createGroupCommit(db: Database.Database, target: IngestTarget, maxBatch = 128): AsyncIngest {
  let queue: Pending[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    const results: ({ ok: true; inserted: boolean } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        for (const item of batch) {
          try {
            results.push({ ok: true, inserted: db.transaction(() => target.ingest(item.event).inserted)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i];
      if (r.ok) item.resolve({ inserted: r.inserted });
      else item.reject(r.error);
    });
  };

  return (event) =>
    new Promise((resolve, reject) => {
      queue.push({ event, resolve, reject });
      if (queue.length >= maxBatch) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

/** Without a SQLite handle (tests, PostgreSQL): one commit per delivery. */
export function directIngest(target: IngestTarget): AsyncIngest {
  return async (event) => (target.ingestAsync ? target.ingestAsync(event) : target.ingest(event));
}
