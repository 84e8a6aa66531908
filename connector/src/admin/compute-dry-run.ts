/**
 * Policy dry run as pure functions: what category / severity / deadlines / escalation each ticket gets
 * under the active and the candidate policy, and what differs (per ticket and in total).
 */
import {
  classify,
  escalations,
  lowestRole,
  remedyInputFrom,
  remedyOptions,
  scriptsFor,
  slaState,
  stageOf,
} from '../../../policies/src/engine';
import type { Policy, StatusId, Ticket } from '../../../policies/src/types';

export interface DryRunTicket {
  host: string;
  ticket: Ticket;
  firstAgentReplyAt?: string | null;
  statusChanges?: { at: string; status: StatusId }[];
  /** Complaints by the same requester in the last `withinDays` days. */
  requesterComplaints?: (withinDays: number) => number;
  remedyRejections?: number;
}

export interface Outcome {
  category: string;
  severity: string;
  signals: string[];
  acknowledgeDueAt: string | null;
  respondDueAt: string | null;
  resolveDueAt: string | null;
  tier: string;
  group: string;
  priority: string;
  /** Escalation rules that fire. */
  rules: string[];
  /** Remedy options as the lowest role sees them: `rank label cap approval(approver's role label)`. */
  remedies: string[];
  /** Scripts suggested in the ticket's stage, `label: text` (policy default locale). */
  scripts: string[];
}

export type DiffField = 'category' | 'severity' | 'deadline' | 'escalation' | 'priority' | 'remedies' | 'scripts';
export const DIFF_FIELDS: DiffField[] = ['category', 'severity', 'deadline', 'escalation', 'priority', 'remedies', 'scripts'];

export interface DryRunRow {
  host: string;
  id: string;
  subject: string;
  before: Outcome;
  after: Outcome;
  changed: DiffField[];
}

export interface DryRunReport {
  total: number;
  changedTickets: number;
  totals: Record<DiffField, number>;
  /** Tickets whose outcome differs (all of them, in input order). */
  rows: DryRunRow[];
  /** Tickets the engine could not evaluate (bad data), with the reason. */
  errors: { host: string; id: string; message: string }[];
}

