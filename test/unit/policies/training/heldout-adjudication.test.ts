/**
 * The repository's held-out adjudication is exactly what its rule says, and nothing else: a held-out
 * label changes only where both blind annotators (policies/training/audit/heldout-annotator-*.jsonl,
 * who read domain.md and the ticket, never a model or the original label) chose the same value and it
 * differs from the label first written in policies/training/source (agreedLabelChanges).
 */
import fs from 'node:fs';
import path from 'node:path';
import { agreedLabelChanges, type Annotation, type Labels } from '../../../../policies/src/training/agreed-labels';
import { readById, readJsonl } from '../../../support/read-jsonl';

const dir = path.resolve(__dirname, '../../../../policies/training');

test('every adjudicated held-out label is one both annotators chose against the original, and all such labels are adjudicated', () => {
  const original = new Map<string, Labels>();
  for (const f of fs.readdirSync(path.join(dir, 'source')).filter((n) => n.endsWith('.jsonl') && !n.endsWith('.train.jsonl')))
    for (const t of readJsonl(path.join(dir, 'source', f))) if (!original.has(t.id)) original.set(t.id, t.expected);
  const heldIds = readJsonl(path.join(dir, 'heldout.jsonl')).map((t) => t.id as string);
  const [a, b] = [1, 2].map((k) => readById<Annotation>(path.join(dir, 'audit', `heldout-annotator-${k}.jsonl`)));
  expect([...a.keys()].sort()).toEqual([...heldIds].sort());
  expect([...b.keys()].sort()).toEqual([...heldIds].sort());

  const expected = agreedLabelChanges(original, a, b).map((c) => JSON.stringify([c.id, c.field, c.from, c.to]));
  const actual = readJsonl(path.join(dir, 'heldout-adjudication.jsonl')).map((c) => JSON.stringify([c.id, c.field, c.from, c.to]));
  expect(actual).toEqual(expected);
  expect(actual.length).toBeGreaterThan(0);
});
