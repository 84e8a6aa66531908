/**
 * ticket.created → classify, SLA clocks, dispatch group, escalations, ONE ticket change (tags,
 * priority, group, mapped fields, one classification note) and the SLA timers. Pure.
 */
import { classify, renderNote } from '../../../policies/src/engine';
import type { HostId, Locale, Policy, SeverityId, Ticket } from '../../../policies/src/types';
import type { TicketChange } from '../hosts/host-client';
import type { TicketProjection } from './ticket-projection';
import { applyTags, compactChange, emptyDecision, joinNotes, type Decision, type EvidenceAppend } from './decision';
import { escalate, moreUrgent, withEscalation } from './escalate';
import { matchesText } from './labels';
import { templateVars } from './template-vars';
import { commentEvidence } from './decide-comment-added';
import { slaOf, slaTimerPlans, SLA_TIMER_KINDS } from './sla-timers';
import { ticketLocale } from './ticket-locale';

export interface CreatedFacts {
  host: HostId;
  policyVersion: string;
  /** Complaints by this requester within `days` (including this one). */
  requesterComplaints: (days: number) => number;
}

export function classificationTags(policy: Policy, category: string, severity: string, signals: string[]): string[] {
  const t = policy.tags;
  return [`${t.categoryPrefix}${category}`, `${t.severityPrefix}${severity.toLowerCase()}`, ...signals.map((s) => `${t.signalPrefix}${s}`)];
}

/** Intake fields with a host mapping (category/severity included), for `TicketChange.fields`. */
export function mappedFields(policy: Policy, host: HostId, values: Record<string, unknown>): Record<string, string | number | null> {
  const map = host === 'sandbox' ? {} : policy.hostFields[host];
  const out: Record<string, string | number | null> = {};
  for (const key of Object.keys(map)) {
    const v = values[key];
    if (typeof v === 'string' || typeof v === 'number') out[key] = v;
  }
  return out;
}

export function initialProjection(ticket: Ticket, facts: CreatedFacts, policy: Policy, now: number): TicketProjection {
  const c = classify(ticket, policy);
  const nowIso = new Date(now).toISOString();
  const createdAt = ticket.createdAt ?? nowIso;
  const batch = ticket.fields?.[policy.batches.field];
  const fields: TicketProjection['fields'] = {};
  for (const [k, v] of Object.entries(ticket.fields ?? {})) if (v !== undefined) fields[k] = v;
  return {
    host: facts.host,
    id: ticket.id,
    requesterId: ticket.requester?.id ?? ticket.requester?.email ?? null,
    subject: ticket.subject,
    createdAt,
    channel: ticket.channel ?? null,
    status: ticket.status ?? 'new',
    statusHistory: [{ at: createdAt, status: ticket.status ?? 'new' }],
    firstAgentReplyAt: ticket.comments?.find((c) => c.author === 'agent' && c.public)?.createdAt ?? null,
    category: c.category,
    severity: c.severity,
    signals: [...c.signals],
    classification: c,
    correction: null,
    tier: 'front_line',
    group: null,
    escalationHistory: [],
    remedy: { rejections: 0, chosen: null },
    fields,
    tags: [...(ticket.tags ?? [])],
    batch: batch === undefined || batch === null || batch === '' ? null : String(batch),
    snapshot: { description: ticket.description, locale: ticket.locale, requester: ticket.requester },
    problemId: null,
    policyVersion: facts.policyVersion,
    updatedAt: nowIso,
  };
}

/** The creation event, the description (the customer's first contact) and any comments the snapshot carried. */
export function ticketEvidence(ticket: Ticket, at: string): EvidenceAppend[] {
  const comments = (ticket.comments ?? []).filter((c) => c.body !== ticket.description);
  return [
    { type: 'event', at, data: { kind: 'ticket.created', channel: ticket.channel ?? null, status: ticket.status ?? null } },
    {
      type: 'comment',
      at: ticket.createdAt ?? at,
      by: 'customer',
      data: { id: 'description', author: 'customer', public: true, subject: ticket.subject, body: ticket.description },
    },
    ...comments.flatMap((c) => commentEvidence(c, at)),
  ];
}

/**
 * A webhook snapshot carries no custom fields (the Freshdesk automation body, Zendesk ticket events): when the policy
 * maps intake fields for this host (the batch among them), the ticket is re-read once so clusters can form.
 */
function needsFields(ticket: Ticket, policy: Policy, host: HostId): boolean {
  return host !== 'sandbox' && ticket.fields === undefined && Object.keys(policy.hostFields[host]).length > 0;
}

export function decideTicketCreated(
  existing: TicketProjection | null,
  ticket: Ticket,
  policy: Policy,
  now: number,
  facts: CreatedFacts,
): Decision {
  if (existing) return { ...emptyDecision(), records: [{ kind: 'duplicate_created', data: {} }] };
  const locale: Locale = ticketLocale(ticket, policy);
  const nowIso = new Date(now).toISOString();
  let p = initialProjection(ticket, facts, policy, now);
  const sev = policy.severities[p.severity as SeverityId];
  const sla = slaOf(p, policy, now);
  const step = escalate(
    p,
    { sla, requesterComplaints: facts.requesterComplaints, requesterTags: ticket.requester?.tags ?? [] },
    policy,
    nowIso,
    locale,
  );
  p = withEscalation(p, step);
  const group = step.group ?? sev.group;
  p = { ...p, group };
  const note = renderNote(policy, 'classification', locale, {
    ...templateVars(p, policy, { locale, now }),
    matches: matchesText(p.classification),
  });
  // Low confidence or nothing matched: tag the ticket so an agent confirms it (never a silent other/L3).
  const review = policy.classification.review && p.classification.review?.needed ? [policy.classification.review.tag] : [];
  const addTags = [
    ...classificationTags(policy, p.category, p.severity, p.signals),
    `${policy.tags.tierPrefix}${p.tier}`,
    ...review,
    ...step.addTags,
  ];
  const priority = moreUrgent(sev.priority.zendesk, step.priority) ?? undefined;
  const change: TicketChange = {
    addTags,
    priority,
    ...(priority === sev.priority.zendesk ? { severity: p.severity as SeverityId } : {}),
    group,
    // Only what the connector decides (category, severity): intake fields were read from the ticket, and writing
    // them back would revert an agent's correction made since (e.g. a fixed batch number).
    fields: mappedFields(policy, facts.host, { category: p.category, severity: p.severity }),
    note: joinNotes([note, ...step.notes]),
  };
  p = { ...p, tags: applyTags(p.tags, addTags) };
  return {
    projection: p,
    change: compactChange(change),
    creates: [],
    timers: { cancel: [...SLA_TIMER_KINDS], plans: slaTimerPlans(sla, now) },
    evidence: ticketEvidence(ticket, nowIso),
    records: [
      {
        kind: 'classified',
        data: {
          category: p.category,
          severity: p.severity,
          signals: p.signals,
          group,
          tier: p.tier,
          review: p.classification.review ?? null,
          confidence: p.classification.confidence ?? null,
        },
      },
      ...step.hits.map((h) => ({ kind: 'escalated', data: { ruleId: h.ruleId, tier: h.tier, reason: h.reason } })),
      ...(needsFields(ticket, policy, facts.host)
        ? [{ kind: 'refresh_ticket', data: { reason: 'the webhook carried no custom fields' } }]
        : []),
    ],
  };
}
