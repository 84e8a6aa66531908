#!/usr/bin/env node
// Deterministic held-out split of the training corpus: a ticket is held out when the first four
// bytes of SHA-256(id), as a number, modulo 100 fall below HELDOUT_PERCENT (20). Reads every
// policies/training/source/*.jsonl and writes policies/training/train.jsonl and heldout.jsonl.
// The held-out file is only ever evaluated, never trained or tuned on.
// Files named *.train.jsonl go to train.jsonl whole (after the others): data added after the split
// was fixed (e.g. the round-3 hard cases), so that heldout.jsonl stays the same set across rounds.
// A ticket whose id, or whose subject and description, is already in the corpus is skipped.
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
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'train.jsonl'), `${train.join('\n')}\n`);
fs.writeFileSync(path.join(outDir, 'heldout.jsonl'), `${held.join('\n')}\n`);
console.log(
  `split ${train.length + held.length} tickets: ${train.length} train, ${held.length} held out (${HELDOUT_PERCENT} % by SHA-256 of the id; *.train.jsonl all train)${skipped ? `, ${skipped} duplicate(s) skipped` : ''}`,
);
