/**
 * The KPI cards' counts and rates over a window's stored day groups, the same for SQLite (ticket-facts.ts) and
 * PostgreSQL (pg-admin-data.ts). Pure: the stores read the groups.
 */
import type { DayGroup } from '../store/facts-repo';
import { pct, type Kpis } from './compute-kpis';

export interface WindowTotals {
  total: number;
  breached: number;
  escalated: number;
  solved: number;
  reopened: number;
  csatN: number;
  csatSum: number;
}

/** The groups summed; `overdueUnflagged` (open tickets past their deadline that no group counts as breached yet) adds to `breached`. */
export function sumDayGroups(groups: readonly DayGroup[], overdueUnflagged: number): WindowTotals {
  const sum = { total: 0, breached: overdueUnflagged, escalated: 0, solved: 0, reopened: 0, csatN: 0, csatSum: 0 };
  for (const g of groups) {
    sum.total += g.n;
    sum.breached += g.breached;
    sum.escalated += g.escalated;
    sum.solved += g.solved;
    sum.reopened += g.reopened;
    sum.csatN += g.csatN;
    sum.csatSum += g.csatSum;
  }
  return sum;
}

/** SLA attainment, escalation and reopen rates (percent, one decimal; null without tickets). */
export function windowRates(sum: WindowTotals): Pick<Kpis, 'slaAttainmentPercent' | 'escalationRatePercent' | 'reopenRatePercent'> {
  return {
    slaAttainmentPercent: pct(sum.total - sum.breached, sum.total),
    escalationRatePercent: pct(sum.escalated, sum.total),
    reopenRatePercent: pct(sum.reopened, sum.solved),
  };
}
