/**
 * Host work (outbox sends and ticket fetches) runs in lanes, one per host, beside inbox processing and
 * independent of it and of each other. A lane starts its host's due outbox heads and due fetches, one call
 * per ticket at a time (so a ticket's rows still go out in order), at most `perHost` calls in flight. A
 * settled call frees its slot and pumps again; a failed one was rescheduled through `next_attempt_at`, so
 * one ticket's back-off (Retry-After, 5xx) never holds another ticket, and a down host never holds the other
 * host or the decisions. Nothing here sleeps.
 */
import { readyRowsOf, sendRow, type DispatchDeps } from './dispatch-outbox';
import { fetchOne } from './fetch-unknown-tickets';

export interface HostLanes {
  /** Starts whatever is due and has a free slot (one round at a time; a pump during a round runs another after it); returns at once. */
  pump(): void;
  inFlight(): number;
  /** Resolves when any in-flight call settles, or the current pump round ends (at once when neither). */
  settled(): Promise<void>;
  /** True when a due call could start now (ignores calls already in flight). */
  hasDue(): Promise<boolean>;
  /** Stops starting calls; waits for those in flight up to `ms`; resolves how many were abandoned. */
  drain(ms: number): Promise<number>;
}

export interface LaneOptions {
  /** Calls in flight per host (default 8). */
  perHost?: number;
  /** A fetch put new events in the inbox: process them. */
  onFetched(): void;
  /** A call settled with an unexpected error (a bug: logged, never thrown into the loop). */
  onError(err: unknown): void;
  /** False once the store is closed (nothing more is started). */
  open(): boolean;
}

export function createHostLanes(deps: DispatchDeps, o: LaneOptions): HostLanes {
  const perHost = o.perHost ?? 8;
  /** key `${host}\0${ticketId}` → its call; per host counts. */
  const flying = new Map<string, Promise<void>>();
  const perHostCount = new Map<string, number>();
  /**
   * Outbox rows whose call settled during the current pump round. A claim may list rows this process already
   * claims (so a row skipped for want of a slot is not held for a whole claim), so a row whose call was in flight
   * when the claim was read, and finished before the lane looked at the result, comes back still "pending": it is
   * done (or rescheduled), and sending it again would write twice (as a retry) or ignore its back-off.
   */
  const settledThisRound = new Set<number>();
  let stopping = false;
  let round: Promise<void> | null = null;
  let again = false;

  const hostsWithWork = async () =>
    new Set([...Object.keys(deps.hosts), ...(await deps.store.outbox.pendingHosts()), ...(await deps.store.fetches.pendingHosts())]);

  function launch(host: string, ticketId: string, call: () => Promise<unknown>, after?: (r: unknown) => void, rowId?: number): void {
    const key = `${host}\0${ticketId}`;
    perHostCount.set(host, (perHostCount.get(host) ?? 0) + 1);
    const p = call()
      .then(
        (r) => after?.(r),
        (err) => o.onError(err),
      )
      .finally(() => {
        if (rowId != null && round) settledThisRound.add(rowId);
        flying.delete(key);
        perHostCount.set(host, (perHostCount.get(host) ?? 1) - 1);
        if (!stopping) pump();
      });
    flying.set(key, p);
  }

  /**
   * Renews the row's claim every half claim while its call is in flight (a long wait in the rate limiter must
   * not let another process take the row and send it a second time meanwhile).
   */
  async function keepClaimed(id: number, call: () => Promise<void>): Promise<void> {
    const timer = setInterval(() => {
      void deps.store.outbox.renewClaim(deps.owner, id, deps.wallNow() + deps.claimMs).then(
        (ok) => {
          if (!ok) o.onError(new Error(`outbox row ${id}: claim lost while its host call was in flight`));
        },
        () => undefined,
      );
    }, deps.claimMs / 2);
    timer.unref?.();
    try {
      await call();
    } finally {
      clearInterval(timer);
    }
  }

  /** One round at a time: two overlapping rounds could both claim a row and send it twice. */
  function pump(): void {
    if (stopping || !o.open()) return;
    if (round) {
      again = true;
      return;
    }
    round = (async () => {
      do {
        again = false;
        try {
          if (!stopping && o.open()) await start();
        } catch (err) {
          if (o.open()) o.onError(err);
        }
      } while (again && !stopping);
    })().finally(() => {
      round = null;
    });
  }

  async function start(): Promise<void> {
    // A row that settled before this round's claims were read is no longer pending in them.
    settledThisRound.clear();
    for (const host of await hostsWithWork()) {
      let free = perHost - (perHostCount.get(host) ?? 0);
      if (free <= 0) continue;
      // Fetches first: the events of a ticket the connector never saw wait for them.
      for (const f of await deps.store.fetches.due(deps.wallNow(), free + perHost, host)) {
        if (free <= 0) break;
        if (flying.has(`${host}\0${f.ticketId}`)) continue;
        launch(
          host,
          f.ticketId,
          () => fetchOne(deps, f),
          (fetched) => {
            if (fetched) o.onFetched();
          },
        );
        free--;
      }
      if (free <= 0) continue;
      for (const row of await readyRowsOf(deps, host, free + perHost)) {
        if (free <= 0) break;
        if (flying.has(`${host}\0${row.ticketId}`) || settledThisRound.has(row.id)) continue;
        launch(host, row.ticketId, () => keepClaimed(row.id, () => sendRow(deps, row)), undefined, row.id);
        free--;
      }
    }
  }

  return {
    pump,
    inFlight: () => flying.size,
    settled: () => {
      const waits = [...flying.values(), ...(round ? [round] : [])];
      return waits.length ? Promise.race(waits).then(() => undefined) : Promise.resolve();
    },
    async hasDue() {
      if (round) return true;
      const now = deps.wallNow();
      for (const host of await hostsWithWork()) {
        if ((await deps.store.fetches.due(now, perHost * 2, host)).some((f) => !flying.has(`${host}\0${f.ticketId}`))) return true;
        if ((await readyRowsOf(deps, host, perHost * 2)).some((r) => !flying.has(`${host}\0${r.ticketId}`))) return true;
      }
      return false;
    },
    async drain(ms) {
      stopping = true;
      if (round) await round;
      if (!flying.size) return 0;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), ms);
      });
      const result = await Promise.race([Promise.allSettled([...flying.values()]).then(() => 'done' as const), timeout]);
      clearTimeout(timer);
      return result === 'timeout' ? flying.size : 0;
    },
  };
}
