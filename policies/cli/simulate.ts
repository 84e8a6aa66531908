/**
 * `complaint-desk simulate --policy FILE --tickets FILE.jsonl [--now ISO]`: a dry run of a policy over
 * a ticket file — per ticket the classification, deadlines, dispatch group, escalations and remedy
 * options, then a summary table. Nothing is written anywhere but stdout/stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify, escalations, remedyOptions, slaState } from '../src/engine';
import { LOCALES, type Locale } from '../src/ids';
import type { SlaClock, Policy, SlaTimeline } from '../src/types';
import { readPolicyOrReport, parseArgs, write, type CliCommand, type CliIo } from './cli-io';
import { inputFileProblem } from './check-input-file';
import { errorReporter, lines, parseTicketLine, type TicketLine } from './read-tickets';
import { emptySummary, summaryText, type SimSummary } from './simulate-summary';
import type { Ticket } from '../src/types';

export const SIMULATE_HELP = `Usage: complaint-desk simulate --policy FILE --tickets FILE.jsonl [--now ISO] [options]

Dry run of a policy: for every ticket in the JSONL file prints the classification, the SLA
deadlines, the dispatch group, the escalations that fire and the remedy options; then a summary
table (counts per category × severity, escalations by rule). Use it before activating a policy.
  --policy FILE     policy JSON to simulate (required)
  --tickets FILE    JSONL tickets, as for \`classify\` (optional per ticket: createdAt, status,
                    requester {id,email,tags}, purchaseDate, deliveredAt, orderAmount, remedyRejections)
  --now ISO         the moment to evaluate clocks at (default: now); tickets without createdAt start then
  --role ROLE       agent role for remedy approvals (default: the lowest-ranked role in the policy)
  --locale LOCALE   labels language: ${LOCALES.join(', ')} (default: the policy's defaultLocale)
  --json            one JSON object per ticket, then {"summary": …}, instead of text
Exit 0 when every ticket was simulated, 1 when some lines were skipped, 2 on bad arguments or policy.
`;

const DAY_MS = 86_400_000;

function requesterKey(t: TicketLine): string | null {
  const r = t.requester;
  const k = r?.id ?? r?.email ?? r?.phone;
  return k ? k.trim().toLowerCase() : null;
}

/** First pass: when each requester's tickets were created (for `repeat_requester`). */
async function requesterHistory(file: string, now: number): Promise<Map<string, number[]>> {
  const seen = new Map<string, number[]>();
  for await (const l of lines(fs.createReadStream(file))) {
    const p = parseTicketLine(l);
    if (!p?.ok) continue;
    const key = requesterKey(p.line);
    if (!key) continue;
    const list = seen.get(key) ?? [];
    list.push(p.line.createdAt ? Date.parse(p.line.createdAt) : now);
    seen.set(key, list);
  }
  return seen;
}

function timeline(ticket: Ticket, severity: SlaTimeline['severity'], now: number): SlaTimeline {
  const createdAt = ticket.createdAt ?? new Date(now).toISOString();
  const reply =
    (ticket.comments ?? [])
      .filter((c) => c.author === 'agent' && c.public)
      .map((c) => c.createdAt)
      .sort()[0] ?? null;
  return {
    createdAt,
    severity,
    channel: ticket.channel,
    firstAgentReplyAt: reply,
    statusChanges: [{ at: createdAt, status: ticket.status ?? 'new' }],
  };
}

const clockView = (c: SlaClock | null) => (c ? { dueAt: c.dueAt, state: c.state } : null);

