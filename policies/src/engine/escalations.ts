/**
 * Escalation: evaluates every `policy.escalation.rules` trigger against the ticket's state and
 * folds the hits into one decision (tier, group, priority, tags). Pure; no wording of its own
 * beyond rule ids and trigger values: the reason text is the rule's description plus the facts.
 */
import { PRIORITY_IDS, TIER_IDS, type Locale } from '../ids';
import { listText } from './list-text';
import type { SlaClock, EscalationHit, EscalationInput, EscalationResult, Policy, PriorityId, TierId } from '../types';

type Rule = Policy['escalation']['rules'][number];
type Trigger = Rule['when'];

const tierRank = (t: TierId) => TIER_IDS.indexOf(t);
/** Lower index = more urgent (urgent, high, normal, low). */
const urgency = (p: PriorityId) => PRIORITY_IDS.indexOf(p);

function clocksOf(input: EscalationInput): SlaClock[] {
  const s = input.sla;
  if (!s) return [];
  return [s.acknowledge, s.respond, s.resolve].filter((c): c is SlaClock => !!c);
}

/** A `warning` trigger also fires once the clock is past warning (breached): escalation never steps back. */
function clockMatches(clock: SlaClock, state: 'warning' | 'breached'): boolean {
  return state === 'breached' ? clock.state === 'breached' : clock.state === 'warning' || clock.state === 'breached';
}

/** What triggered the rule (a short factual phrase), or null when the trigger does not fire. */
function fired(when: Trigger, input: EscalationInput, policy: Policy, locale: Locale): string | null {
  switch (when.type) {
    case 'signal': {
      // Labels in the reader's locale, never ids: the reason reaches notes and the sidebar.
      const hit = when.anyOf.filter((s) => input.signals.includes(s));
      return hit.length
        ? listText(
            locale,
            hit.map((s) => policy.signals[s]?.label[locale] ?? s),
          )
        : null;
    }
    case 'severity':
      return when.anyOf.includes(input.severity) ? (policy.severities[input.severity]?.label[locale] ?? input.severity) : null;
    case 'sla': {
      const hit = clocksOf(input).filter((c) => (when.clock === 'any' || c.id === when.clock) && clockMatches(c, when.state));
      const name = (c: SlaClock) => policy.sla.clockLabels[c.id]?.[locale] ?? c.id;
      return hit.length ? hit.map(name).join(', ') : null;
    }
    case 'repeat_requester': {
      if (!input.requesterComplaints) return null;
      const n = input.requesterComplaints(when.withinDays);
      return n >= when.count ? `${n} ≥ ${when.count} / ${when.withinDays} d` : null;
    }
    case 'vip': {
      const vip = new Set(policy.escalation.vipTags.map((t) => t.toLowerCase()));
      const hit = (input.requesterTags ?? []).filter((t) => vip.has(t.toLowerCase()));
      return hit.length ? `tag ${hit.join(', ')}` : null;
    }
    case 'remedy_rejected': {
      const n = input.remedyRejections ?? 0;
      return n >= when.count ? `${n} ≥ ${when.count}` : null;
    }
  }
}

/** A rule's description in a locale (a plain-string description is used as it is). */
export function ruleDescription(rule: Rule, locale: Locale, fallback: Locale): string {
  const d = rule.description;
  if (!d) return rule.id;
  return typeof d === 'string' ? d : (d[locale] ?? d[fallback]);
}

function hitOf(rule: Rule, because: string, locale: Locale, fallback: Locale): EscalationHit {
  return {
    ruleId: rule.id,
    tier: rule.then.tier,
    group: rule.then.group ?? null,
    priority: rule.then.priority ?? null,
    addTags: [...rule.then.addTags],
    note: rule.then.note,
    notifySupervisor: rule.then.notifySupervisor,
    reason: `${ruleDescription(rule, locale, fallback)}${locale === 'en' ? ` (${because})` : `（${because}）`}`,
  };
}

/**
 * Tier = highest tier among hits (front_line when none). Group = the group of the last hit at that
 * tier that names one, else the tier's group; with no hits, the severity's dispatch group.
 * Priority = the most urgent of the hits' priorities and the severity's own priority.
 */
export function escalations(input: EscalationInput, policy: Policy, locale: Locale = policy.defaultLocale): EscalationResult {
  const hits: EscalationHit[] = [];
  for (const rule of policy.escalation.rules) {
    const because = fired(rule.when, input, policy, locale);
    if (because !== null) hits.push(hitOf(rule, because, locale, policy.defaultLocale));
  }
  const severity = policy.severities[input.severity];
  let tier: TierId = TIER_IDS[0];
  for (const h of hits) if (tierRank(h.tier) > tierRank(tier)) tier = h.tier;
  let group: string = hits.length ? policy.escalation.tiers[tier].group : severity.group;
  for (const h of hits) if (h.tier === tier && h.group) group = h.group;
  let priority: PriorityId = severity.priority.zendesk;
  for (const h of hits) if (h.priority && urgency(h.priority) < urgency(priority)) priority = h.priority;
  const addTags = [...new Set(hits.flatMap((h) => h.addTags))];
  return { tier, hits, group, priority, addTags, notifySupervisor: hits.some((h) => h.notifySupervisor) };
}
