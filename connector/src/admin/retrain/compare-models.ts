/**
 * Dry run of a candidate model: each ticket classified with the active policy and with the same policy
 * carrying the candidate model; per ticket, what changes among category, severity, signals and review
 * state, with totals. Pure (the classification engine only); yields to the event loop between slices.
 */
import { classify } from '../../../../policies/src/engine';
import type { Policy } from '../../../../policies/src/types';
import type { DryRunTicket } from '../compute-dry-run';

export type ModelDiffField = 'category' | 'severity' | 'signals' | 'review';
export const MODEL_DIFF_FIELDS: ModelDiffField[] = ['category', 'severity', 'signals', 'review'];

export interface ModelOutcome {
  category: string;
  severity: string;
  signals: string[];
  review: boolean;
  reviewReasons: string[];
}

export interface ModelDryRunReport {
  total: number;
  changedTickets: number;
  totals: Record<ModelDiffField, number>;
  rows: { host: string; id: string; subject: string; before: ModelOutcome; after: ModelOutcome; changed: ModelDiffField[] }[];
  errors: { host: string; id: string; message: string }[];
}

export function modelOutcome(t: DryRunTicket, policy: Policy): ModelOutcome {
  const c = classify(t.ticket, policy);
  return {
    category: c.category,
    severity: c.severity,
    signals: [...c.signals].sort(),
    review: c.review?.needed ?? false,
    reviewReasons: c.review?.reasons ?? [],
  };
}

export function diffModelOutcomes(a: ModelOutcome, b: ModelOutcome): ModelDiffField[] {
  const out: ModelDiffField[] = [];
  if (a.category !== b.category) out.push('category');
  if (a.severity !== b.severity) out.push('severity');
  if (a.signals.join(',') !== b.signals.join(',')) out.push('signals');
  if (a.review !== b.review) out.push('review');
  return out;
}

export async function compareModels(tickets: DryRunTicket[], active: Policy, candidate: Policy, sliceMs = 15): Promise<ModelDryRunReport> {
  const report: ModelDryRunReport = {
    total: tickets.length,
    changedTickets: 0,
    totals: { category: 0, severity: 0, signals: 0, review: 0 },
    rows: [],
    errors: [],
  };
  let i = 0;
  while (i < tickets.length) {
    const until = performance.now() + sliceMs;
    do {
      const t = tickets[i++];
      try {
        const before = modelOutcome(t, active);
        const after = modelOutcome(t, candidate);
        const changed = diffModelOutcomes(before, after);
        for (const f of changed) report.totals[f]++;
        if (changed.length) {
          report.changedTickets++;
          report.rows.push({ host: t.host, id: t.ticket.id, subject: t.ticket.subject, before, after, changed });
        }
      } catch (e) {
        report.errors.push({ host: t.host, id: t.ticket.id, message: (e as Error).message });
      }
    } while (i < tickets.length && performance.now() < until);
    await new Promise((r) => setImmediate(r));
  }
  return report;
}
