/**
 * The ONE builder of template variables for a ticket: scripts in the sidebar view, every internal note
 * and the follow-up task use it, then add only what is specific to that text (a clock, a reason, a batch…).
 * Everything comes from the projection and the policy, in the given locale. Pure.
 */
import { missingIntake, productOf, remedyOptions, renderTemplate } from '../../../policies/src/engine';
import type { CategoryId, Locale, Policy, TemplateVars } from '../../../policies/src/types';
import type { TicketProjection } from './ticket-projection';
import { categoryLabel, formatDeadline, groupLabel, listText, severityLabel, signalLabels, tierLabel } from './labels';
import { remedyInputOf } from './remedy-input';
import { slaOf } from './sla-timers';
import { ticketOf } from './ticket-of';

export interface VarsContext {
  locale: Locale;
  now: number;
  /** The agent viewing (view) or acting (agent actions); absent for system notes. */
  agentName?: string;
  /** Who reads the text: deadlines are in that reader's zone (policy `timeZones`). Default: an internal note. */
  reader?: 'customers' | 'notes';
}

/** The lowest-ranked role: option labels do not depend on the role, and it never fails for an unknown one. */
function lowestRole(policy: Policy): string {
  return Object.entries(policy.remedies.roles).sort((a, b) => a[1].rank - b[1].rank)[0][0];
}

/** The chosen remedy's label, else the first choice's; undefined when no matrix entry applies. */
export function remedyLabel(p: TicketProjection, policy: Policy, locale: Locale, now: number): string | undefined {
  try {
    const options = remedyOptions(remedyInputOf(p, policy), policy, lowestRole(policy), now, locale).options;
    return (options.find((o) => o.rank === p.remedy.chosen?.rank) ?? options[0])?.label;
  } catch {
    return undefined;
  }
}

/** The ends of the follow-up CSAT scale (`{{csat_min}}`, `{{csat_max}}`). */
const csatEnds = (policy: Policy) => ({ csat_min: policy.followUp.csatScale.min, csat_max: policy.followUp.csatScale.max });

export function templateVars(p: TicketProjection, policy: Policy, ctx: VarsContext): TemplateVars {
  const { locale, now } = ctx;
  const reader = ctx.reader ?? 'notes';
  const sla = slaOf(p, policy, now);
  const replied = !!p.firstAgentReplyAt || sla.respond.state === 'met';
  const gaps = missingIntake(ticketOf(p), p.category as CategoryId, policy, locale);
  const missing = gaps.map((g) => g.label);
  return {
    customer_name: p.snapshot.requester?.name,
    agent_name: ctx.agentName,
    ticket_id: p.id,
    product: productOf(policy, p.fields),
    deadline: formatDeadline(policy, p.severity, replied ? sla.resolve.dueAt : sla.respond.dueAt, reader, locale),
    respond_by: formatDeadline(policy, p.severity, sla.respond.dueAt, reader, locale),
    resolve_by: formatDeadline(policy, p.severity, sla.resolve.dueAt, reader, locale),
    category: categoryLabel(policy, p.category, locale),
    severity: severityLabel(policy, p.severity, locale),
    signals: signalLabels(policy, p.signals, locale) || '-',
    group: groupLabel(policy, p.group, locale),
    tier: tierLabel(policy, p.tier, locale),
    missing_fields: listText(locale, missing),
    missing_details: listText(
      locale,
      gaps.map((g) => g.ask),
    ),
    remedy: remedyLabel(p, policy, locale, now),
    csat_question: renderTemplate(
      policy.followUp.csatQuestion[locale] ?? policy.followUp.csatQuestion[policy.defaultLocale],
      csatEnds(policy),
    ),
    ...csatEnds(policy),
    company: policy.company,
  };
}
