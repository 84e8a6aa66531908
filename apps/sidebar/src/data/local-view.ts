/**
 * Builds the ticket view in the browser from the bundled engine and the cached policy, for when the
 * connector is unreachable. Parts only the connector knows (history, evidence log, chosen remedy,
 * escalation history, same-batch counts) are empty and marked by `offline: true` in the UI state.
 */
import {
  classify,
  escalations,
  listText,
  evidenceStatus,
  formatCustomerDeadline,
  lowestRole,
  missingIntake,
  productOf,
  readerZone,
  remedyInputFrom,
  remedyOptions,
  scriptsFor,
  slaState,
  stageOf,
} from '../../../../policies/src/engine';
import type { Locale, Policy, SlaTimeline, Ticket } from '../../../../policies/src/types';
import type { TicketView } from '../../../../connector/src/api/ticket-view';

export interface LocalViewInput {
  ticket: Ticket;
  policy: Policy;
  policyVersion: string;
  now: number;
  locale: Locale;
  agent: { name: string; role: string };
}

export function timelineOf(ticket: Ticket, severity: SlaTimeline['severity'], now: number): SlaTimeline {
  const createdAt = ticket.createdAt ?? new Date(now).toISOString();
  const firstReply =
    (ticket.comments ?? [])
      .filter((c) => c.author === 'agent' && c.public)
      .map((c) => c.createdAt)
      .sort()[0] ?? null;
  const statusChanges: SlaTimeline['statusChanges'] = [{ at: createdAt, status: 'new' }];
  if (ticket.status && ticket.status !== 'new') statusChanges.push({ at: new Date(now).toISOString(), status: ticket.status });
  return { createdAt, severity, channel: ticket.channel, firstAgentReplyAt: firstReply, statusChanges };
}

export function localView(input: LocalViewInput): TicketView {
  const { ticket, policy, now, locale } = input;
  const classification = classify(ticket, policy, locale);
  const slaTimeline = timelineOf(ticket, classification.severity, now);
  const sla = slaState(slaTimeline, policy, now);
  const tags = ticket.tags ?? [];
  const suspected =
    classification.signals.some((s) => policy.evidence.suspectSignals.includes(s)) || tags.includes(policy.evidence.maliciousTag);
  const escalation = escalations(
    {
      severity: classification.severity,
      signals: classification.signals,
      sla,
      requesterTags: ticket.requester?.tags ?? [],
      requesterComplaints: () => 1,
      remedyRejections: 0,
    },
    policy,
    locale,
  );
  const stage = stageOf({
    status: ticket.status ?? 'open',
    firstAgentReplyAt: slaTimeline.firstAgentReplyAt ?? null,
    suspected,
    remedyProposed: false,
  });
  const intake = missingIntake(ticket, classification.category, policy, locale);
  const fields = ticket.fields ?? {};
  // Scripts are read by the customer: deadlines in the policy's customer zone, as the connector writes them.
  const at = (iso: string | null) => formatCustomerDeadline(iso, readerZone(policy, 'customers', classification.severity), locale);
  const scripts = scriptsFor(
    stage,
    policy,
    locale,
    {
      customer_name: ticket.requester?.name ?? '',
      agent_name: input.agent.name,
      product: productOf(policy, fields),
      ticket_id: ticket.id,
      deadline: at(sla.respond.state === 'met' ? sla.resolve.dueAt : sla.respond.dueAt),
      respond_by: at(sla.respond.dueAt),
      resolve_by: at(sla.resolve.dueAt),
      category: policy.categories[classification.category].label[locale],
      severity: policy.severities[classification.severity].label[locale],
      missing_fields: listText(
        locale,
        intake.map((g) => g.label),
      ),
      missing_details: listText(
        locale,
        intake.map((g) => g.ask),
      ),
      company: policy.company,
    },
    classification,
  );
  // No role named (no agent_roles line matched): the policy's lowest-ranked role, as the connector assumes.
  const role = input.agent.role || lowestRole(policy);
  const remedies = remedyOptions(
    remedyInputFrom(classification.category, classification.severity, fields, policy),
    policy,
    role,
    now,
    locale,
  );
  const customerContacts = (ticket.comments ?? []).filter((c) => c.author === 'customer').length + 1;
  const evidence = evidenceStatus({ customerContacts, items: [], reviews: [] }, policy, locale);
  const batch = fields[policy.batches.field];
  return {
    host: ticket.host ?? 'sandbox',
    ticketId: ticket.id,
    policyVersion: input.policyVersion,
    locale,
    now: new Date(now).toISOString(),
    ticket: {
      id: ticket.id,
      subject: ticket.subject,
      status: ticket.status,
      channel: ticket.channel,
      createdAt: ticket.createdAt,
      tags,
      requester: ticket.requester,
      fields: ticket.fields,
    },
    classification,
    correction: null,
    sla,
    slaTimeline,
    escalation: { ...escalation, history: [], nextEscalationAt: null },
    stage,
    scripts,
    remedies: { ...remedies, rejections: 0, chosen: null },
    evidence: { ...evidence, suspected, frozen: false, frozenAt: null, headHash: null, items: [] },
    intake,
    rootCause: {
      customerSide: '',
      productSide: '',
      processSide: '',
      sameBatchCount: 0,
      batch: batch == null || batch === '' ? null : String(batch),
    },
    history: { count: 0, windowDays: policy.history.windowDays, recent: [] },
  };
}
