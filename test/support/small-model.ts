/**
 * A small model, trained the way `model train` trains (the default policy's rules and training options, the
 * traditional → simplified fold map; one SGD run of 3 epochs on every 100th training ticket), and the default
 * policy naming it: for tests of how a model file is read, checked, cached and attached, where the shipped model
 * (20 MB; about a second of CPU per load or hash, several per cold preparation) is only cost. Tests about the
 * shipped model's answers keep using it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldMap } from '../../policies/server/opencc';
import { trainModel, type LabelledTicket } from '../../policies/src/training/train-model';
import { readJsonl } from './read-jsonl';
import { loadPolicy } from './test-policy';

const ROOT = path.resolve(__dirname, '../..');

export interface SmallModel {
  /** The folder the policy's model path is relative to (the baseDir of preparePolicy). */
  baseDir: string;
  /** The model file's absolute path (`models/small-model.json` under baseDir). */
  file: string;
  /** policies/default.json with `classification.model.file` naming the small model (no SHA-256 pin). */
  policyText: string;
}

/** Trains the small model into `<dir>/models/small-model.json` (1-2 s of CPU). */
export function writeSmallModel(dir: string): SmallModel {
  const tickets = readJsonl<LabelledTicket>(path.join(ROOT, 'policies/training/train.jsonl')).filter((_, i) => i % 100 === 0);
  const artifact = trainModel(tickets, loadPolicy(), foldMap(), ['train.jsonl (every 100th)'], '2026-12-02T00:00:00.000Z', {
    epochs: 3,
    averageRuns: 1,
  });
  const file = path.join(dir, 'models', 'small-model.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(artifact)}\n`); // as `model train` writes it
  const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8'));
  policy.classification.model = { ...policy.classification.model, file: 'models/small-model.json' };
  delete policy.classification.model.sha256;
  return { baseDir: dir, file, policyText: JSON.stringify(policy, null, 2) };
}
