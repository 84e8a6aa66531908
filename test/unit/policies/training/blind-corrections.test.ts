/**
 * The training-label corrections of rounds 7 to 10 and 12 are exactly what their rule says: for the training
 * tickets two blind annotators read (policies/training/audit/round{7,8,9,10,12,12b,13,14,14b,15,15b,16,16b,17,17b,18,18b,19,20,21,22}-annotator-{1,2}.jsonl: the round's
 * out-of-fold or new writers' errors, with controls in most rounds, not knowing which was which, from domain.md alone), a label
 * changes only where both chose the same value against the label as it stood (the source files with the
 * corrections listed before that round's applied) and neither marked that field unsure. No model output
 * is involved. scripts/split-corpus.mjs makes the labels twice (none and all corrections), not once per round.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agreedLabelChanges, type Annotation, type Labels } from '../../../../policies/src/training/agreed-labels';
import { readById, readJsonl } from '../../../support/read-jsonl';

const dir = path.resolve(__dirname, '../../../../policies/training');
const script = path.resolve(__dirname, '../../../../scripts/split-corpus.mjs');

/**
 * Training labels by id: scripts/split-corpus.mjs itself (how train.jsonl is made) run into a temporary
 * folder with only `corrections`.
 */
function splitLabels(corrections: object[]): Map<string, Labels> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blind-corrections-'));
  try {
    const file = path.join(tmp, 'earlier-corrections.jsonl');
    fs.writeFileSync(file, corrections.map((c) => `${JSON.stringify(c)}\n`).join(''));
    const r = spawnSync(process.execPath, [script, path.join(dir, 'source'), tmp, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`split-corpus.mjs failed: ${r.stderr}`);
    return new Map(readJsonl(path.join(tmp, 'train.jsonl')).map((t) => [t.id, t.expected]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

type Correction = { id: string; field: string; from: string | boolean; to: string | boolean; why: string };

/**
 * `corrections` applied in order to `labels`, each `from` checked against the label as it stands: the rule
 * split-corpus.mjs follows (the first test holds the two to the same answer over the whole corpus).
 */
function applyInOrder(labels: ReadonlyMap<string, Labels>, corrections: readonly Correction[]): Map<string, Labels> {
  const out = new Map(labels);
  for (const c of corrections) {
    const t = out.get(c.id);
    if (!t) throw new Error(`no training ticket ${c.id}`);
    const signal = /^signal:(.+)$/.exec(c.field)?.[1];
    const current = signal ? t.signals.includes(signal) : t[c.field as 'category' | 'severity'];
    if (current !== c.from) throw new Error(`${c.id} ${c.field} is ${JSON.stringify(current)}, not ${JSON.stringify(c.from)}`);
    if (signal) out.set(c.id, { ...t, signals: c.to ? [...t.signals, signal] : t.signals.filter((s) => s !== signal) });
    else out.set(c.id, { ...t, [c.field]: c.to });
  }
  return out;
}

// split-corpus.mjs runs twice over the whole source (not once per round): the labels as first written, and
// with every correction. The labels before a round are the first with the earlier rounds' lines applied.
const all = readJsonl<Correction>(path.join(dir, 'corrections.jsonl'));
let original: Map<string, Labels>;
beforeAll(() => {
  original = splitLabels([]);
});

test('the corrections applied in order give exactly the labels split-corpus.mjs writes with all of them', () => {
  const written = splitLabels(all);
  const applied = applyInOrder(original, all);
  expect(applied.size).toBe(written.size);
  const differ = [...written].filter(([id, l]) => JSON.stringify(applied.get(id)) !== JSON.stringify(l)).map(([id]) => id);
  expect(differ.slice(0, 5)).toEqual([]);
  expect(all.length).toBeGreaterThan(800);
});

// [the corrections' `why`, the audit files' prefix, whether a field either annotator marked unsure was
// skipped]. Round 11 applied agreed changes even where one annotator was unsure (round 12 went back to
// skipping them); rounds 11 and 12 each had a second batch (new writers); rounds 13 to 22's batches were new writers' errors.
const batches: [string, string, boolean][] = [
  ...[7, 8, 9, 10, 12].map((r): [string, string, boolean] => [`two blind annotators (round ${r})`, `round${r}`, true]),
  ['two blind annotators (round 11)', 'round11', false],
  ['two blind annotators (round 11, new writers)', 'round11b', false],
  ['two blind annotators (round 12, new writers)', 'round12b', true],
  ['two blind annotators (round 13, new writers)', 'round13', true],
  ['two blind annotators (round 14, new writers)', 'round14', true],
  ['two blind annotators (round 14b, new writers)', 'round14b', true],
  ['two blind annotators (round 15, new writers)', 'round15', true],
  ['two blind annotators (round 15b, new writers)', 'round15b', true],
  ['two blind annotators (round 16, new writers)', 'round16', true],
  ['two blind annotators (round 16b, new writers)', 'round16b', true],
  ['two blind annotators (round 17, new writers)', 'round17', true],
  ['two blind annotators (round 17b, new writers)', 'round17b', true],
  ['two blind annotators (round 18, new writers)', 'round18', true],
  ['two blind annotators (round 18b, new writers)', 'round18b', true],
  ['two blind annotators (round 19, new writers)', 'round19', true],
  ['two blind annotators (round 20, new writers)', 'round20', true],
  ['two blind annotators (round 21, new writers)', 'round21', true],
  ['two blind annotators (round 22, new writers)', 'round22', true],
];

test.each(batches)(
  '"%s": the labels both blind annotators (%s) chose against the original (skipping unsure fields: %s), and no others',
  (why, audit, skipUnsure) => {
    const first = all.findIndex((c) => c.why === why);
    expect(first).toBeGreaterThan(0);
    const earlier = all.slice(0, first);
    const own = all.filter((c) => c.why === why);
    // the round's lines are one block: nothing of another round in between
    expect(all.slice(first, first + own.length).every((c) => c.why === why)).toBe(true);
    const [a, b] = [1, 2].map((k) => readById<Annotation>(path.join(dir, 'audit', `${audit}-annotator-${k}.jsonl`)));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    const heldIds = new Set(readJsonl(path.join(dir, 'heldout.jsonl')).map((t) => t.id));
    for (const id of a.keys()) expect(heldIds.has(id)).toBe(false);

    const expected = agreedLabelChanges(applyInOrder(original, earlier), a, b, { skipUnsure }).map((c) =>
      JSON.stringify([c.id, c.field, c.from, c.to]),
    );
    // order within a block is not meaningful (round 12 wrote it in file order)
    expect(own.map((c) => JSON.stringify([c.id, c.field, c.from, c.to])).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  },
);

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
