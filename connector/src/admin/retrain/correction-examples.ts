/**
 * Agents' corrections in the connector database as labelled examples for a retrain from the admin
 * console: every ticket an agent corrected (or confirmed), with the category, severity and signals
 * it has now (the correction applied). An uncorrected ticket stores JSON `null` there, not SQL NULL. Read-only; the same rows `model train --with-corrections` uses.
 */
import type Database from 'better-sqlite3';
import type { LabelledTicket } from '../../../../policies/src/training/train-model';

export type CorrectedRow = {
  host: string;
  id: string;
  subject: string;
  snapshot: string | null;
  category: string;
  severity: string;
  signals: string | null;
};

export function correctionExamples(db: Database.Database): LabelledTicket[] {
  return examplesOf(
    db
      .prepare(
        "SELECT host, id, subject, snapshot, category, severity, signals FROM tickets WHERE correction IS NOT NULL AND correction != 'null' ORDER BY updated_at",
      )
      .all() as CorrectedRow[],
  );
}

/** Corrected projection rows (either backend) as labelled examples. */
export function examplesOf(rows: CorrectedRow[]): LabelledTicket[] {
  return rows.map((r) => {
    const snap = JSON.parse(r.snapshot || '{}') as { description?: string; locale?: string };
    return {
      id: `correction:${r.host}/${r.id}`,
      subject: r.subject ?? '',
      description: snap.description ?? '',
      locale: snap.locale,
      expected: { category: r.category, severity: r.severity, signals: JSON.parse(r.signals || '[]') },
    } as LabelledTicket;
  });
}
