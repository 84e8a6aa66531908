/**
 * scripts/split-corpus.mjs as a maintainer runs it: the held-out split by SHA-256 of the id, files
 * named *.train.jsonl wholly in train.jsonl (so adding data later leaves heldout.jsonl unchanged),
 * a ticket already in the corpus (same id, or same subject and description) skipped, and label
 * corrections (corrections.jsonl beside the source folder) applied to training tickets only.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJsonl } from '../../support/read-jsonl';

const script = path.resolve(__dirname, '../../../scripts/split-corpus.mjs');
const line = (id: string, description: string) =>
  JSON.stringify({ id, lang: 'en', subject: 's', description, expected: { category: 'other', severity: 'L3', signals: [] } });
const ids = (file: string) => readJsonl(file).map((t) => t.id as string);

/** A temporary corpus: `source/en.jsonl` with 60 tickets `b-0` … `b-59`, and `run(out, …args)` splitting it into `out`. */
function newCorpus() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-corpus-'));
  const src = path.join(dir, 'source');
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'en.jsonl'), `${Array.from({ length: 60 }, (_, i) => line(`b-${i}`, `text ${i}`)).join('\n')}\n`);
  const run = (out: string, ...more: string[]) =>
    spawnSync(process.execPath, [script, src, path.join(dir, out), ...more], { encoding: 'utf8' });
  return { dir, src, run };
}

test('*.train.jsonl goes to train only, duplicates are skipped, the held-out set does not move', () => {
  const { dir, src, run: split } = newCorpus();
  const run = (out: string) => {
    const r = split(out);
    expect(r.status).toBe(0);
    return r.stdout;
  };
  run('before');
  const heldBefore = ids(path.join(dir, 'before', 'heldout.jsonl'));
  expect(heldBefore.length).toBeGreaterThan(0);
  expect(heldBefore.length).toBeLessThan(60);

  const added = Array.from({ length: 40 }, (_, i) => line(`n-${i}`, `new ${i}`));
  fs.writeFileSync(path.join(src, 'a-later.train.jsonl'), `${[...added, line('b-3', 'same id'), line('x-1', 'text 7')].join('\n')}\n`);
  const out = run('after');
  expect(out).toContain('2 duplicate(s) skipped');
  expect(ids(path.join(dir, 'after', 'heldout.jsonl'))).toEqual(heldBefore);
  const train = ids(path.join(dir, 'after', 'train.jsonl'));
  expect(train).toEqual([...ids(path.join(dir, 'before', 'train.jsonl')), ...added.map((l) => JSON.parse(l).id)]);
});

test('corrections.jsonl corrects training labels only, checks `from`, and refuses a held-out ticket', () => {
  const { dir, run } = newCorpus();
  expect(run('plain').status).toBe(0);
  const held = ids(path.join(dir, 'plain', 'heldout.jsonl'));
  const heldText = fs.readFileSync(path.join(dir, 'plain', 'heldout.jsonl'), 'utf8');
  const trainIds = ids(path.join(dir, 'plain', 'train.jsonl'));
  const [a, b] = trainIds;
  const fix = (o: object) => JSON.stringify({ ...o, why: 'second annotator + CV' });
  const corrections = path.join(dir, 'corrections.jsonl');
  fs.writeFileSync(
    corrections,
    `${[fix({ id: a, field: 'severity', from: 'L3', to: 'L2' }), fix({ id: b, field: 'signal:repeat_contact', from: false, to: true })].join('\n')}\n`,
  );
  const ok = run('fixed');
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain('2 label correction(s) applied to train');
  const train = readJsonl(path.join(dir, 'fixed', 'train.jsonl'));
  expect(train.find((t) => t.id === a).expected).toEqual({ category: 'other', severity: 'L2', signals: [] });
  expect(train.find((t) => t.id === b).expected.signals).toEqual(['repeat_contact']);
  expect(train.filter((t) => t.id !== a && t.id !== b).every((t) => t.expected.severity === 'L3' && t.expected.signals.length === 0)).toBe(
    true,
  );
  expect(fs.readFileSync(path.join(dir, 'fixed', 'heldout.jsonl'), 'utf8')).toBe(heldText);

  // a held-out ticket, or a `from` that is not the current label: refused, nothing written
  fs.writeFileSync(
    corrections,
    `${fix({ id: held[0], field: 'severity', from: 'L3', to: 'L1' })}\n${fix({ id: a, field: 'category', from: 'usage', to: 'quality' })}\n`,
  );
  const bad = run('bad');
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain(`corrections.jsonl:1: ${held[0]} is not a training ticket`);
  expect(bad.stderr).toContain(`corrections.jsonl:2: ${a} category is "other", not "usage"`);
  expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
});

test('heldout-adjudication.jsonl changes held-out labels only and refuses a training ticket', () => {
  const { dir, run } = newCorpus();
  const adjudication = path.join(dir, 'heldout-adjudication.jsonl');
  expect(run('plain').status).toBe(0);
  const held = ids(path.join(dir, 'plain', 'heldout.jsonl'));
  const trainText = fs.readFileSync(path.join(dir, 'plain', 'train.jsonl'), 'utf8');
  const change = (id: string) => JSON.stringify({ id, field: 'category', from: 'other', to: 'service', why: 'both annotators' });
  fs.writeFileSync(adjudication, `${change(held[0])}\n`);
  const ok = run('adjudicated');
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain('1 adjudicated label(s) applied to held-out');
  const heldOut = readJsonl(path.join(dir, 'adjudicated', 'heldout.jsonl'));
  expect(heldOut.map((t) => t.expected.category)).toEqual(held.map((id) => (id === held[0] ? 'service' : 'other')));
  expect(fs.readFileSync(path.join(dir, 'adjudicated', 'train.jsonl'), 'utf8')).toBe(trainText);
  // `none` gives the held-out labels as first written
  expect(run('as-written', 'none', 'none').status).toBe(0);
  expect(ids(path.join(dir, 'as-written', 'heldout.jsonl'))).toEqual(held);
  expect(fs.readFileSync(path.join(dir, 'as-written', 'heldout.jsonl'), 'utf8')).toBe(
    fs.readFileSync(path.join(dir, 'plain', 'heldout.jsonl'), 'utf8'),
  );

  fs.writeFileSync(adjudication, `${change(ids(path.join(dir, 'plain', 'train.jsonl'))[0])}\n`);
  const bad = run('bad');
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('is not a held-out ticket; this file changes held-out labels only');
  expect(fs.existsSync(path.join(dir, 'bad'))).toBe(false);
});
