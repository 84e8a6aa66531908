/**
 * Work notices between replicas on PostgreSQL: `NOTIFY complaint_desk_work` with a small JSON payload (the kind
 * of work, the host, the sending replica's id; never ticket or customer data), followed on the process's one
 * LISTEN connection (pg-notify-hub.ts). Sending is coalesced per kind: while one NOTIFY of a kind is in flight,
 * further announcements of it become one more NOTIFY after it, so a burst of ingests costs about one extra
 * statement per round trip, not one per event. A replica ignores its own notices (it kicked itself in-process).
 */
import type { PostgresStore } from './open-postgres-store';
import type { ListenerState } from './pg-notify-hub';

/**
 * A replica announces work it committed that another replica may take: a new inbox row (after the ingest commit),
 * outbox rows its processing wrote, tickets whose leases it released with rows still pending (shutdown). Each
 * replica follows the others' notices and kicks its inbox worker or host lanes (pipeline/create-pipeline.ts). A
 * notice is only a hint: a lost one (listener down) costs latency, never work; the safety poll finds it.
 */
export type WorkKind = 'inbox' | 'outbox' | 'lease';

export interface FleetWake {
  /** Tells the other replicas (coalesced: one notice of a kind in flight, one more queued behind it); never throws. */
  announce(kind: WorkKind, host?: string): Promise<void>;
  /** Calls `on` for each other replica's notice; `null` when notices may have been missed (the listener (re)connected). */
  follow(on: (kind: WorkKind | null) => void): () => Promise<void>;
  /** The listener's state, for /readyz. */
  state(): ListenerState;
}

export const WORK_CHANNEL = 'complaint_desk_work';
const KINDS = new Set<string>(['inbox', 'outbox', 'lease']);

export function pgWorkNotices(store: Pick<PostgresStore, 'notify' | 'listen' | 'listener'>, owner: string): FleetWake {
  const sending = new Map<WorkKind, { flight: Promise<void>; queued: boolean; host?: string }>();

  const send = (kind: WorkKind, host?: string): Promise<void> =>
    store.notify(WORK_CHANNEL, JSON.stringify({ k: kind, h: host ?? null, r: owner })).catch(() => undefined);

  function announce(kind: WorkKind, host?: string): Promise<void> {
    const cur = sending.get(kind);
    if (cur) {
      cur.queued = true;
      cur.host = host;
      return cur.flight;
    }
    const entry = { flight: Promise.resolve(), queued: false, host };
    entry.flight = (async () => {
      await send(kind, host);
      while (entry.queued) {
        entry.queued = false;
        await send(kind, entry.host);
      }
      sending.delete(kind);
    })();
    sending.set(kind, entry);
    return entry.flight;
  }

  return {
    announce,
    follow(on) {
      return store.listen(WORK_CHANNEL, (payload) => {
        if (payload == null) return on(null);
        let m: { k?: unknown; r?: unknown };
        try {
          m = JSON.parse(payload) as typeof m;
        } catch {
          return on(null);
        }
        if (m.r === owner) return;
        on(typeof m.k === 'string' && KINDS.has(m.k) ? (m.k as WorkKind) : null);
      });
    },
    state: () => store.listener(),
  };
}
