/**
 * Loads the sample complaints (`../shared/samples/complaints.jsonl` next to the repo) into the sandbox.
 * Missing file → `{ missing: true }` (the page shows a quiet notice). Each sample gets its own requester
 * (`<sample id>@samples.invalid`), so loading twice skips the ones already there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { SandboxHelpdesk } from './create-sandbox-helpdesk';

export interface SampleResult {
  missing: boolean;
  file: string;
  loaded: number;
  skipped: number;
  invalid: number;
}

export function defaultSamplesFile(rootDir: string): string {
  return path.resolve(rootDir, '..', 'shared', 'samples', 'complaints.jsonl');
}

export function loadSamples(db: Database.Database, host: SandboxHelpdesk, file: string, channel: string | undefined): SampleResult {
  const result: SampleResult = { missing: false, file, loaded: 0, skipped: 0, invalid: 0 };
  if (!existsSync(file)) return { ...result, missing: true };
  const known = db.prepare('SELECT 1 FROM sandbox_requesters WHERE email = ?');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let s: { id?: unknown; lang?: unknown; subject?: unknown; description?: unknown };
    try {
      s = JSON.parse(line);
    } catch {
      result.invalid++;
      continue;
    }
    if (typeof s.subject !== 'string' || typeof s.description !== 'string' || typeof s.id !== 'string') {
      result.invalid++;
      continue;
    }
    const email = `${s.id.toLowerCase().replace(/[^a-z0-9]/g, '')}@samples.invalid`;
    if (known.get(email)) {
      result.skipped++;
      continue;
    }
    host.createComplaint({
      subject: s.subject,
      description: s.description,
      requester: { name: `Sample ${s.id}`, email },
      channel,
      locale: typeof s.lang === 'string' ? s.lang : undefined,
    });
    result.loaded++;
  }
  return result;
}
