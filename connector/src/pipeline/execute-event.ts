/**
 * Processes one inbox row inside the caller's transaction (the Store's repos of that transaction): loads the
 * projection and facts, runs the pure decide-* function, then writes projection, evidence, timers, decisions
 * and outbox rows.
 */
import { createHash } from 'node:crypto';
import type { Comment, HostId, Policy, StatusId, Ticket } from '../../../policies/src/types';
import { decideCluster } from '../decide/decide-cluster';
import type { NormalizedEvent } from '../events/normalized-event';
import type { TicketChange } from '../hosts/host-client';
import type { InboxRow } from '../store/inbox-repo';
import type { StoreRepos } from '../store/store';
import type { AgentAction } from '../decide/agent-action';
import { decideAgentAction } from '../decide/decide-agent-action';
import { decideCommentAdded } from '../decide/decide-comment-added';
import { decideStatusChanged } from '../decide/decide-status-changed';
import { decideTagsChanged, evidenceFrozenChange } from '../decide/decide-tags-changed';
import { decideTicketCreated } from '../decide/decide-ticket-created';
import { decideTimerFired } from '../decide/decide-timer-fired';
import { decideTicketUpdated } from '../decide/decide-ticket-updated';
import { emptyDecision, type Decision } from '../decide/decision';
import { needsSeenTags } from '../hosts/host-capabilities';
import { evidenceState } from '../evidence/evidence-state';
import { evidenceRecord } from '../evidence/evidence-record';
import { requesterComplaints } from './requester-complaints';
import { templateVars } from '../decide/template-vars';

const DAY_MS = 86_400_000;
const HOST_EVENTS = new Set(['ticket.created', 'ticket.updated', 'comment.added', 'status.changed', 'tags.changed', 'priority.changed']);

export interface ExecContext {
  repos: StoreRepos;
  policy: Policy;
  version: string;
  now: number;
}

export function noteMarker(host: string, eventId: string, ticketId: string, n: number): string {
  return `cd:${createHash('sha256').update(`${host}\n${eventId}\n${ticketId}\n${n}`).digest('hex').slice(0, 16)}`;
}

/** The change with its note carrying `marker` (so a re-sent note is recognised on the host). */
function markNote(change: TicketChange, marker: string): TicketChange {
  return change.note ? { ...change, note: { body: change.note.body, marker } } : change;
}

async function decide(ctx: ExecContext, row: InboxRow, ev: NormalizedEvent | AgentAction): Promise<Decision> {
  const { repos, policy, now } = ctx;
  const host = row.host as HostId;
  const p = await repos.tickets.get(host, row.ticketId);
  const complaints = (rid: string | null, extra: number) => requesterComplaints(repos.tickets, policy, host, rid, now, extra);
  const facts = { requesterComplaints: await complaints(p?.requesterId ?? null, 0) };
  switch (ev.kind) {
    case 'ticket.created': {
      const t: Ticket = { ...ev.ticket, id: row.ticketId, createdAt: ev.ticket.createdAt ?? row.occurredAt };
      const rid = t.requester?.id ?? t.requester?.email ?? null;
      return decideTicketCreated(p, t, policy, now, { host, policyVersion: ctx.version, requesterComplaints: await complaints(rid, 1) });
    }
    case 'ticket.updated':
      return decideTicketUpdated(p, ev.ticket, policy, now);
    case 'comment.added':
      return decideCommentAdded(p, ev.comment as Comment, policy, now, facts);
    case 'status.changed':
      return decideStatusChanged(p, ev.status as StatusId, policy, now, row.occurredAt);
    case 'tags.changed': {
      const entries = await repos.evidence.entries(host, row.ticketId);
      const st = p ? evidenceState(p.id === row.ticketId ? entries : await repos.evidence.entries(host, p.id)) : null;
      return decideTagsChanged(p, ev, policy, now, { evidence: evidenceRecord(entries), frozen: !!st?.frozen });
    }
    case 'priority.changed':
      return p
        ? { ...emptyDecision(), evidence: [{ type: 'event', at: row.occurredAt, data: { kind: ev.kind, priority: ev.priority } }] }
        : { ...emptyDecision(), records: [{ kind: 'unknown_ticket', data: { event: ev.kind } }] };
    case 'timer.fired':
      return decideTimerFired(p, ev.timer, ev.dueAt, policy, now, facts);
    case 'agent.remedy':
    case 'agent.remedy_rejected':
    case 'agent.remedy_decision':
    case 'agent.correction':
      return decideAgentAction(p, ev, policy, now, facts);
    default:
      return { ...emptyDecision(), records: [{ kind: 'unknown_event', data: { kind: (ev as { kind: string }).kind } }] };
  }
}

