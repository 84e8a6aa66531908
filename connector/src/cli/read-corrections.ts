/**
 * Agents' corrections from the connector database as labelled examples for
 * `complaint-desk model train --with-corrections`: every ticket an agent corrected, with the
 * category and severity it has now (the correction applied) and its signals. Read-only.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { ExtraExamples } from '../../../policies/cli/model-train';
import type { LabelledTicket } from '../../../policies/src/training/train-model';
import { databaseFile } from '../store/open-database';
import { DEFAULT_DATABASE_URL } from './evidence-export';

type Row = { host: string; id: string; subject: string; snapshot: string; category: string; severity: string; signals: string };

export const readCorrections: ExtraExamples = async (opts, io) => {
  const url = typeof opts.db === 'string' ? opts.db : (io.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  let file: string;
  try {
    file = databaseFile(url);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const full = path.resolve(io.cwd, file);
  if (file === ':memory:' || !fs.existsSync(full))
    return { error: `database ${full} does not exist; set --db or DATABASE_URL to the connector's database` };
  const db = new Database(full, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        "SELECT host, id, subject, snapshot, category, severity, signals FROM tickets WHERE correction IS NOT NULL AND correction != 'null' ORDER BY updated_at",
      )
      .all() as Row[];
    const tickets: LabelledTicket[] = rows.map((r) => {
      const snap = JSON.parse(r.snapshot || '{}') as { description?: string; locale?: string };
      return {
        id: `correction:${r.host}/${r.id}`,
        subject: r.subject,
        description: snap.description ?? '',
        locale: snap.locale,
        expected: { category: r.category, severity: r.severity, signals: JSON.parse(r.signals || '[]') },
      } as LabelledTicket;
    });
    return { tickets, source: `corrections in ${path.basename(full)}` };
  } finally {
    db.close();
  }
};
