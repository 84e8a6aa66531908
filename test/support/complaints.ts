/**
 * The project's own labelled complaints (test/fixtures/complaints/complaints.jsonl), for tests that need a
 * realistic ticket with a known classification. They ship with the repository, so the tests need nothing beside it.
 */
import path from 'node:path';
import { readJsonl } from './read-jsonl';

export const COMPLAINTS_FILE = path.resolve(__dirname, '../fixtures/complaints/complaints.jsonl');

export interface Complaint {
  id: string;
  lang: string;
  subject: string;
  description: string;
  expected: { category: string; severity: string; signals: string[] };
}

export function readComplaints(): Complaint[] {
  return readJsonl<Complaint>(COMPLAINTS_FILE);
}

/** One complaint by id; an unknown id is a mistake in the test, so it throws. */
export function complaint(id: string): Complaint {
  const c = readComplaints().find((x) => x.id === id);
  if (!c) throw new Error(`no complaint "${id}" in ${COMPLAINTS_FILE}`);
  return c;
}
