/**
 * scripts/frame-tickets.mjs as a maintainer runs it: each labelled ticket framed as a real email (an opening before
 * the description, a closing after it) by its locale, the same way whatever the order of the file, labels kept;
 * a share of the tickets, an id suffix for framed copies, one half of each list; the repository's two frames files
 * are valid. docs/classification.md §7 measures the classifier on tickets framed this way.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJsonl as parse } from '../../support/read-jsonl';

const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'scripts/frame-tickets.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-tickets-'));
const frames = {
  en: { open: ['Hi team,', 'Dear Sir or Madam,'], close: ['Thanks,\nAnn', 'Sent from my phone'] },
  'zh-CN': { open: ['您好，', '客服你好：'], close: ['谢谢', '此致\n敬礼'] },
  'zh-TW': { open: ['你好呀', '客服您好：'], close: ['唔該晒', '敬上'] },
};
const framesFile = path.join(dir, 'frames.json');
fs.writeFileSync(framesFile, JSON.stringify(frames));
const langs = ['en', 'zh-CN', 'zh-TW', 'zh-HK'];
const tickets = Array.from({ length: 100 }, (_, i) => ({
  id: `t-${i}`,
  lang: langs[i % 4],
  subject: `subject ${i}`,
  description: `body ${i}`,
  expected: { category: 'quality', severity: 'L2', signals: [] },
}));
const write = (name: string, list: object[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, list.map((t) => JSON.stringify(t)).join('\n') + '\n');
  return file;
};
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

test('frames every ticket by its locale, keeps the labels, and frames a ticket the same way in any order', () => {
  const r = run('--frames', framesFile, write('in.jsonl', tickets));
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('framed 100 tickets');
  const out = parse(r.stdout);
  expect(out).toHaveLength(100);
  out.forEach((t, i) => {
    const original = tickets[i];
    const locale = original.lang === 'zh-HK' ? 'zh-TW' : (original.lang as keyof typeof frames);
    expect(t).toEqual({ ...original, description: t.description });
    const [before, after] = t.description.split(original.description);
    expect(frames[locale].open).toContain(before.replace(/\n+$/, ''));
    expect(frames[locale].close).toContain(after.replace(/^\n+/, ''));
  });
  // every opening and closing of a list is used, and both kinds of gap
  expect(new Set(out.map((t) => t.description.split('\n')[0])).size).toBeGreaterThan(4);
  expect(out.some((t) => t.description.includes('\n\nbody'))).toBe(true);
  expect(out.some((t) => /[^\n]\nbody/.test(t.description))).toBe(true);
  const reversed = parse(run('--frames', framesFile, write('rev.jsonl', [...tickets].reverse())).stdout).reverse();
  expect(reversed).toEqual(out);
  // another seed frames differently
  expect(parse(run('--frames', framesFile, '--seed', 'other', path.join(dir, 'in.jsonl')).stdout)).not.toEqual(out);
});

test('--share writes a part of the tickets, --suffix marks framed copies, --half keeps one half of each list', () => {
  const half = parse(run('--frames', framesFile, '--share', '0.5', '--suffix=-fr', path.join(dir, 'in.jsonl')).stdout);
  expect(half.length).toBeGreaterThan(30);
  expect(half.length).toBeLessThan(70);
  expect(half.every((t) => /^t-\d+-fr$/.test(t.id))).toBe(true);
  const even = parse(run('--frames', framesFile, '--half', 'even', path.join(dir, 'in.jsonl')).stdout);
  for (const t of even.filter((x) => x.lang === 'en')) {
    expect(t.description.startsWith('Hi team,')).toBe(true);
    expect(t.description.endsWith('Thanks,\nAnn')).toBe(true);
  }
});

test('a bad frames file or a bad line says what and where; a bad call prints the usage', () => {
  const bad = path.join(dir, 'bad-frames.json');
  fs.writeFileSync(bad, JSON.stringify({ ...frames, 'zh-TW': { open: [], close: ['x'] } }));
  const r = run('--frames', bad, path.join(dir, 'in.jsonl'));
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('zh-TW.open must be a non-empty list');
  const broken = path.join(dir, 'broken.jsonl');
  fs.writeFileSync(broken, `${JSON.stringify(tickets[0])}\n{not json\n`);
  const b = run('--frames', framesFile, broken);
  expect(b.status).toBe(1);
  expect(b.stderr).toContain('broken.jsonl:2: not a JSON object');
  expect(run(path.join(dir, 'in.jsonl')).status).toBe(2);
  expect(run('--frames', framesFile, '--share', '0', path.join(dir, 'in.jsonl')).stderr).toContain('usage:');
});

test.each([
  'policies/training/frames.json',
  'policies/evaluation/frames.json',
  'policies/evaluation/frames-round41a.json',
  'policies/evaluation/frames-round41b.json',
  'policies/evaluation/frames-round41c.json',
  'policies/evaluation/frames-round41d.json',
  'policies/evaluation/frames-round42a.json',
  'policies/evaluation/frames-round42b.json',
  'policies/evaluation/frames-round42c.json',
  'policies/evaluation/frames-round42d.json',
  'policies/evaluation/frames-round42e.json',
  'policies/evaluation/frames-round42f.json',
  'policies/evaluation/frames-round43a.json',
  'policies/evaluation/frames-round43b.json',
  'policies/evaluation/frames-round43c.json',
  'policies/evaluation/frames-round43d.json',
  'policies/evaluation/frames-round43e.json',
  'policies/evaluation/frames-round43f.json',
  'policies/evaluation/frames-round43g.json',
  'policies/evaluation/frames-round43h.json',
  'policies/evaluation/frames-round43i.json',
  'policies/evaluation/frames-round44a.json',
  'policies/evaluation/frames-round44b.json',
  'policies/evaluation/frames-round44c.json',
  'policies/evaluation/frames-round44d.json',
  'policies/evaluation/frames-round44e.json',
  'policies/evaluation/frames-round44f.json',
  'policies/evaluation/frames-round44g.json',
  'policies/evaluation/frames-round44h.json',
])('%s frames tickets of every locale', (file) => {
  const r = run('--frames', path.join(root, file), path.join(dir, 'in.jsonl'));
  expect(r.status).toBe(0);
  const out = parse(r.stdout);
  expect(out).toHaveLength(100);
  out.forEach((t, i) => expect(t.description).toContain(tickets[i].description));
});
