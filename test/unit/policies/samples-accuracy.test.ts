/**
 * Accuracy of the default policy over the shared labelled samples (../shared/samples/complaints.jsonl,
 * beside the repository), rules alone, widened into both Chinese scripts as the connector and the sidebar use it.
 * Prints per-field accuracy; fails below 90 % severity or 100 % L1 recall.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../policies/src/engine';
import type { Ticket } from '../../../policies/src/types';
import { expandScripts } from '../../../policies/server/expand-scripts';
import { parsePolicy } from '../../../policies/src/validate-policy';
import { accuracy, formatAccuracy, type LabelledTicket } from './classification-accuracy';

import { SAMPLES_FILE as SAMPLES, describeIfShared } from '../../support/shared-samples';

function load(): LabelledTicket[] {
  return fs
    .readFileSync(SAMPLES, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledTicket);
}

describeIfShared(SAMPLES, 'default policy over the shared samples', () => {
  test('per-field accuracy: severity ≥ 90 %, L1 recall 100 %', () => {
    const r = parsePolicy(fs.readFileSync(path.resolve(__dirname, '../../../policies/default.json'), 'utf8'));
    if (!r.ok) throw new Error(`default policy invalid: ${JSON.stringify(r.problems)}`);
    const samples = load();
    expect(samples.length).toBeGreaterThan(0);
    const policy = expandScripts(r.policy);
    const result = accuracy(samples, (t: Ticket) => classify(t, policy));
    console.log(`classification accuracy over ${SAMPLES} (${samples.length} tickets)\n${formatAccuracy(result)}`);
    expect(result.severity).toBeGreaterThanOrEqual(0.9);
    expect(result.l1Recall).toBe(1);
  });
});
