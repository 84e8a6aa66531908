/**
 * policies/default.json with its learned model switched off (`classification.model.enabled: false`), as a file in
 * `dir`: for tests of delivery, ordering, leases, timers and rate limits on connector processes, where each start
 * loading the shipped 20 MB model (about 0.7 s of CPU, and its memory in every process) is only cost. The rules
 * still classify every ticket, so each one still gets its note, tags and timers.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Writes `<dir>/rules-only-policy.json`; returns its path (for POLICY_FILE). */
export function writeRulesOnlyPolicy(dir: string): string {
  const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8'));
  policy.classification.model = { ...policy.classification.model, enabled: false };
  const file = path.join(dir, 'rules-only-policy.json');
  fs.writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}
