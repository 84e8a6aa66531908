#!/usr/bin/env node
// Deterministic held-out split of the training corpus: a ticket is held out when the first four
// bytes of SHA-256(id), as a number, modulo 100 fall below HELDOUT_PERCENT (20). Reads every
// policies/training/source/*.jsonl and writes policies/training/train.jsonl and heldout.jsonl.
// The held-out file is only ever evaluated, never trained or tuned on.
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
for (const f of fs.readdirSync(sourceDir).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const line of fs.readFileSync(path.join(sourceDir, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { id } = JSON.parse(line);
    (heldOut(id) ? held : train).push(line.trim());
  }
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'train.jsonl'), `${train.join('\n')}\n`);
fs.writeFileSync(path.join(outDir, 'heldout.jsonl'), `${held.join('\n')}\n`);
console.log(`split ${train.length + held.length} tickets: ${train.length} train, ${held.length} held out (${HELDOUT_PERCENT} % by SHA-256 of the id)`);