function simulateOne(
  t: TicketLine,
  ticket: Ticket,
  policy: Policy,
  ctx: { now: number; role: string; locale: Locale; history: Map<string, number[]> },
) {
  const c = classify(ticket, policy);
  const sla = slaState(timeline(ticket, c.severity, ctx.now), policy, ctx.now);
  const created = ticket.createdAt ? Date.parse(ticket.createdAt) : ctx.now;
  const times = ctx.history.get(requesterKey(t) ?? '') ?? [];
  const esc = escalations(
    {
      severity: c.severity,
      signals: c.signals,
      sla,
      requesterTags: t.requester?.tags ?? [],
      remedyRejections: t.remedyRejections ?? 0,
      requesterComplaints: (days) => (requesterKey(t) ? times.filter((x) => x <= created && x > created - days * DAY_MS).length : 0),
    },
    policy,
  );
  const rem = remedyOptions(
    {
      category: c.category,
      severity: c.severity,
      purchaseDate: t.purchaseDate ?? null,
      deliveredAt: t.deliveredAt ?? null,
      orderAmount: t.orderAmount ?? null,
    },
    policy,
    ctx.role,
    ctx.now,
    ctx.locale,
  );
  return {
    id: ticket.id,
    category: c.category,
    severity: c.severity,
    signals: c.signals,
    rules: [...new Set(c.matches.map((m) => m.ruleId))],
    deadlines: {
      state: sla.state,
      acknowledge: clockView(sla.acknowledge),
      respond: clockView(sla.respond),
      resolve: clockView(sla.resolve),
    },
    dispatchGroup: policy.severities[c.severity].group,
    escalation: {
      tier: esc.tier,
      group: esc.group,
      priority: esc.priority,
      rules: esc.hits.map((h) => h.ruleId),
      addTags: esc.addTags,
      notifySupervisor: esc.notifySupervisor,
    },
    remedies: {
      entryId: rem.entryId,
      warranty: rem.warranty,
      warrantyKnown: rem.warrantyKnown,
      withinNoReasonReturn: rem.withinNoReasonReturn,
      currency: rem.currency,
      options: rem.options.map((o) => ({
        rank: o.rank,
        kind: o.kind,
        label: o.label,
        effectiveCap: o.effectiveCap,
        capPercent: o.capPercent,
        needsApproval: o.needsApproval,
        approverRole: o.approverRole,
      })),
    },
  };
}

type SimResult = ReturnType<typeof simulateOne>;

function textOf(r: SimResult): string {
  const clock = (name: string, c: { dueAt: string | null; state: string } | null) =>
    c ? `${name} ${c.dueAt ?? '(paused)'} [${c.state}]` : null;
  const d = r.deadlines;
  const cap = (o: SimResult['remedies']['options'][number]) =>
    o.effectiveCap !== null
      ? ` ≤ ${Math.round(o.effectiveCap * 100) / 100} ${r.remedies.currency}`
      : o.capPercent !== null
        ? ` ≤ ${o.capPercent} %`
        : '';
  const opts = r.remedies.options.map(
    (o) => `${o.rank}: ${o.label}${cap(o)}${o.needsApproval ? ` (approval: ${o.approverRole ?? 'no role may approve'})` : ''}`,
  );
  return [
    `${r.id}  ${r.category} · ${r.severity} · signals: ${r.signals.join(', ') || '-'} · rules: ${r.rules.join(', ') || '-'}`,
    `    deadlines: ${[clock('acknowledge', d.acknowledge), clock('respond', d.respond), clock('resolve', d.resolve)].filter(Boolean).join(' · ')}`,
    `    dispatch: ${r.dispatchGroup} · escalation: ${r.escalation.tier} → ${r.escalation.group}, ${r.escalation.priority}${r.escalation.rules.length ? ` (${r.escalation.rules.join(', ')})` : ''}${r.escalation.notifySupervisor ? ' · notify supervisor' : ''}`,
    `    remedies ${r.remedies.entryId} (warranty ${r.remedies.warranty}${r.remedies.warrantyKnown ? '' : ', purchase date unknown'}): ${opts.join(' | ')}`,
    '',
  ].join('\n');
}

