/**
 * Reads a labelled JSONL file (the shared samples' format: id, lang, subject, description,
 * expected {category, severity, signals}) for `eval` and `model train`. Bad lines are reported
 * with their line number; nothing is silently dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS } from '../src/ids';
import type { LabelledTicket } from '../src/training/train-model';
import { formatPath } from '../src/format-path';
import { inputFileProblem } from './check-input-file';

const labelled = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  lang: z.string().optional(),
  subject: z.string().default(''),
  description: z.string().default(''),
  expected: z.object({ category: z.enum(CATEGORY_IDS), severity: z.enum(SEVERITY_IDS), signals: z.array(z.enum(SIGNAL_IDS)).default([]) }),
});

export interface LabelledRead {
  tickets: LabelledTicket[];
  errors: string[];
}

export const MAX_LABELLED_BYTES = 200 * 1024 * 1024;

/** Reads FILE (relative to cwd). Throws with a one-line message when the file cannot be read at all. */
export function readLabelled(file: string, cwd: string): LabelledRead {
  const full = path.resolve(cwd, file);
  const problem = inputFileProblem(full, file, { maxBytes: MAX_LABELLED_BYTES });
  if (problem) throw new Error(problem);
  const tickets: LabelledTicket[] = [];
  const errors: string[] = [];
  const text = fs.readFileSync(full, 'utf8').replace(/^\uFEFF/, '');
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      errors.push(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
      return;
    }
    const r = labelled.safeParse(json);
    if (!r.success) {
      errors.push(`${file}:${i + 1}: ${r.error.issues.map((x) => `${formatPath(x.path)}: ${x.message}`).join('; ')}`);
      return;
    }
    const v = r.data;
    tickets.push({
      id: v.id,
      subject: v.subject,
      description: v.description,
      locale: v.lang,
      expected: { ...v.expected, signals: [...new Set(v.expected.signals)] },
    });
  });
  return { tickets, errors };
}
