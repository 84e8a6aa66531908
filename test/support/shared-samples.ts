/**
 * The labelled sample complaints in `../shared/samples/complaints.jsonl` (beside the repository, as CI
 * lays it out). Resolved from this file, never from an absolute path.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED_DIR = process.env.COMPLAINT_DESK_SHARED_DIR || path.resolve(REPO_ROOT, '..', 'shared');
export const SAMPLES_FILE = path.join(SHARED_DIR, 'samples', 'complaints.jsonl');

export interface Sample {
  id: string;
  lang: string;
  subject: string;
  description: string;
  expected: { category: string; severity: string; signals: string[] };
}

export function readSamples(): Sample[] {
  return fs.readFileSync(SAMPLES_FILE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Sample);
}
