/**
 * Remedy options: the first `policy.remedies.matrix` entry matching category × severity × warranty,
 * with each option's effective money cap and whether the agent's role needs an approver.
 */
import type { Locale } from '../ids';
import type { Policy, RemedyInput, RemedyOptionView, RemedyResult } from '../types';

/** Errors the engine throws carry a code the connector maps to an HTTP answer. */
export class EngineError extends Error {
  constructor(
    readonly code: 'unknown_role' | 'no_remedy_entry',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface RemedyOptionsResult extends RemedyResult {
  /** False when the purchase date is unknown or unreadable: warranty is then assumed "in". */
  warrantyKnown: boolean;
}

const DAY_MS = 86_400_000;
type Role = Policy['remedies']['roles'][string];
type Option = Policy['remedies']['matrix'][number]['options'][number];

function parseTime(s: string | null | undefined): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** `from` plus whole calendar months (UTC), day clamped to the target month's length. */
function addMonths(from: number, months: number): number {
  const d = new Date(from);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

function effectiveCap(o: Option, orderAmount: number | null): number | null {
  const caps: number[] = [];
  if (o.capAmount !== null) caps.push(o.capAmount);
  if (o.capPercent !== null && orderAmount !== null) caps.push((o.capPercent / 100) * orderAmount);
  return caps.length ? Math.min(...caps) : null;
}

/** Whether a role may grant an option without approval (null limit = no limit). */
function covers(role: Role, cap: number | null, percent: number | null): boolean {
  if (cap !== null && role.maxAmount !== null && cap > role.maxAmount) return false;
  if (percent !== null && role.maxPercent !== null && percent > role.maxPercent) return false;
  return true;
}

export function remedyOptions(input: RemedyInput, policy: Policy, agentRole: string, now: number, locale: Locale): RemedyOptionsResult {
  const r = policy.remedies;
  const role = Object.prototype.hasOwnProperty.call(r.roles, agentRole) ? r.roles[agentRole] : undefined;
  if (!role) throw new EngineError('unknown_role', `unknown agent role "${agentRole}"; known roles: ${Object.keys(r.roles).join(', ')}`);

  const purchased = parseTime(input.purchaseDate);
  const warrantyKnown = purchased !== null;
  const warranty = purchased === null || addMonths(purchased, r.warrantyMonths) > now ? 'in' : 'out';
  const returnFrom = parseTime(input.deliveredAt) ?? purchased;
  const withinNoReasonReturn = returnFrom !== null && now - returnFrom <= r.noReasonReturnDays * DAY_MS;

  const entry = r.matrix.find(
    (e) => e.categories.includes(input.category) && e.severities.includes(input.severity) && e.warranty.includes(warranty),
  );
  if (!entry)
    throw new EngineError(
      'no_remedy_entry',
      `no remedies.matrix entry covers ${input.category} / ${input.severity} / warranty ${warranty}`,
    );

  const amount =
    typeof input.orderAmount === 'number' && Number.isFinite(input.orderAmount) && input.orderAmount >= 0 ? input.orderAmount : null;
  const ranked = Object.entries(r.roles).sort((a, b) => a[1].rank - b[1].rank);
  const options: RemedyOptionView[] = entry.options.map((o) => {
    const cap = effectiveCap(o, amount);
    // As a share of the order: exact when the amount is known, else the option's own % cap.
    const percent = amount !== null ? (cap !== null && amount > 0 ? (cap / amount) * 100 : null) : o.capPercent;
    // A %-only cap on an unknown order value has no known cost: assumed above the agent's own authority.
    const costKnown = o.capPercent === null || o.capAmount !== null || amount !== null;
    const topRank = ranked[ranked.length - 1][1].rank;
    const needsApproval = !covers(role, cap, percent) || (!costKnown && role.rank < topRank);
    const approver = needsApproval
      ? ranked.find(([, x]) => x.rank > role.rank && covers(x, cap, percent) && (costKnown || x.rank === topRank))
      : undefined;
    return {
      rank: o.rank,
      kind: o.kind,
      label: o.label[locale] ?? o.label[policy.defaultLocale],
      capAmount: o.capAmount,
      capPercent: o.capPercent,
      effectiveCap: cap,
      includesRefund: o.includesRefund ?? false,
      costKnown,
      needsApproval,
      approverRole: approver ? approver[0] : null,
    };
  });
  return { entryId: entry.id, warranty, withinNoReasonReturn, currency: r.currency, options, warrantyKnown };
}
