/**
 * Inference speed-ups must not change any output: every ticket of policies/training/train.jsonl
 * (not the held-out split: a snapshot diff would show which held-out tickets a change moves) classified with the default policy and its model gives exactly the category, severity,
 * signals, confidences and review reasons recorded before the speed-up
 * (test/fixtures/policies/classify-snapshot.jsonl), and a digest of the whole Classification
 * (matches, scores, explanations, disagreements) is unchanged too.
 * The snapshot belongs to one model file and one default policy: after retraining or a policy change,
 * regenerate it from a commit whose inference you trust (or the commit before a speed-up) with
 * `UPDATE_CLASSIFY_SNAPSHOT=1 npx jest classify-snapshot`, then check the speed-up against it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { preparePolicy, sha256Of } from '../../../../../policies/server/load-model';
import { classify } from '../../../../../policies/src/engine';
import type { Classification, Ticket } from '../../../../../policies/src/types';
import { parsePolicy } from '../../../../../policies/src/validate-policy';

const root = path.resolve(__dirname, '../../../../..');
const fixture = path.join(root, 'test/fixtures/policies/classify-snapshot.jsonl');
const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const policy = parsed.policy;
const problems = preparePolicy(policy, path.join(root, 'policies'));
const modelSha = sha256Of(fs.readFileSync(path.resolve(root, 'policies', policy.classification.model!.file)));

const readTickets = (file: string): Ticket[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as { id: string | number; subject?: string; description?: string };
      return { id: String(o.id), subject: o.subject ?? '', description: o.description ?? '' };
    });
const tickets = ['train.jsonl'].flatMap((f) => readTickets(path.join(root, 'policies/training', f)));

function record(t: Ticket, c: Classification) {
  return {
    id: t.id,
    category: c.category,
    severity: c.severity,
    signals: c.signals,
    confidence: c.confidence,
    review: c.review?.reasons,
    // `basis` (the reasons as data, added after the snapshot) is left out: the rest must not change.
    sha256: createHash('sha256')
      .update(JSON.stringify({ ...c, basis: undefined }))
      .digest('hex')
      .slice(0, 32),
  };
}

test('the default model loads', () => {
  expect(problems).toEqual([]);
});

test('classification of every training-set ticket equals the snapshot taken before the speed-up', () => {
  const actual = tickets.map((t) => record(t, classify(t, policy)));
  if (process.env.UPDATE_CLASSIFY_SNAPSHOT === '1') {
    fs.writeFileSync(fixture, `${JSON.stringify({ model: modelSha })}\n${actual.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  const [head, ...lines] = fs
    .readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  expect({ snapshotOfModel: (JSON.parse(head) as { model: string }).model }).toEqual({ snapshotOfModel: modelSha });
  const expected = lines.map((l) => JSON.parse(l) as ReturnType<typeof record>);
  expect(actual.length).toBe(expected.length);
  expect(actual.length).toBeGreaterThan(1500);
  const diffs = actual.filter((a, i) => JSON.stringify(a) !== JSON.stringify(expected[i]));
  // Show the first few differing tickets in full (exact equality: floats included).
  expect(diffs.slice(0, 3).map((a) => ({ actual: a, expected: expected.find((e) => e.id === a.id) }))).toEqual([]);
  expect(diffs.length).toBe(0);
});
