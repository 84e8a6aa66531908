/** Fires due timers by inserting `timer.fired` events into the inbox (same pipeline, same ordering). */
import type { Db } from '../store/open-database';
import type { Repos } from './repos';

/** Returns how many timers fired. Each timer fires once: the inbox insert and the fired mark share a transaction. */
export function runDueTimers(db: Db, repos: Repos, now: number): number {
  const due = repos.timers.due(now);
  const nowIso = new Date(now).toISOString();
  let fired = 0;
  for (const t of due) {
    db.transaction(() => {
      if (!repos.timers.markFired(t.id, nowIso)) return;
      const dueAt = new Date(t.dueAt).toISOString();
      repos.inbox.insert({
        host: t.host, eventId: `timer:${t.id}`, ticketId: t.ticketId, kind: 'timer.fired', occurredAt: dueAt, receivedAt: nowIso,
        payload: { event: { kind: 'timer.fired', timer: t.kind, dueAt } },
      });
      fired++;
    })();
  }
  return fired;
}