export function outcomeFor(t: DryRunTicket, policy: Policy, now: number): Outcome {
  const c = classify(t.ticket, policy);
  const createdAt = t.ticket.createdAt ?? new Date(now).toISOString();
  const sla = slaState(
    {
      createdAt,
      severity: c.severity,
      channel: t.ticket.channel,
      firstAgentReplyAt: t.firstAgentReplyAt ?? null,
      statusChanges: t.statusChanges ?? [{ at: createdAt, status: t.ticket.status ?? 'new' }],
    },
    policy,
    now,
  );
  const esc = escalations(
    {
      severity: c.severity,
      signals: c.signals,
      sla,
      requesterComplaints: t.requesterComplaints ?? (() => 1),
      requesterTags: t.ticket.requester?.tags ?? [],
      remedyRejections: t.remedyRejections ?? 0,
    },
    policy,
  );
  const role = lowestRole(policy);
  const rem = remedyOptions(
    remedyInputFrom(c.category, c.severity, t.ticket.fields ?? {}, policy),
    policy,
    role,
    now,
    policy.defaultLocale,
  );
  // Shown to the admin as written: labels, never ids (the comparison is the same either way).
  const roleLabel = (r: string | null | undefined) => (r ? (policy.remedies.roles[r]?.label[policy.defaultLocale] ?? r) : 'none');
  const remedies = rem.options.map(
    (o) =>
      `${o.rank} ${o.label} ${o.effectiveCap ?? o.capPercent ?? '-'}${o.effectiveCap == null && o.capPercent != null ? '%' : ''} ${o.needsApproval ? `approval(${roleLabel(o.approverRole)})` : 'no-approval'}`,
  );
  const stage = stageOf({
    status: t.ticket.status ?? 'new',
    firstAgentReplyAt: t.firstAgentReplyAt ?? null,
    suspected: c.signals.some((s) => policy.evidence.suspectSignals.includes(s)),
    remedyProposed: false,
  });
  const scripts = scriptsFor(
    stage,
    policy,
    policy.defaultLocale,
    { ticket_id: t.ticket.id, company: policy.company, customer_name: t.ticket.requester?.name },
    c,
  ).map((s) => `${s.label}: ${s.text}`);
  return {
    category: c.category,
    severity: c.severity,
    signals: [...c.signals].sort(),
    acknowledgeDueAt: sla.acknowledge?.dueAt ?? null,
    respondDueAt: sla.respond.dueAt,
    resolveDueAt: sla.resolve.dueAt,
    tier: esc.tier,
    group: esc.group,
    priority: esc.priority,
    rules: esc.hits.map((h) => h.ruleId).sort(),
    remedies,
    scripts,
  };
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function diffOutcomes(a: Outcome, b: Outcome): DiffField[] {
  const out: DiffField[] = [];
  if (a.category !== b.category) out.push('category');
  if (a.severity !== b.severity) out.push('severity');
  if (a.acknowledgeDueAt !== b.acknowledgeDueAt || a.respondDueAt !== b.respondDueAt || a.resolveDueAt !== b.resolveDueAt)
    out.push('deadline');
  if (a.tier !== b.tier || a.group !== b.group || !same(a.rules ?? [], b.rules ?? [])) out.push('escalation');
  if (a.priority !== b.priority) out.push('priority');
  if (!same(a.remedies ?? [], b.remedies ?? [])) out.push('remedies');
  if (!same(a.scripts ?? [], b.scripts ?? [])) out.push('scripts');
  return out;
}

export function computeDryRun(tickets: DryRunTicket[], active: Policy, candidate: Policy, now: number): DryRunReport {
  const acc = emptyReport(tickets.length);
  for (const t of tickets) dryRunOne(acc, t, active, candidate, now);
  return acc;
}

/**
 * The same report in slices of at most `sliceMs` of work, yielding to the event loop between slices, so a dry
 * run over thousands of tickets never holds webhook acks for its whole duration.
 */
export async function computeDryRunChunked(
  tickets: DryRunTicket[],
  active: Policy,
  candidate: Policy,
  now: number,
  sliceMs = 15,
): Promise<DryRunReport> {
  const acc = emptyReport(tickets.length);
  let i = 0;
  while (i < tickets.length) {
    const until = performance.now() + sliceMs;
    do dryRunOne(acc, tickets[i++], active, candidate, now);
    while (i < tickets.length && performance.now() < until);
    await new Promise((r) => setImmediate(r));
  }
  return acc;
}

function emptyReport(total: number): DryRunReport {
  return {
    total,
    changedTickets: 0,
    totals: Object.fromEntries(DIFF_FIELDS.map((f) => [f, 0])) as Record<DiffField, number>,
    rows: [],
    errors: [],
  };
}

function dryRunOne(acc: DryRunReport, t: DryRunTicket, active: Policy, candidate: Policy, now: number): void {
  let before: Outcome;
  let after: Outcome;
  try {
    before = outcomeFor(t, active, now);
    after = outcomeFor(t, candidate, now);
  } catch (e) {
    acc.errors.push({ host: t.host, id: t.ticket.id, message: (e as Error).message });
    return;
  }
  const changed = diffOutcomes(before, after);
  for (const f of changed) acc.totals[f]++;
  if (changed.length) {
    acc.rows.push({ host: t.host, id: t.ticket.id, subject: t.ticket.subject, before, after, changed });
    acc.changedTickets++;
  }
}

/** Parses uploaded JSONL (one ticket per line: at least subject and description; sample files work as-is). */
export function parseTicketsJsonl(text: string): { tickets: DryRunTicket[]; problems: { line: number; message: string }[] } {
  const tickets: DryRunTicket[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line);
    } catch (e) {
      problems.push({ line: i + 1, message: `not JSON: ${(e as Error).message}` });
      return;
    }
    if (!v || typeof v !== 'object' || typeof v.subject !== 'string' || typeof v.description !== 'string') {
      problems.push({ line: i + 1, message: 'each line needs "subject" and "description" strings' });
      return;
    }
    const id = typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : `line-${i + 1}`;
    const ticket: Ticket = {
      id,
      subject: v.subject,
      description: v.description,
      ...(typeof v.channel === 'string' ? { channel: v.channel } : {}),
      ...(typeof v.createdAt === 'string' && !Number.isNaN(Date.parse(v.createdAt)) ? { createdAt: v.createdAt } : {}),
      ...(v.fields && typeof v.fields === 'object' ? { fields: v.fields as Ticket['fields'] } : {}),
      ...(v.requester && typeof v.requester === 'object' ? { requester: v.requester as Ticket['requester'] } : {}),
      ...(typeof v.lang === 'string' ? { locale: v.lang } : typeof v.locale === 'string' ? { locale: v.locale } : {}),
      ...(Array.isArray(v.comments) ? { comments: v.comments as Ticket['comments'] } : {}),
    };
    tickets.push({ host: 'upload', ticket });
  });
  return { tickets, problems };
}
