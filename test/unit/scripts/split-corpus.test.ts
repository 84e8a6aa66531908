/**
 * scripts/split-corpus.mjs as a maintainer runs it: the held-out split by SHA-256 of the id, files
 * named *.train.jsonl wholly in train.jsonl (so adding data later leaves heldout.jsonl unchanged),
 * and a ticket already in the corpus (same id, or same subject and description) skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../../scripts/split-corpus.mjs');
const line = (id: string, description: string) =>
  JSON.stringify({ id, lang: 'en', subject: 's', description, expected: { category: 'other', severity: 'L3', signals: [] } });
const ids = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).id as string);

test('*.train.jsonl goes to train only, duplicates are skipped, the held-out set does not move', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-corpus-'));
  const src = path.join(dir, 'source');
  fs.mkdirSync(src);
  const base = Array.from({ length: 60 }, (_, i) => line(`b-${i}`, `text ${i}`));
  fs.writeFileSync(path.join(src, 'en.jsonl'), `${base.join('\n')}\n`);
  const run = (out: string) => {
    const r = spawnSync(process.execPath, [script, src, path.join(dir, out)], { encoding: 'utf8' });
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
