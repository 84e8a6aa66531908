/**
 * Fetches tickets the connector never saw created (see store/fetches-repo.ts) and ingests each as a
 * `ticket.created` event (event id `bootstrap:<id>`), so it joins the procedure with its current state; and
 * re-reads known tickets asked for by an id-only `ticket.updated` (fed in as a full `ticket.updated` snapshot).
 */
import { commentsInEntries, unseenComments } from '../evidence/comments-on-record';
import { HostError } from '../hosts/host-client';
import type { FetchRow } from '../store/fetches-repo';
import type { DispatchDeps } from './dispatch-outbox';

/** Fetches one ticket into the inbox (the pipeline's host lanes call it); a failure is rescheduled or parked. True when fetched. */
export async function fetchOne(deps: DispatchDeps, f: FetchRow): Promise<boolean> {
  const { store } = deps;
  const client = deps.hosts[f.host];
  if (!client) {
    await store.fetches.park(f.host, f.ticketId, 'no_host');
    return false;
  }
  // Claimed for one attempt: another process sees it due again only after `claimMs` (or when it failed).
  if (!(await store.fetches.claimAttempt(f.host, f.ticketId, deps.wallNow(), deps.wallNow() + deps.claimMs))) return false;
  try {
    const ticket = await client.getTicket(f.ticketId);
    if (deps.abandoned?.()) return false;
    const at = new Date(deps.wallNow()).toISOString();
    await store.transaction(async (tx) => {
      if (f.purpose === 'refresh') {
        // The snapshot's fields and tags, then each comment not on record through the normal comment path
        // (signals re-detected, first reply, evidence); the comment's id makes a repeated refresh a duplicate.
        const { comments, ...rest } = ticket;
        await tx.inbox.insert({
          host: f.host,
          eventId: `refresh:${f.ticketId}:${deps.wallNow()}`,
          ticketId: f.ticketId,
          kind: 'ticket.updated',
          occurredAt: at,
          receivedAt: at,
          payload: { event: { kind: 'ticket.updated', ticket: { ...rest, id: f.ticketId } } },
        });
        for (const c of unseenComments(comments, commentsInEntries(await tx.evidence.entries(f.host, f.ticketId)))) {
          await tx.inbox.insert({
            host: f.host,
            eventId: `refresh:${f.ticketId}:comment:${c.id}`,
            ticketId: f.ticketId,
            kind: 'comment.added',
            occurredAt: c.createdAt,
            receivedAt: at,
            payload: { event: { kind: 'comment.added', comment: c } },
          });
        }
      } else {
        await tx.inbox.insert({
          host: f.host,
          eventId: `bootstrap:${f.ticketId}`,
          ticketId: f.ticketId,
          kind: 'ticket.created',
          occurredAt: ticket.createdAt ?? at,
          receivedAt: at,
          payload: { event: { kind: 'ticket.created', ticket: { ...ticket, id: f.ticketId } } },
        });
      }
      await tx.fetches.done(f.host, f.ticketId);
    });
    return true;
  } catch (e) {
    if (deps.abandoned?.()) return false;
    const code = e instanceof HostError ? e.code : 'network';
    if (code === 'permanent' || code === 'not_found' || f.attempts + 1 >= deps.maxAttempts) {
      await store.fetches.park(f.host, f.ticketId, code);
      deps.logger.error({ host: f.host, ticketId: f.ticketId, code }, 'could not fetch an unknown ticket; its events stay recorded only');
    } else {
      const backoff = Math.min(deps.retryMaxMs, deps.retryBaseMs * 2 ** f.attempts);
      const wait = e instanceof HostError && e.retryAfterMs != null ? Math.max(e.retryAfterMs, 0) : backoff;
      await store.fetches.reschedule(f.host, f.ticketId, deps.wallNow() + wait, code);
      deps.onRetryAt?.(deps.wallNow() + wait);
    }
    return false;
  }
}
