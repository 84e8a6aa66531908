/**
 * Inference speed-ups must not change any output: training tickets of policies/training/train.jsonl
 * (not the held-out split: a snapshot diff would show which held-out tickets a change moves) classified with the default policy and its model give exactly the category, severity,
 * signals, confidences and review reasons recorded before the speed-up
 * (test/fixtures/policies/classify-snapshot.jsonl), and a digest of the whole Classification
 * (matches, scores, explanations, disagreements) is unchanged too.
 * The snapshot records every training ticket; by default only the stratified subset listed in its first line is
 * classified (about one in seven, chosen when the snapshot was written: test/support/choose-snapshot-subset.ts),
 * while the model's hash and the full list of ids are always checked. `FULL_SWEEP=1` classifies every ticket.
 * What the subset can miss: a change that moves only a few tickets outside it (a phrase found in a handful of
 * tickets, a rounding difference in rare confidences, one long or unusual text); it catches changes that move a
 * share of some language, category, severity, signal, review reason or corpus batch. So a change to inference
 * (engine, model compile, normalisation) is checked with FULL_SWEEP=1 before it lands (CONTRIBUTING.md).
 * The snapshot belongs to one model file and one default policy: after retraining or a policy change,
 * regenerate it from a commit whose inference you trust (or the commit before a speed-up) with
 * `UPDATE_CLASSIFY_SNAPSHOT=1 npx jest classify-snapshot` (classifies all, chooses the subset again), then check the speed-up against it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { preparePolicy, sha256Of } from '../../../../../policies/server/load-model';
import { classify } from '../../../../../policies/src/engine';
import type { Classification, Ticket } from '../../../../../policies/src/types';
import { parsePolicy } from '../../../../../policies/src/validate-policy';
import { chooseSnapshotSubset, strataOf, type SnapshotRow } from '../../../../support/choose-snapshot-subset';

const root = path.resolve(__dirname, '../../../../..');
const fixture = path.join(root, 'test/fixtures/policies/classify-snapshot.jsonl');
const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const policy = parsed.policy;
const problems = preparePolicy(policy, path.join(root, 'policies'));
const modelSha = sha256Of(fs.readFileSync(path.resolve(root, 'policies', policy.classification.model!.file)));
const update = process.env.UPDATE_CLASSIFY_SNAPSHOT === '1';
const full = update || process.env.FULL_SWEEP === '1';

type CorpusTicket = Ticket & { lang: string };
const tickets: CorpusTicket[] = fs
  .readFileSync(path.join(root, 'policies/training/train.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const o = JSON.parse(l) as { id: string | number; lang: string; subject?: string; description?: string };
    return { id: String(o.id), lang: o.lang, subject: o.subject ?? '', description: o.description ?? '' };
  });

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
type SnapshotRecord = ReturnType<typeof record>;

const rowOf = (t: CorpusTicket, r: SnapshotRecord): SnapshotRow => ({
  ...r,
  id: t.id,
  lang: t.lang,
  size: t.subject.length + t.description.length,
});

function write(records: SnapshotRecord[]): void {
  const subset = chooseSnapshotSubset(records.map((r, i) => rowOf(tickets[i], r)));
  const head = JSON.stringify({ model: modelSha, subset });
  fs.writeFileSync(fixture, `${head}\n${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
}

const [headLine, ...lines] = (() => {
  if (update) write(tickets.map((t) => record(t, classify(t, policy))));
  return fs
    .readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
})();
const head = JSON.parse(headLine) as { model: string; subset: string[] };
const expected = lines.map((l) => JSON.parse(l) as SnapshotRecord);

test('the default model loads, and is the one the snapshot was taken with', () => {
  expect(problems).toEqual([]);
  expect({ snapshotOfModel: head.model }).toEqual({ snapshotOfModel: modelSha });
});

test('the snapshot lists every training ticket, in order', () => {
  expect(tickets.length).toBeGreaterThan(1500);
  expect(expected.map((e) => e.id)).toEqual(tickets.map((t) => t.id));
});

test('the stored subset is about one in seven and holds every language, category, severity, signal, review reason', () => {
  const ids = new Set(tickets.map((t) => t.id));
  expect(head.subset.filter((id) => !ids.has(id))).toEqual([]);
  expect(new Set(head.subset).size).toBe(head.subset.length);
  expect(head.subset.length).toBeGreaterThan(tickets.length / 8);
  expect(head.subset.length).toBeLessThan(tickets.length / 5);
  const inSubset = new Set(head.subset);
  const strata = (keep: (id: string) => boolean) => new Set(expected.flatMap((e, i) => (keep(e.id) ? strataOf(rowOf(tickets[i], e)) : [])));
  const held = strata((id) => inSubset.has(id));
  const missing = [...strata(() => true)].filter((s) => !held.has(s));
  expect(missing).toEqual([]);
});

test(`classification of ${full ? 'every training-set ticket' : "the snapshot's subset"} equals the snapshot`, () => {
  const chosen = full ? null : new Set(head.subset);
  const swept = tickets.filter((t) => !chosen || chosen.has(t.id));
  const byId = new Map(expected.map((e) => [e.id, e]));
  const actual = swept.map((t) => record(t, classify(t, policy)));
  expect(actual.length).toBe(full ? expected.length : head.subset.length);
  const diffs = actual.filter((a) => JSON.stringify(a) !== JSON.stringify(byId.get(a.id)));
  // Show the first few differing tickets in full (exact equality: floats included).
  expect(diffs.slice(0, 3).map((a) => ({ actual: a, expected: byId.get(a.id) }))).toEqual([]);
  expect(diffs.length).toBe(0);
});
