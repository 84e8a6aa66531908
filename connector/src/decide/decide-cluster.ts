/**
 * Batch clusters: N complaints on the same product batch within D days (policy.batches) → ONE problem
 * ticket; every member is linked to it with a `cluster_member` note; later members join. Pure.
 */
import { renderNote, renderTemplate } from '../../../policies/src/engine';
import type { Policy, TemplateVars } from '../../../policies/src/types';
import type { NewTicket, TicketChange } from '../hosts/host-client';

/** Placeholder in a change's note/problemId replaced by the cluster's problem ticket id once it exists. */
export const PROBLEM_ID_PLACEHOLDER = '__CD_PROBLEM_TICKET__';

/** What the decision needs of a stored cluster (store/clusters-repo's row has these fields). */
export interface ExistingCluster {
  problemTicketId: string | null;
  members: string[];
}

export interface ClusterFacts {
  batch: string;
  /** Tickets on this batch within the window, oldest first (including the new one). */
  memberIds: string[];
  existing: ExistingCluster | null;
  /** Template variables of a member ticket (processing/template-vars), for its `cluster_member` note. */
  varsOf?: (ticketId: string) => TemplateVars;
}

export type ClusterDecision =
  | { action: 'none' }
  | { action: 'join'; links: { ticketId: string; change: TicketChange }[] }
  | { action: 'open'; problem: NewTicket; members: string[]; links: { ticketId: string; change: TicketChange }[] };

/** `{{ticket_id}}` in the member note is the problem ticket (the note links to it). */
function linkChange(policy: Policy, batch: string, count: number, problemId: string, base: TemplateVars): TicketChange {
  const note = renderNote(policy, 'cluster_member', policy.defaultLocale, {
    ...base,
    batch,
    count,
    days: policy.batches.windowDays,
    ticket_id: problemId,
  });
  return { problemId, addTags: [policy.batches.tag], note: { body: note, marker: '' } };
}

export function decideCluster(ticketId: string, policy: Policy, f: ClusterFacts): ClusterDecision {
  const b = policy.batches;
  const count = f.memberIds.length;
  const varsOf: (id: string) => TemplateVars = f.varsOf ?? (() => ({}));
  if (f.existing) {
    if (f.existing.members.includes(ticketId)) return { action: 'none' };
    const problemId = f.existing.problemTicketId ?? PROBLEM_ID_PLACEHOLDER;
    return { action: 'join', links: [{ ticketId, change: linkChange(policy, f.batch, count, problemId, varsOf(ticketId)) }] };
  }
  if (count < b.clusterThreshold) return { action: 'none' };
  const locale = policy.defaultLocale;
  // The problem ticket is about the batch: of the ticket variables only the company and product apply.
  const own = varsOf(ticketId);
  const vars = { company: policy.company, product: own.product, batch: f.batch, count, days: b.windowDays };
  const problem: NewTicket = {
    kind: 'problem',
    subject: renderTemplate(b.problemSubject[locale], vars),
    body: renderNote(policy, 'cluster_problem', locale, vars),
    tags: [b.tag],
    relatedTicketId: ticketId,
    relatedTicketIds: f.memberIds,
  };
  return {
    action: 'open',
    problem,
    members: f.memberIds,
    links: f.memberIds.map((id) => ({ ticketId: id, change: linkChange(policy, f.batch, count, PROBLEM_ID_PLACEHOLDER, varsOf(id)) })),
  };
}

/** Replaces the placeholder with the problem ticket's id once it exists. */
export function resolveProblemId(change: TicketChange, problemId: string): TicketChange {
  const swap = (s: string) => s.split(PROBLEM_ID_PLACEHOLDER).join(problemId);
  return {
    ...change,
    problemId: change.problemId ? swap(change.problemId) : undefined,
    note: change.note ? { ...change.note, body: swap(change.note.body) } : undefined,
  };
}
