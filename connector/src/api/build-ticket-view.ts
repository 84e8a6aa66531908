/** Builds the sidebar's TicketView from the projection and store facts. Pure (facts are passed in). */
import {
  classify,
  escalations,
  evidenceStatus,
  explainStored,
  explainTextsOf,
  missingIntake,
  remedyOptions,
  scriptsFor,
  stageOf,
} from '../../../policies/src/engine';
import type { CategoryId, EvidenceRecord, Locale, Policy, SeverityId, SignalId } from '../../../policies/src/types';
import { remedyInputOf } from '../decide/remedy-input';
import { templateVars } from '../decide/template-vars';
import { ticketOf } from '../decide/ticket-of';
import { slaOf, projectionTimeline } from '../decide/sla-timers';
import type { TicketProjection } from '../decide/ticket-projection';
import type { TicketView } from './ticket-view';

export interface ViewFacts {
  policy: Policy;
  version: string;
  now: number;
  locale: Locale;
  role: string;
  agentName: string;
  evidenceRecord: EvidenceRecord;
  evidenceState: {
    frozen: boolean;
    frozenAt: string | null;
    headHash: string | null;
    items: { kind: string; at: string; by?: string; description?: string }[];
    reviews?: { role: string; by: string; at: string }[];
  };
  /** Earliest pending SLA timer (warning or breach) of this ticket, ISO. */
  nextEscalationAt: string | null;
  sameBatchCount: number;
  history: TicketView['history'];
}

const texts = (p: TicketProjection, cats: string[]) =>
  [...new Set(p.classification.matches.filter((m) => m.sets.category && cats.includes(m.sets.category)).map((m) => m.text))].join(', ');

/**
 * The classification's `why` in the reader's locale, rendered from the stored reasons (`basis` and matches)
 * with the current policy's wording. A classification stored before `basis` existed is re-explained for this
 * locale when the current policy still reaches the same result, else its stored default-locale text is kept.
 */
function whyIn(p: TicketProjection, policy: Policy, locale: Locale): TicketProjection['classification']['why'] {
  const stored = p.classification;
  try {
    const again = explainStored(stored, policy, locale, explainTextsOf(ticketOf(p)));
    if (again) return again;
  } catch {
    // a stored basis this policy cannot render (should not happen): the older paths below
  }
  if (locale === policy.defaultLocale) return stored.why;
  try {
    const again = classify(ticketOf(p), policy, locale);
    const same = again.category === stored.category && again.severity === stored.severity && again.signals.join() === stored.signals.join();
    return same ? again.why : stored.why;
  } catch {
    return stored.why;
  }
}

/** The agent's role if the policy defines it, else the lowest-ranked role (every option above it then needs approval). */
export function knownRole(policy: Policy, role: string): string {
  if (Object.prototype.hasOwnProperty.call(policy.remedies.roles, role)) return role;
  return Object.entries(policy.remedies.roles).sort((a, b) => a[1].rank - b[1].rank)[0][0];
}

export function buildTicketView(p: TicketProjection, f: ViewFacts): TicketView {
  const { policy, locale } = f;
  const sla = slaOf(p, policy, f.now);
  const esc = escalations(
    {
      severity: p.severity as SeverityId,
      signals: p.signals as SignalId[],
      sla,
      requesterTags: p.snapshot.requester?.tags ?? [],
      requesterComplaints: () => f.history.count,
      remedyRejections: p.remedy.rejections,
    },
    policy,
    locale,
  );
  const suspected =
    p.signals.some((s) => policy.evidence.suspectSignals.includes(s as SignalId)) || p.tags.includes(policy.evidence.maliciousTag);
  const stage = stageOf({ status: p.status, firstAgentReplyAt: p.firstAgentReplyAt, suspected, remedyProposed: !!p.remedy.chosen });
  const vars = templateVars(p, policy, { locale, now: f.now, agentName: f.agentName, reader: 'customers' });
  const ticket = ticketOf(p);
  const chosen = p.remedy.chosen;
  return {
    host: p.host,
    ticketId: p.id,
    policyVersion: f.version,
    locale,
    now: new Date(f.now).toISOString(),
    ticket: {
      id: p.id,
      subject: p.subject,
      status: p.status,
      channel: ticket.channel,
      createdAt: p.createdAt,
      tags: p.tags,
      requester: ticket.requester,
      fields: ticket.fields,
    },
    classification: { ...p.classification, why: whyIn(p, policy, locale) },
    correction: p.correction,
    sla,
    slaTimeline: projectionTimeline(p),
    escalation: { ...esc, tier: p.tier, history: p.escalationHistory, nextEscalationAt: f.nextEscalationAt },
    stage,
    scripts: scriptsFor(stage, policy, locale, vars, { category: p.correction?.category ?? p.category, signals: p.signals }),
    remedies: {
      ...remedyOptions(remedyInputOf(p, policy), policy, knownRole(policy, f.role), f.now, locale),
      rejections: p.remedy.rejections,
      chosen: chosen
        ? { ...chosen, decidedBy: chosen.decidedBy ?? null, decidedAt: chosen.decidedAt ?? null, comment: chosen.comment ?? null }
        : null,
    },
    evidence: { ...evidenceStatus(f.evidenceRecord, policy, locale), suspected, ...f.evidenceState },
    intake: missingIntake(ticket, p.category as CategoryId, policy, locale),
    rootCause: {
      customerSide: texts(p, ['usage']),
      productSide: texts(p, ['quality', 'logistics']),
      processSide: texts(p, ['service', 'billing']),
      sameBatchCount: f.sameBatchCount,
      batch: p.batch,
    },
    history: f.history,
  };
}
