/** The summary table `simulate` prints after the per-ticket lines (plain text, fixed-width columns). */
import { CATEGORY_IDS, SEVERITY_IDS, TIER_IDS, type CategoryId, type SeverityId, type TierId } from '../src/ids';

export interface SimSummary {
  tickets: number;
  failed: number;
  bySeverity: Record<CategoryId, Record<SeverityId, number>>;
  byRule: Record<string, number>;
  byTier: Record<TierId, number>;
  notEscalated: number;
}

export function emptySummary(ruleIds: string[]): SimSummary {
  const bySeverity = Object.fromEntries(
    CATEGORY_IDS.map((c) => [c, Object.fromEntries(SEVERITY_IDS.map((s) => [s, 0]))]),
  ) as SimSummary['bySeverity'];
  const byTier = Object.fromEntries(TIER_IDS.map((t) => [t, 0])) as SimSummary['byTier'];
  return { tickets: 0, failed: 0, bySeverity, byRule: Object.fromEntries(ruleIds.map((r) => [r, 0])), byTier, notEscalated: 0 };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function summaryText(s: SimSummary): string {
  const sevTotal = (sev: SeverityId) => CATEGORY_IDS.reduce((n, c) => n + s.bySeverity[c][sev], 0);
  const rows = [['category', ...SEVERITY_IDS, 'total']];
  for (const c of CATEGORY_IDS) {
    const counts = SEVERITY_IDS.map((sev) => s.bySeverity[c][sev]);
    rows.push([c, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))]);
  }
  rows.push(['total', ...SEVERITY_IDS.map((sev) => String(sevTotal(sev))), String(s.tickets)]);
  const ruleRows = [
    ['escalation rule', 'tickets'],
    ...Object.entries(s.byRule).map(([r, n]) => [r, String(n)]),
    ['(no rule fired)', String(s.notEscalated)],
  ];
  const tierRows = [['tier', 'tickets'], ...TIER_IDS.map((t) => [t, String(s.byTier[t])])];
  return [
    `Summary: ${s.tickets} ticket(s) simulated${s.failed ? `, ${s.failed} line(s) skipped (see stderr)` : ''}`,
    '',
    'Counts per category × severity',
    table(rows),
    '',
    'Escalations by rule',
    table(ruleRows),
    '',
    'Resulting tier',
    table(tierRows),
    '',
  ].join('\n');
}
