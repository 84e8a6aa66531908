/**
 * Dashboard KPIs as a pure function of per-ticket facts and "now". No I/O: collect-facts.ts gathers the facts.
 * Definitions (docs/sandbox-and-admin.md): times are calendar ms from creation; percentiles use the
 * nearest-rank method; SLA attainment = tickets with no clock breached (late stops count as breached).
 */

export interface TicketFacts {
  host: string;
  id: string;
  subject: string;
  createdAt: string;
  category: string;
  severity: string;
  status: string;
  tier: string;
  escalated: boolean;
  firstAgentReplyAt: string | null;
  /** First time the ticket entered a stop status (solved/closed). */
  solvedAt: string | null;
  /** Solved, then opened again. */
  reopened: boolean;
  batch: string | null;
  /** SLA state now: worst across clocks. */
  sla: 'ok' | 'warning' | 'breached' | 'paused' | 'met' | null;
  /** Any clock breached, now or when it stopped. */
  breachedEver: boolean;
  /** Earliest running deadline. */
  dueAt: string | null;
  csat: number | null;
}

export interface Stat {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
}
export interface Series {
  days: number[];
  series: { label: string; values: number[] }[];
}

export interface Kpis {
  total: number;
  firstResponse: Stat;
  resolution: Stat;
  slaAttainmentPercent: number | null;
  escalationRatePercent: number | null;
  reopenRatePercent: number | null;
  /** Average CSAT answer; `min`/`max` are the policy's scale (`followUp.csatScale`). */
  csat: { n: number; average: number; min: number; max: number } | null;
  perCategory: Series;
  perSeverity: Series;
  topBatches: { batch: string; count: number; open: number }[];
  breachedNow: Pick<TicketFacts, 'host' | 'id' | 'subject' | 'severity' | 'dueAt'>[];
  atRiskNow: Pick<TicketFacts, 'host' | 'id' | 'subject' | 'severity' | 'dueAt'>[];
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function stat(values: number[]): Stat {
  const s = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  return { n: s.length, medianMs: percentile(s, 50), p90Ms: percentile(s, 90) };
}

/** `num` of `den` in percent, one decimal; null when `den` is 0. */
export const pct = (num: number, den: number) => (den ? Math.round((num / den) * 1000) / 10 : null);
const DAY_MS = 86_400_000;
/** Charts show at least a week, so a single day of data still has a readable time axis. */
const MIN_DAYS = 7;

/** Counts per day (UTC) for each label, from the first day with a ticket (at least 7 days back) to today; labels in the given order. */
export function dailySeries(facts: TicketFacts[], key: 'category' | 'severity', labels: readonly string[], now: number): Series {
  if (!facts.length) return { days: [], series: labels.map((label) => ({ label, values: [] })) };
  const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY_MS);
  const last = Math.max(Math.floor(now / DAY_MS), ...facts.map((f) => dayOf(f.createdAt)));
  const first = Math.min(last - (MIN_DAYS - 1), ...facts.map((f) => dayOf(f.createdAt)));
  const days = Array.from({ length: last - first + 1 }, (_, i) => (first + i) * 86_400);
  const series = labels.map((label) => ({ label, values: days.map(() => 0) }));
  for (const f of facts) {
    const s = series.find((x) => x.label === f[key]);
    if (s) s.values[dayOf(f.createdAt) - first]++;
  }
  return { days, series };
}

export function computeKpis(
  facts: TicketFacts[],
  opts: {
    now: number;
    categories: readonly string[];
    severities: readonly string[];
    stopStatuses: readonly string[];
    csatScale: { min: number; max: number };
    topN?: number;
  },
): Kpis {
  const ms = (a: string, b: string | null) => (b ? Date.parse(b) - Date.parse(a) : NaN);
  const solvedEver = facts.filter((f) => f.solvedAt);
  const csats = facts.map((f) => f.csat).filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
  const open = (f: TicketFacts) => !opts.stopStatuses.includes(f.status);
  const batches = new Map<string, { count: number; open: number }>();
  for (const f of facts) {
    if (!f.batch) continue;
    const b = batches.get(f.batch) ?? { count: 0, open: 0 };
    b.count++;
    if (open(f)) b.open++;
    batches.set(f.batch, b);
  }
  const brief = (f: TicketFacts) => ({ host: f.host, id: f.id, subject: f.subject, severity: f.severity, dueAt: f.dueAt });
  const byDue = (a: TicketFacts, b: TicketFacts) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '');
  return {
    total: facts.length,
    firstResponse: stat(facts.map((f) => ms(f.createdAt, f.firstAgentReplyAt))),
    resolution: stat(solvedEver.map((f) => ms(f.createdAt, f.solvedAt))),
    slaAttainmentPercent: pct(facts.filter((f) => !f.breachedEver).length, facts.length),
    escalationRatePercent: pct(facts.filter((f) => f.escalated).length, facts.length),
    reopenRatePercent: pct(solvedEver.filter((f) => f.reopened).length, solvedEver.length),
    csat: csats.length
      ? { n: csats.length, average: Math.round((csats.reduce((a, b) => a + b, 0) / csats.length) * 100) / 100, ...opts.csatScale }
      : null,
    perCategory: dailySeries(facts, 'category', opts.categories, opts.now),
    perSeverity: dailySeries(facts, 'severity', opts.severities, opts.now),
    topBatches: [...batches.entries()]
      .map(([batch, b]) => ({ batch, ...b }))
      .sort((a, b) => b.count - a.count || a.batch.localeCompare(b.batch))
      .slice(0, opts.topN ?? 10),
    breachedNow: facts
      .filter((f) => open(f) && f.sla === 'breached')
      .sort(byDue)
      .map(brief),
    atRiskNow: facts
      .filter((f) => open(f) && f.sla === 'warning')
      .sort(byDue)
      .map(brief),
  };
}