function options(
  args: string[],
  io: CliIo,
):
  | { error: string }
  | { policyFile: string; ticketsFile: string; now: number; role?: string; locale?: Locale; json: boolean; help: boolean } {
  const { opts, rest, error } = parseArgs(args, ['policy', 'tickets', 'now', 'role', 'locale']);
  if (opts.help) return { policyFile: '', ticketsFile: '', now: 0, json: false, help: true };
  if (error) return { error };
  if (rest.length) return { error: `unexpected argument(s): ${rest.join(' ')}` };
  if (typeof opts.policy !== 'string') return { error: '--policy FILE is required' };
  if (typeof opts.tickets !== 'string') return { error: '--tickets FILE.jsonl is required' };
  const now = typeof opts.now === 'string' ? Date.parse(opts.now) : Date.now();
  if (Number.isNaN(now)) return { error: `--now "${opts.now}" is not an ISO-8601 date-time (e.g. 2026-11-22T10:30:00Z)` };
  const locale = opts.locale;
  if (locale !== undefined && !(LOCALES as readonly unknown[]).includes(locale))
    return { error: `--locale must be one of ${LOCALES.join(', ')}` };
  return {
    policyFile: opts.policy,
    ticketsFile: path.resolve(io.cwd, opts.tickets),
    now,
    role: typeof opts.role === 'string' ? opts.role : undefined,
    locale: locale as Locale | undefined,
    json: opts.json === true,
    help: false,
  };
}

export const simulate: CliCommand = async (args, io) => {
  const o = options(args, io);
  if ('error' in o) {
    io.stderr.write(`${o.error}\n\n${SIMULATE_HELP}`);
    return 2;
  }
  if (o.help) {
    await write(io.stdout, SIMULATE_HELP);
    return 0;
  }
  // The tickets file is checked before the policy is prepared.
  const ticketsProblem = inputFileProblem(o.ticketsFile, `--tickets ${o.ticketsFile}`);
  if (ticketsProblem) {
    io.stderr.write(`${ticketsProblem}\n`);
    return 2;
  }
  const loaded = readPolicyOrReport(o.policyFile, io);
  if (!loaded) return 2;
  const policy = loaded.policy;
  const role = o.role ?? Object.entries(policy.remedies.roles).sort((a, b) => a[1].rank - b[1].rank)[0][0];
  if (!Object.prototype.hasOwnProperty.call(policy.remedies.roles, role)) {
    io.stderr.write(`--role "${role}" is not a role in the policy (known: ${Object.keys(policy.remedies.roles).join(', ')})\n`);
    return 2;
  }
  const ctx = { now: o.now, role, locale: o.locale ?? policy.defaultLocale, history: await requesterHistory(o.ticketsFile, o.now) };
  const summary: SimSummary = emptySummary(policy.escalation.rules.map((r) => r.id));
  const errors = errorReporter(io.stderr);
  for await (const l of lines(fs.createReadStream(o.ticketsFile))) {
    const p = parseTicketLine(l);
    if (!p) continue;
    if (!p.ok) {
      summary.failed++;
      errors.report(p);
      continue;
    }
    let r: SimResult;
    try {
      r = simulateOne(p.line, p.ticket, policy, ctx);
    } catch (e) {
      summary.failed++;
      errors.report({ ok: false, lineNo: p.lineNo, id: p.ticket.id, error: `simulation failed: ${(e as Error).message}` });
      continue;
    }
    summary.tickets++;
    summary.bySeverity[r.category][r.severity]++;
    summary.byTier[r.escalation.tier]++;
    for (const id of r.escalation.rules) summary.byRule[id] = (summary.byRule[id] ?? 0) + 1;
    if (!r.escalation.rules.length) summary.notEscalated++;
    await write(io.stdout, o.json ? `${JSON.stringify(r)}\n` : textOf(r));
  }
  errors.finish();
  await write(io.stdout, o.json ? `${JSON.stringify({ summary })}\n` : `\n${summaryText(summary)}`);
  return summary.failed ? 1 : 0;
};