/** Runs the batch-cluster step after a projection with a batch was saved. */
async function clusterStep(ctx: ExecContext, row: InboxRow, ticketId: string, batch: string, nowIso: string): Promise<void> {
  const { repos, policy, now } = ctx;
  const since = new Date(now - policy.batches.windowDays * DAY_MS).toISOString();
  // One transaction at a time per batch (other tickets of it may be processed at the same moment, here or in
  // another replica): after the wait, the count below includes theirs.
  await repos.clusters.lockBatch(row.host, batch);
  const existing = await repos.clusters.byBatch(row.host, batch);
  const memberIds = await repos.tickets.idsByBatch(row.host, batch, since);
  // decideCluster reads members' template variables synchronously: read the projections it may ask for first.
  const members = new Map<string, Awaited<ReturnType<typeof repos.tickets.get>>>();
  // (A join only needs this ticket's; opening a cluster links every member.)
  for (const id of new Set(existing ? [ticketId] : [...memberIds, ticketId])) members.set(id, await repos.tickets.get(row.host, id));
  const varsOf = (id: string) => {
    const m = members.get(id);
    return m ? templateVars(m, policy, { locale: policy.defaultLocale, now }) : {};
  };
  const c = decideCluster(ticketId, policy, { batch, memberIds, existing, varsOf });
  if (c.action === 'none') return;
  let clusterId = existing?.id;
  if (c.action === 'open') {
    clusterId = await repos.clusters.create(row.host, batch, c.members, nowIso);
    await repos.outbox.enqueue(row.host, ticketId, { op: 'create_ticket', ticket: c.problem, clusterId }, nowIso, row.id);
  } else await repos.clusters.addMember(clusterId!, ticketId);
  for (const [i, l] of c.links.entries()) {
    const change = markNote(l.change, noteMarker(row.host, row.eventId, l.ticketId, 100 + i));
    await repos.outbox.enqueue(row.host, l.ticketId, { op: 'apply_change', change, clusterId }, nowIso, row.id);
  }
  await repos.decisions.record(row.host, ticketId, row.id, `cluster_${c.action}`, ctx.version, nowIso, { batch, clusterId });
}

function seenTagsOf(ev: NormalizedEvent | AgentAction): string[] | undefined {
  if (ev.kind === 'ticket.updated') return ev.ticket.tags;
  if (ev.kind === 'tags.changed') return ev.tags;
  return undefined;
}

export async function executeEvent(ctx: ExecContext, row: InboxRow): Promise<Decision> {
  const { repos, now } = ctx;
  const evidence = repos.evidence;
  const state = async () => evidenceState(await evidence.entries(row.host, row.ticketId));
  const nowIso = new Date(now).toISOString();
  const ev = (row.payload as { event: NormalizedEvent | AgentAction }).event;
  const before = await repos.tickets.get(row.host, row.ticketId);
  const d = await decide(ctx, row, ev);
  // Events of a ticket we never saw: the fetched snapshot brings them into evidence (no duplicates).
  if (!before && !d.projection) d.evidence = [];
  if (d.projection) await repos.tickets.save({ ...d.projection, policyVersion: ctx.version });
  // A frozen record takes no more entries; the events stay in `decisions`.
  if (d.evidence.length) await evidence.appendUnlessFrozen(row.host, row.ticketId, d.evidence);
  let change = d.change;
  if (d.freeze) {
    await evidence.freeze(row.host, row.ticketId, d.freeze.by, nowIso);
    const head = (await state()).headHash ?? '';
    const frozen = d.projection ?? before;
    const base = frozen ? templateVars(frozen, ctx.policy, { locale: ctx.policy.defaultLocale, now }) : {};
    change = evidenceFrozenChange(ctx.policy, head, base);
    d.records.push({ kind: 'evidence_head', data: { headHash: head } });
  }
  // A host event tells when the ticket last changed: the host client then knows its cached tags are stale.
  if (change && HOST_EVENTS.has(ev.kind)) change = { ...change, updatedAt: row.occurredAt };
  // The tags this host event showed: a host without conditional updates restores agent tags its last write dropped.
  const seen = seenTagsOf(ev);
  if (seen && needsSeenTags(row.host)) change = { ...(change ?? {}), seenTags: seen, updatedAt: row.occurredAt };
  if (change)
    await repos.outbox.enqueue(
      row.host,
      row.ticketId,
      { op: 'apply_change', change: markNote(change, noteMarker(row.host, row.eventId, row.ticketId, 0)) },
      nowIso,
      row.id,
    );
  for (const t of d.creates) await repos.outbox.enqueue(row.host, row.ticketId, { op: 'create_ticket', ticket: t }, nowIso, row.id);
  if (d.timers) await repos.timers.replace(row.host, row.ticketId, d.timers.cancel, d.timers.plans, nowIso);
  await repos.decisions.recordAll(
    d.records.map((r) => ({
      host: row.host,
      ticketId: row.ticketId,
      inboxId: row.id,
      kind: r.kind,
      policyVersion: ctx.version,
      at: nowIso,
      data: { ...r.data, event: ev.kind },
    })),
  );
  // Never saw this ticket created (e.g. older than the install): fetch it once and feed it in as ticket.created.
  if (d.records.some((r) => r.kind === 'unknown_ticket') && HOST_EVENTS.has(ev.kind))
    await repos.fetches.request(row.host, row.ticketId, nowIso);
  if (d.records.some((r) => r.kind === 'refresh_ticket') && HOST_EVENTS.has(ev.kind))
    await repos.fetches.refresh(row.host, row.ticketId, nowIso);
  const batch = d.projection?.batch;
  if (batch && batch !== before?.batch) await clusterStep(ctx, row, row.ticketId, batch, nowIso);
  return d;
}
