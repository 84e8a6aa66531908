#!/usr/bin/env node
// Deterministic held-out split of the training corpus: a ticket is held out when the first four
// bytes of SHA-256(id), as a number, modulo 100 fall below HELDOUT_PERCENT (20). Reads every
// policies/training/source/*.jsonl and writes policies/training/train.jsonl and heldout.jsonl.
// The held-out file is only ever evaluated, never trained or tuned on.
// Files named *.train.jsonl go to train.jsonl whole (after the others): data added after the split
// was fixed (e.g. the round-3 hard cases), so that heldout.jsonl stays the same set across rounds.
// A ticket whose id, or whose subject and description, is already in the corpus is skipped.
// corrections.jsonl beside the source folder ({"id","field","from","to","why"}; field = category, severity or
// signal:<id>) corrects labels of TRAINING tickets only: a correction naming a held-out ticket, an
// unknown id or field, or a `from` that is not the current label stops the split (nothing written).
// heldout-adjudication.jsonl (same shape) does the same for HELD-OUT tickets only: labels that two blind
// annotators (audit/heldout-annotator-*.jsonl) both read differently from the original; it never looks at
// a model. Pass `none` as its path (4th argument) for the held-out labels as first written.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HELDOUT_PERCENT = 20;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'policies', 'training');
const sourceDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(dir, 'source');
const outDir = process.argv[3] ? path.resolve(process.argv[3]) : dir;

export function heldOut(id) {
  return createHash('sha256').update(String(id)).digest().readUInt32BE(0) % 100 < HELDOUT_PERCENT;
}

const train = [];
const held = [];
const seen = new Set();
let skipped = 0;
const files = fs
  .readdirSync(sourceDir)
  .filter((n) => n.endsWith('.jsonl'))
  .sort();
const trainOnly = (f) => f.endsWith('.train.jsonl');
for (const f of [...files.filter((n) => !trainOnly(n)), ...files.filter(trainOnly)]) {
  for (const line of fs.readFileSync(path.join(sourceDir, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { id, subject, description } = JSON.parse(line);
    const keys = [`id:${id}`, `text:${subject ?? ''}\n${description ?? ''}`];
    if (keys.some((k) => seen.has(k))) {
      skipped++;
      continue;
    }
    for (const k of keys) seen.add(k);
    (!trainOnly(f) && heldOut(id) ? held : train).push(line.trim());
  }
}
// Beside the source folder: policies/training/corrections.jsonl and heldout-adjudication.jsonl.
const beside = (name, arg) => (arg === 'none' ? null : arg ? path.resolve(arg) : path.join(path.dirname(sourceDir), name));
const corrected = applyCorrections(train, held, beside('corrections.jsonl', process.argv[4]), 'training');
const adjudicated = applyCorrections(held, train, beside('heldout-adjudication.jsonl', process.argv[5]), 'held-out');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'train.jsonl'), `${train.join('\n')}\n`);
fs.writeFileSync(path.join(outDir, 'heldout.jsonl'), `${held.join('\n')}\n`);
console.log(
  `split ${train.length + held.length} tickets: ${train.length} train, ${held.length} held out (${HELDOUT_PERCENT} % by SHA-256 of the id; *.train.jsonl all train)${skipped ? `, ${skipped} duplicate(s) skipped` : ''}${corrected ? `; ${corrected} label correction(s) applied to train` : ''}${adjudicated ? `; ${adjudicated} adjudicated label(s) applied to held-out` : ''}`,
);

/**
 * Applies a label-change file (if any) to `lines` in place (the `kind` split: training or held-out);
 * a change naming a ticket of the other split is refused. Returns how many it applied.
 */
function applyCorrections(lines, otherLines, file, kind) {
  if (!file || !fs.existsSync(file)) return 0;
  const index = new Map(lines.map((l, i) => [JSON.parse(l).id, i]));
  const otherIds = new Set(otherLines.map((l) => JSON.parse(l).id));
  const problems = [];
  let n = 0;
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, k) => {
      if (!line.trim()) return;
      const where = `${path.relative(root, file)}:${k + 1}`;
      const c = JSON.parse(line);
      if (otherIds.has(c.id)) return problems.push(`${where}: ${c.id} is not a ${kind} ticket; this file changes ${kind} labels only`);
      const i = index.get(c.id);
      if (i === undefined) return problems.push(`${where}: no ${kind} ticket ${c.id}`);
      const t = JSON.parse(lines[i]);
      const e = t.expected;
      const signal = /^signal:(.+)$/.exec(c.field)?.[1];
      const current = signal ? e.signals.includes(signal) : c.field === 'category' || c.field === 'severity' ? e[c.field] : undefined;
      if (current === undefined) return problems.push(`${where}: unknown field ${c.field} (category, severity or signal:<id>)`);
      if (current !== c.from)
        return problems.push(`${where}: ${c.id} ${c.field} is ${JSON.stringify(current)}, not ${JSON.stringify(c.from)}`);
      if (signal) e.signals = c.to ? [...e.signals, signal] : e.signals.filter((x) => x !== signal);
      else e[c.field] = c.to;
      lines[i] = JSON.stringify(t);
      n++;
    });
  if (problems.length) {
    console.error(`${problems.join('\n')}\nnothing written: fix ${path.relative(root, file)} (or the source files)`);
    process.exit(1);
  }
  return n;
}
