/**
 * Round 7's training-label corrections are exactly what their rule says: for the training tickets two
 * blind annotators read (policies/training/audit/round7-annotator-{1,2}.jsonl: the round's out-of-fold
 * errors and CV-correct controls, not knowing which was which, from domain.md alone), a label changes
 * only where both chose the same value against the label as it stood (the source files with the earlier
 * corrections applied) and neither marked that field unsure. No model output is involved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { agreedLabelChanges, type Annotation, type Labels } from '../../../../policies/src/training/agreed-labels';
import { readJsonl } from '../../../support/read-jsonl';

const dir = path.resolve(__dirname, '../../../../policies/training');
const WHY = 'two blind annotators (round 7)';

function labelsBefore(corrections: { id: string; field: string; from: unknown; to: unknown }[]): Map<string, Labels> {
  const labels = new Map<string, { category: string; severity: string; signals: string[] }>();
  const files = fs.readdirSync(path.join(dir, 'source')).filter((n) => n.endsWith('.jsonl'));
  for (const f of files) for (const t of readJsonl(path.join(dir, 'source', f))) if (!labels.has(t.id)) labels.set(t.id, { ...t.expected });
  for (const c of corrections) {
    const e = labels.get(c.id)!;
    const signal = /^signal:(.+)$/.exec(c.field)?.[1];
    if (signal) e.signals = c.to ? [...e.signals, signal] : e.signals.filter((s) => s !== signal);
    else e[c.field as 'category' | 'severity'] = c.to as string;
  }
  return labels;
}

test('round-7 corrections are the labels both blind annotators chose against the original, sure of the field, and no others', () => {
  const all = readJsonl(path.join(dir, 'corrections.jsonl'));
  const earlier = all.filter((c) => c.why !== WHY);
  const round7 = all.filter((c) => c.why === WHY);
  const [a, b] = [1, 2].map(
    (k) => new Map<string, Annotation>(readJsonl(path.join(dir, 'audit', `round7-annotator-${k}.jsonl`)).map((r) => [r.id, r])),
  );
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  const heldIds = new Set(readJsonl(path.join(dir, 'heldout.jsonl')).map((t) => t.id));
  for (const id of a.keys()) expect(heldIds.has(id)).toBe(false);

  const expected = agreedLabelChanges(labelsBefore(earlier), a, b, { skipUnsure: true }).map((c) =>
    JSON.stringify([c.id, c.field, c.from, c.to]),
  );
  expect(round7.map((c) => JSON.stringify([c.id, c.field, c.from, c.to]))).toEqual(expected);
  expect(expected.length).toBeGreaterThan(0);
});

test('an unsure mark on either side keeps the original label', () => {
  const original = new Map<string, Labels>([['x', { category: 'quality', severity: 'L2', signals: ['safety'] }]]);
  const one = { id: 'x', category: 'service', severity: 'L3', signals: [] as string[] };
  const a = new Map<string, Annotation>([['x', { ...one, unsure: ['severity'] }]]);
  const b = new Map<string, Annotation>([['x', { ...one, unsure: ['signals'] }]]);
  expect(agreedLabelChanges(original, a, b, { skipUnsure: true })).toEqual([
    { id: 'x', field: 'category', from: 'quality', to: 'service' },
  ]);
  expect(agreedLabelChanges(original, a, b)).toEqual([
    { id: 'x', field: 'category', from: 'quality', to: 'service' },
    { id: 'x', field: 'severity', from: 'L2', to: 'L3' },
    { id: 'x', field: 'signal:safety', from: true, to: false },
  ]);
});
